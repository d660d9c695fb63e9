namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The defaults of every fusion option, in one place (the estimators' Options take theirs from here).</summary>
    internal static class FusionDefaults
    {
        /// <summary>Binary masks.</summary>
        public const int NumberOfClasses = 2;

        /// <summary>An iteration cap for STAPLE; ITK's binary filter has none, its EM normally stops within a few dozen.</summary>
        public const int StapleMaximumIterations = 1000;

        /// <summary>ITK's default: the estimated foreground prior is used as is.</summary>
        public const double ConfidenceWeight = 1.0;

        /// <summary>ITK MultiLabelSTAPLEImageFilter's default termination threshold.</summary>
        public const double MultiLabelTerminationThreshold = 1e-5;

        /// <summary>The Spatial STAPLE tool's default: 11 x 11 (x 11) windows.</summary>
        public const int WindowRadius = 5;

        /// <summary>
        /// Our choice: one pseudo-pixel of the global matrix per window. Enough to define the columns of classes absent
        /// from a window, small enough to leave windows with data local.
        /// </summary>
        public const double GlobalPseudoCount = 1.0;

        /// <summary>The Spatial STAPLE tool's default.</summary>
        public const bool VoxelwisePrior = true;

        /// <summary>The Spatial STAPLE tool's default: pixels where 99% of the annotators agree are fixed.</summary>
        public const double ConsensusThreshold = 0.99;

        /// <summary>The Spatial STAPLE tool's default.</summary>
        public const double SpatialConvergenceThreshold = 1e-4;

        /// <summary>The Spatial STAPLE tool's default.</summary>
        public const int SpatialMaximumIterations = 100;

        /// <summary>Checks user-given prior class probabilities.</summary>
        public static void ValidatePrior(double[]? prior, int classes)
        {
            if (prior is null)
            {
                return;
            }

            if (prior.Length != classes)
            {
                throw new ArgumentException($"The prior needs one probability per class: {classes}, got {prior.Length}.", nameof(prior));
            }

            double sum = 0;
            foreach (double p in prior)
            {
                if (!(p >= 0) || double.IsInfinity(p))
                {
                    throw new ArgumentException($"Prior probability {p} is not a non-negative number.", nameof(prior));
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > 1e-6)
            {
                throw new ArgumentException($"The prior probabilities must sum to 1, they sum to {sum}.", nameof(prior));
            }
        }
    }
}
