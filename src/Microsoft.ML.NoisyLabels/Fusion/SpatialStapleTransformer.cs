namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The fitted <see cref="SpatialStapleEstimator"/>.</summary>
    public sealed class SpatialStapleTransformer : LabelFusionTransformer
    {
        internal SpatialStapleTransformer(ITransformer model, SpatialStapleEstimator.Options options, FusionMappingSettings settings)
            : base(model, options, settings.Classes)
        {
            var spatial = settings.Spatial!;
            var shape = settings.Shape!.Value;
            WindowRadius = spatial.WindowRadius;
            GlobalPseudoCount = spatial.GlobalPseudoCount;
            VoxelwisePrior = spatial.VoxelwisePrior;
            ConsensusThreshold = spatial.ConsensusThreshold;
            ConvergenceThreshold = spatial.ConvergenceThreshold;
            MaximumNumberOfIterations = spatial.MaximumIterations;
            ImageShape = shape.Depth == 1 ? new[] { shape.Height, shape.Width } : new[] { shape.Depth, shape.Height, shape.Width };
            ConfusionFieldColumnName = options.ConfusionFieldColumnName;
        }

        /// <summary>The window radius r.</summary>
        public int WindowRadius { get; }

        /// <summary>kappa, the pseudo-count of the global matrix in each window.</summary>
        public double GlobalPseudoCount { get; }

        /// <summary>Whether the prior is the voxelwise vote fraction.</summary>
        public bool VoxelwisePrior { get; }

        /// <summary>The consensus threshold.</summary>
        public double ConsensusThreshold { get; }

        /// <summary>The convergence threshold.</summary>
        public double ConvergenceThreshold { get; }

        /// <summary>The most EM iterations per image.</summary>
        public int MaximumNumberOfIterations { get; }

        /// <summary>The image shape used, [H, W] or [D, H, W].</summary>
        public IReadOnlyList<int> ImageShape { get; }

        /// <summary>The confusion-matrix field column, or null.</summary>
        public string? ConfusionFieldColumnName { get; }
    }
}
