namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The fitted single-label regime of <see cref="SingleAnnotationEstimator"/>: keeps one annotation per row. Saved in
    /// model.zip as a chain of ML.NET transformers; <c>mlContext.Model.Load</c> returns that chain, which needs this
    /// assembly.
    /// </summary>
    public sealed class SingleAnnotationTransformer : AnnotationSelectionTransformer
    {
        internal SingleAnnotationTransformer(ITransformer model, AnnotationSelection selection)
            : base(model, selection)
        {
        }
    }
}
