namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The fitted <see cref="MeanLabelEstimator"/>.</summary>
    public sealed class MeanLabelTransformer : LabelFusionTransformer
    {
        internal MeanLabelTransformer(ITransformer model, LabelFusionOptions options, int numberOfClasses)
            : base(model, options, numberOfClasses)
        {
        }
    }
}
