using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The fitted lesion annotator simulation of <see cref="LesionAnnotatorSimulationEstimator"/>: writes one simulated
    /// lesion mask per annotator and row. Saved in model.zip as a chain of ML.NET transformers (see
    /// <see cref="NoisyLabelsTransformer"/>); <c>mlContext.Model.Load</c> returns that chain, which needs this assembly.
    /// </summary>
    public sealed class LesionAnnotatorSimulationTransformer : NoisyLabelsTransformer
    {
        private readonly SimulatedLesionAnnotator[] _annotators;

        internal LesionAnnotatorSimulationTransformer(
            ITransformer model, string inputColumnName, SimulatedLesionAnnotator[] annotators, int seed, VoxelConnectivity connectivity, string? seedColumnName, int[] dimensions)
            : base(model)
        {
            InputColumnName = inputColumnName;
            _annotators = annotators;
            Seed = seed;
            Connectivity = connectivity;
            SeedColumnName = seedColumnName;
            Dimensions = dimensions;
        }

        /// <summary>The ground-truth mask column.</summary>
        public string InputColumnName { get; }

        /// <summary>The simulated annotators, with their defaults filled in (copies: changing them changes nothing).</summary>
        public IReadOnlyList<SimulatedLesionAnnotator> Annotators => _annotators.Select(a => a.Resolve()).ToArray();

        /// <summary>The seed every random draw derives from.</summary>
        public int Seed { get; }

        /// <summary>The connectivity that defines a lesion.</summary>
        public VoxelConnectivity Connectivity { get; }

        /// <summary>The column mixed into each row's seed, or null.</summary>
        public string? SeedColumnName { get; }

        /// <summary>The masks' shape [D, H, W] (D = 1 for 2D masks).</summary>
        public IReadOnlyList<int> Dimensions { get; }
    }
}
