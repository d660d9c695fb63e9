namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>Settings of <see cref="SpatialStaple"/>.</summary>
    internal sealed record SpatialStapleSettings
    {
        /// <summary>Window radius r, at least 1: windows are (2r+1) pixels wide along each axis, clipped at the borders.</summary>
        public int WindowRadius { get; init; } = FusionDefaults.WindowRadius;

        /// <summary>
        /// kappa: pseudo-pixels of the global matrix added to every window's counts, column by column:
        /// theta(x)[:, s] = (C(x)[:, s] + kappa theta_global[:, s]) / (B_s(x) + kappa). 0 is purely local (a class absent
        /// from a window then takes the global column); +infinity is purely global (plain STAPLE, no windows computed).
        /// </summary>
        public double GlobalPseudoCount { get; init; } = FusionDefaults.GlobalPseudoCount;

        /// <summary>True: the prior of class s at a pixel is the fraction of annotators voting s there; false: the
        /// label frequencies over all annotators' pixels (as STAPLE).</summary>
        public bool VoxelwisePrior { get; init; } = FusionDefaults.VoxelwisePrior;

        /// <summary>Pixels where at least this fraction of the present annotators agree are fixed to that label; a value
        /// above 1 fixes none. Must exceed 0.5 so that the consensus label is unique.</summary>
        public double ConsensusThreshold { get; init; } = FusionDefaults.ConsensusThreshold;

        /// <summary>Stop when the mean over the estimated pixels of the L1 change of their posterior is below this.</summary>
        public double ConvergenceThreshold { get; init; } = FusionDefaults.SpatialConvergenceThreshold;

        /// <summary>Iteration cap.</summary>
        public int MaximumIterations { get; init; } = FusionDefaults.SpatialMaximumIterations;

        /// <summary>Checks the settings.</summary>
        public void Validate()
        {
            // A radius of 0 would estimate every annotator's matrix from one pixel's labels: it is refused rather than
            // given a meaning of its own.
            if (WindowRadius < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(WindowRadius), WindowRadius, "The window radius must be at least 1 (windows 3 pixels wide).");
            }

            if (!(GlobalPseudoCount >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(GlobalPseudoCount), GlobalPseudoCount, "The global pseudo-count must be 0 or more (+infinity for a purely global estimate).");
            }

            if (!(ConsensusThreshold > 0.5))
            {
                throw new ArgumentOutOfRangeException(nameof(ConsensusThreshold), ConsensusThreshold, "The consensus threshold must exceed 0.5 (above 1 fixes no pixel).");
            }

            if (!(ConvergenceThreshold >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(ConvergenceThreshold), ConvergenceThreshold, "The convergence threshold cannot be negative.");
            }

            if (MaximumIterations < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaximumIterations), MaximumIterations, "Spatial STAPLE needs at least one iteration.");
            }
        }
    }
}
