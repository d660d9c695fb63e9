using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The fitted annotator simulation of <see cref="AnnotatorSimulationEstimator"/>: writes one simulated annotation
    /// per annotator and row. Saved in model.zip as a chain of ML.NET transformers (see
    /// <see cref="NoisyLabelsTransformer"/>); <c>mlContext.Model.Load</c> returns that chain, which needs this assembly.
    /// </summary>
    public sealed class AnnotatorSimulationTransformer : NoisyLabelsTransformer
    {
        private readonly SimulatedAnnotator[] _annotators;

        internal AnnotatorSimulationTransformer(ITransformer model, string inputColumnName, SimulatedAnnotator[] annotators, int seed, int upscaleFactor, string? seedColumnName)
            : base(model)
        {
            InputColumnName = inputColumnName;
            _annotators = annotators;
            Seed = seed;
            UpscaleFactor = upscaleFactor;
            SeedColumnName = seedColumnName;
        }

        /// <summary>The ground-truth mask column.</summary>
        public string InputColumnName { get; }

        /// <summary>The simulated annotators, with their defaults filled in (copies: changing them changes nothing).</summary>
        public IReadOnlyList<SimulatedAnnotator> Annotators => _annotators.Select(a => a.Resolve()).ToArray();

        /// <summary>The seed every random draw derives from.</summary>
        public int Seed { get; }

        /// <summary>The fine grid's scale.</summary>
        public int UpscaleFactor { get; }

        /// <summary>The column mixed into each row's seed, or null.</summary>
        public string? SeedColumnName { get; }
    }
}
