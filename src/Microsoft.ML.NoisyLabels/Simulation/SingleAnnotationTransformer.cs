using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The fitted single-label regime of <see cref="SingleAnnotationEstimator"/>: keeps one annotation per row. Saved in
    /// model.zip as a chain of ML.NET transformers (see <see cref="NoisyLabelsTransformer"/>); <c>mlContext.Model.Load</c>
    /// returns that chain, which needs this assembly.
    /// </summary>
    public sealed class SingleAnnotationTransformer : NoisyLabelsTransformer
    {
        private readonly string[] _inputColumnNames;
        private readonly string[] _outputColumnNames;

        internal SingleAnnotationTransformer(ITransformer model, string[] inputColumnNames, string[] outputColumnNames, int seed, string? seedColumnName)
            : base(model)
        {
            _inputColumnNames = inputColumnNames;
            _outputColumnNames = outputColumnNames;
            Seed = seed;
            SeedColumnName = seedColumnName;
        }

        /// <summary>The annotator columns read.</summary>
        public IReadOnlyList<string> AnnotatorColumnNames => _inputColumnNames;

        /// <summary>The columns written, one per annotator column.</summary>
        public IReadOnlyList<string> OutputColumnNames => _outputColumnNames;

        /// <summary>The seed the draws derive from.</summary>
        public int Seed { get; }

        /// <summary>The column mixed into each row's seed, or null.</summary>
        public string? SeedColumnName { get; }
    }
}
