namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The fusion methods, one persisted mapping contract each.</summary>
    internal enum FusionMethod
    {
        MajorityVote,
        MeanLabel,
        Staple,
        SpatialStaple,
    }
}
