namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>Settings of <see cref="Staple"/> (binary and multi-label).</summary>
    internal sealed record StapleSettings
    {
        /// <summary>Iteration cap (ITK's binary filter has none; ours must stop).</summary>
        public int MaximumIterations { get; init; } = FusionDefaults.StapleMaximumIterations;

        /// <summary>Binary only: ITK's ConfidenceWeight, the factor applied to the estimated foreground prior.</summary>
        public double ConfidenceWeight { get; init; } = FusionDefaults.ConfidenceWeight;

        /// <summary>Multi-label only: stop when no confusion-matrix entry changes by this much or more.</summary>
        public double TerminationThreshold { get; init; } = FusionDefaults.MultiLabelTerminationThreshold;

        /// <summary>Prior class probabilities [L], or null to estimate them from the annotations.</summary>
        public double[]? Prior { get; init; }

        /// <summary>False to run the EM per pixel instead of per label pattern (benchmarks and tests).</summary>
        public bool CompressPatterns { get; init; } = true;

        /// <summary>Checks the settings against the number of classes.</summary>
        public void Validate(int classes)
        {
            if (MaximumIterations < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaximumIterations), MaximumIterations, "STAPLE needs at least one iteration.");
            }

            if (!(ConfidenceWeight > 0) || double.IsInfinity(ConfidenceWeight))
            {
                throw new ArgumentOutOfRangeException(nameof(ConfidenceWeight), ConfidenceWeight, "The confidence weight must be a positive number.");
            }

            if (!(TerminationThreshold >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(TerminationThreshold), TerminationThreshold, "The termination threshold cannot be negative.");
            }

            FusionDefaults.ValidatePrior(Prior, classes);
        }
    }
}
