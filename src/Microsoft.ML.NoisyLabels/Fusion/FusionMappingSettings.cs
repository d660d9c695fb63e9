using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Everything a fusion mapping needs at transform time, written into the saved pipeline as text (see
    /// <see cref="MappingOptions"/>): annotator column names (for error messages), classes, pixels per annotator,
    /// which outputs to compute, the method's settings, and the number under which the fitting context receives the
    /// mapping's warnings (<see cref="MappingLog"/>).
    /// </summary>
    internal sealed record FusionMappingSettings
    {
        private readonly string[] _names = Array.Empty<string>();

        public required string[] Names
        {
            get => _names;
            init
            {
                _names = value;
                // Error messages name the column; the descriptions are made once, not per row.
                Describe = value.Select(name => (Func<string>)(() => $"Annotator column '{name}'")).ToArray();
            }
        }

        /// <summary>Per annotator: describes the column in error messages.</summary>
        public Func<string>[] Describe { get; private init; } = Array.Empty<Func<string>>();

        public required int Classes { get; init; }

        /// <summary>Pixels per annotator, or 0 when the columns have no fixed size (taken from each row).</summary>
        public required int Pixels { get; init; }

        public bool Posterior { get; init; }

        public bool Confusion { get; init; }

        /// <summary>Spatial STAPLE only: compute the confusion-matrix field.</summary>
        public bool Field { get; init; }

        /// <summary>STAPLE only: write the iterations and whether the EM converged.</summary>
        public bool Statistics { get; init; }

        /// <summary>Where warnings go (<see cref="MappingLog"/>); 0 for nowhere.</summary>
        public int LogId { get; init; }

        public StapleSettings? Staple { get; init; }

        public SpatialStapleSettings? Spatial { get; init; }

        /// <summary>Spatial STAPLE only: the image shape.</summary>
        public ImageShape? Shape { get; init; }

        public MappingOptions ToOptions()
        {
            var options = new MappingOptions()
                .SetNames("names", Names)
                .Set("classes", Classes)
                .Set("pixels", Pixels)
                .Set("posterior", Posterior)
                .Set("confusion", Confusion)
                .Set("field", Field)
                .Set("statistics", Statistics)
                .Set("log", LogId);
            if (Staple is not null)
            {
                options.Set("iterations", Staple.MaximumIterations)
                    .Set("confidence", Staple.ConfidenceWeight)
                    .Set("termination", Staple.TerminationThreshold)
                    .Set("prior", Staple.Prior ?? Array.Empty<double>());
            }

            if (Spatial is not null)
            {
                var shape = Shape!.Value;
                options.Set("radius", Spatial.WindowRadius)
                    .Set("kappa", Spatial.GlobalPseudoCount)
                    .Set("voxelwise", Spatial.VoxelwisePrior)
                    .Set("consensus", Spatial.ConsensusThreshold)
                    .Set("convergence", Spatial.ConvergenceThreshold)
                    .Set("iterations", Spatial.MaximumIterations)
                    .Set("shape", new[] { shape.Depth, shape.Height, shape.Width });
            }

            return options;
        }

        public static FusionMappingSettings Parse(FusionMethod method, MappingOptions options)
        {
            StapleSettings? staple = null;
            SpatialStapleSettings? spatial = null;
            ImageShape? shape = null;
            if (method == FusionMethod.Staple)
            {
                var prior = options.GetDoubles("prior");
                staple = new StapleSettings
                {
                    MaximumIterations = options.GetInt("iterations"),
                    ConfidenceWeight = options.GetDouble("confidence"),
                    TerminationThreshold = options.GetDouble("termination"),
                    Prior = prior.Length == 0 ? null : prior,
                };
            }
            else if (method == FusionMethod.SpatialStaple)
            {
                spatial = new SpatialStapleSettings
                {
                    WindowRadius = options.GetInt("radius"),
                    GlobalPseudoCount = options.GetDouble("kappa"),
                    VoxelwisePrior = options.GetBool("voxelwise"),
                    ConsensusThreshold = options.GetDouble("consensus"),
                    ConvergenceThreshold = options.GetDouble("convergence"),
                    MaximumIterations = options.GetInt("iterations"),
                };
                var dims = options.GetInts("shape");
                shape = new ImageShape(dims[0], dims[1], dims[2]);
            }

            return new FusionMappingSettings
            {
                Names = options.GetNames("names"),
                Classes = options.GetInt("classes"),
                Pixels = options.GetInt("pixels"),
                Posterior = options.GetBool("posterior"),
                Confusion = options.GetBool("confusion"),
                Field = options.GetBool("field"),
                Statistics = options.GetBool("statistics"),
                LogId = options.GetInt("log"),
                Staple = staple,
                Spatial = spatial,
                Shape = shape,
            };
        }
    }
}
