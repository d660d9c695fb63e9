namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>How many annotations each training image has.</summary>
    internal enum Regime
    {
        /// <summary>Every annotator labels every image (the paper's Table 1).</summary>
        Dense,

        /// <summary>One random annotator per image (the paper's Table 2).</summary>
        SingleLabel,
    }
}
