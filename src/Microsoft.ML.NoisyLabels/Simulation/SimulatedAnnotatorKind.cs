namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>The kinds of simulated annotator of "Learning to Segment When Experts Disagree" (Morpho-MNIST style).</summary>
    public enum SimulatedAnnotatorKind
    {
        /// <summary>Copies the ground truth.</summary>
        Good = 0,

        /// <summary>Over-segments: thickens the strokes (binary dilation with a disk).</summary>
        Over = 1,

        /// <summary>Under-segments: thins the strokes (binary erosion with a disk).</summary>
        Under = 2,

        /// <summary>Segments wrongly: thickens the strokes as <see cref="Over"/> does, then cuts fractures across them.</summary>
        Wrong = 3,

        /// <summary>Marks nothing: every pixel is background.</summary>
        Blank = 4,

        /// <summary>
        /// Flips every label: marks the background and leaves the strokes out (the complement of the ground truth). Not
        /// one of the paper's annotators; it tests that a model can learn an annotator whose matrix has its columns
        /// swapped (the flipped solution of docs/METHOD.md, section 2, seen from the annotator's side). The trainer's
        /// global confusion matrices (<c>ConfusionMatrixKind.Global</c>, no warm-up) learn such an annotator.
        /// </summary>
        Flipped = 5,
    }
}
