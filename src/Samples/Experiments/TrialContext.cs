namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>Everything a method needs to train and be scored once.</summary>
    /// <param name="Ml">A context of the trial's own, seeded.</param>
    /// <param name="Train">Training data of the regime.</param>
    /// <param name="Test">Test data with every annotator.</param>
    /// <param name="Profile">Sizes and training settings.</param>
    /// <param name="Seed">The repetition's seed.</param>
    /// <param name="Regime">Dense or single-label.</param>
    /// <param name="AnnotatorNames">The annotator columns, when not the paper's five.</param>
    internal sealed record TrialContext(MLContext Ml, IDataView Train, IDataView Test, ExperimentProfile Profile, int Seed, Regime Regime, string[]? AnnotatorNames = null)
    {
        public string[] Annotators => AnnotatorNames ?? MnistExperimentData.Annotators;
    }
}
