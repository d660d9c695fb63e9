namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The fitted <see cref="MajorityVoteEstimator"/>.</summary>
    public sealed class MajorityVoteTransformer : LabelFusionTransformer
    {
        internal MajorityVoteTransformer(ITransformer model, LabelFusionOptions options, int numberOfClasses)
            : base(model, options, numberOfClasses)
        {
        }
    }
}
