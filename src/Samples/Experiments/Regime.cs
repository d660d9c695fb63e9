namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>How many annotations each training image has.</summary>
    internal enum Regime
    {
        /// <summary>Every annotator labels every image (the paper's Table 1).</summary>
        Dense,

        /// <summary>One random annotator per image (the paper's Table 2).</summary>
        SingleLabel,

        /// <summary>Partly labelled: each annotation removed with probability <see cref="RegimeNames.PartialRemoval"/>,
        /// at least one kept per image.</summary>
        Partial,
    }

    /// <summary>The regimes' names on the command line and in the report.</summary>
    internal static class RegimeNames
    {
        /// <summary>The probability that each annotation is removed in the partly labelled regime.</summary>
        public const double PartialRemoval = 0.7;

        /// <summary>The regimes a run trains by default.</summary>
        public static readonly Regime[] Default = { Regime.Dense, Regime.SingleLabel };

        public static string Key(Regime regime) => regime switch
        {
            Regime.Dense => "dense",
            Regime.SingleLabel => "single",
            _ => "partial",
        };

        /// <summary>A short label for tables.</summary>
        public static string Label(Regime regime) => regime switch
        {
            Regime.Dense => "dense",
            Regime.SingleLabel => "one label",
            _ => "70% removed",
        };

        /// <summary>Parses a comma-separated list such as "dense,single,partial".</summary>
        public static Regime[] Parse(string text)
        {
            var regimes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k switch
            {
                "dense" => Regime.Dense,
                "single" => Regime.SingleLabel,
                "partial" => Regime.Partial,
                _ => throw new ArgumentException($"Unknown regime '{k}': use dense, single or partial."),
            }).Distinct().OrderBy(r => r).ToArray();
            return regimes.Contains(Regime.Dense)
                ? regimes
                : throw new ArgumentException("--regimes must include dense (the report's figures and the training-label table read it).");
        }
    }
}
