using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// What the fitted annotation-selection transforms share (<see cref="SingleAnnotationTransformer"/>,
    /// <see cref="AnnotationRemovalTransformer"/>): the columns they read and write and the seed of their draws. Saved in
    /// model.zip as a chain of ML.NET transformers (see <see cref="NoisyLabelsTransformer"/>); <c>mlContext.Model.Load</c>
    /// returns that chain, which needs this assembly.
    /// </summary>
    public abstract class AnnotationSelectionTransformer : NoisyLabelsTransformer
    {
        private readonly string[] _annotatorColumnNames;
        private readonly string[] _outputColumnNames;

        private protected AnnotationSelectionTransformer(ITransformer model, AnnotationSelection selection)
            : base(model)
        {
            _annotatorColumnNames = selection.AnnotatorColumnNames;
            _outputColumnNames = selection.OutputColumnNames;
            Seed = selection.Seed;
            SeedColumnName = selection.SeedColumnName;
        }

        /// <summary>The annotator columns read.</summary>
        public IReadOnlyList<string> AnnotatorColumnNames => _annotatorColumnNames;

        /// <summary>The columns written, one per annotator column.</summary>
        public IReadOnlyList<string> OutputColumnNames => _outputColumnNames;

        /// <summary>The seed the draws derive from.</summary>
        public int Seed { get; }

        /// <summary>The column mixed into each row's seed, or null.</summary>
        public string? SeedColumnName { get; }
    }
}
