namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The fitted partly-labelled regime of <see cref="AnnotationRemovalEstimator"/>: removes each annotation with a
    /// probability and keeps at least one per row. Saved in model.zip as a chain of ML.NET transformers;
    /// <c>mlContext.Model.Load</c> returns that chain, which needs this assembly.
    /// </summary>
    public sealed class AnnotationRemovalTransformer : AnnotationSelectionTransformer
    {
        internal AnnotationRemovalTransformer(ITransformer model, AnnotationSelection selection, double removalProbability)
            : base(model, selection)
        {
            RemovalProbability = removalProbability;
        }

        /// <summary>The probability that each annotation is removed.</summary>
        public double RemovalProbability { get; }
    }
}
