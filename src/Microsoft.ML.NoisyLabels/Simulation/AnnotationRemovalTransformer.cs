using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The fitted partly-labelled regime of <see cref="AnnotationRemovalEstimator"/>: removes each annotation with a
    /// probability and keeps at least one per row. Saved in model.zip as a chain of ML.NET transformers (see
    /// <see cref="NoisyLabelsTransformer"/>); <c>mlContext.Model.Load</c> returns that chain, which needs this assembly.
    /// </summary>
    public sealed class AnnotationRemovalTransformer : NoisyLabelsTransformer
    {
        private readonly string[] _annotatorColumnNames;
        private readonly string[] _outputColumnNames;

        internal AnnotationRemovalTransformer(ITransformer model, string[] annotatorColumnNames, string[] outputColumnNames, double removalProbability, int seed, string? seedColumnName)
            : base(model)
        {
            _annotatorColumnNames = annotatorColumnNames;
            _outputColumnNames = outputColumnNames;
            RemovalProbability = removalProbability;
            Seed = seed;
            SeedColumnName = seedColumnName;
        }

        /// <summary>The annotator columns read.</summary>
        public IReadOnlyList<string> AnnotatorColumnNames => _annotatorColumnNames;

        /// <summary>The columns written, one per annotator column.</summary>
        public IReadOnlyList<string> OutputColumnNames => _outputColumnNames;

        /// <summary>The probability that each annotation is removed.</summary>
        public double RemovalProbability { get; }

        /// <summary>The seed the draws derive from.</summary>
        public int Seed { get; }

        /// <summary>The column mixed into each row's seed, or null.</summary>
        public string? SeedColumnName { get; }
    }
}
