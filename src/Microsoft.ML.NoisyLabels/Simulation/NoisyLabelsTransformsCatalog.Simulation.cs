using Microsoft.ML.NoisyLabels.Simulation;

namespace Microsoft.ML.NoisyLabels
{
    /// <summary>Annotator simulation, the single-label regime and partly labelled data.</summary>
    public sealed partial class NoisyLabelsTransformsCatalog
    {
        /// <summary>
        /// Simulates the paper's five annotators from a ground-truth mask: <see cref="SimulatedAnnotatorColumnNames.Good"/>
        /// (a copy), <see cref="SimulatedAnnotatorColumnNames.Over"/> (thickened strokes),
        /// <see cref="SimulatedAnnotatorColumnNames.Under"/> (thinned), <see cref="SimulatedAnnotatorColumnNames.Wrong"/>
        /// (thickened, then three fractures) and <see cref="SimulatedAnnotatorColumnNames.Blank"/> (nothing), one column each.
        /// </summary>
        /// <param name="inputColumnName">The ground-truth mask: a vector of labels (0 = background, 1 = foreground)
        /// with dimensions [H, W]; the MNIST loader's <c>Mask</c> by default.</param>
        /// <param name="seed">The seed of the random fractures; null takes one from the context.</param>
        /// <example>
        /// <code>
        /// var mnist = ml.NoisyLabels().Data.LoadMnist(images, labels);
        /// var annotated = ml.NoisyLabels().Transforms.SimulateAnnotators().Fit(mnist).Transform(mnist);
        /// </code>
        /// </example>
        public AnnotatorSimulationEstimator SimulateAnnotators(string inputColumnName = SimulationDefaults.InputColumnName, int? seed = null)
            => new AnnotatorSimulationEstimator(Context, new AnnotatorSimulationEstimator.Options { InputColumnName = inputColumnName, Seed = seed });

        /// <summary>Simulates annotators from a ground-truth mask, as <paramref name="options"/> describes.</summary>
        /// <param name="options">The mask column, the annotators (output column, kind, amount, fractures), the seed,
        /// an optional seed column and the fine grid's scale.</param>
        public AnnotatorSimulationEstimator SimulateAnnotators(AnnotatorSimulationEstimator.Options options)
            => new AnnotatorSimulationEstimator(Context, options);

        /// <summary>
        /// The single-label regime: keeps one annotation per image among <paramref name="columnNames"/>, drawn uniformly
        /// among those present, and marks the others missing (NaN at every pixel). The columns are replaced.
        /// </summary>
        /// <param name="columnNames">The annotator columns: vectors of labels of one size.</param>
        /// <param name="seed">The seed of the draws; null takes one from the context.</param>
        public SingleAnnotationEstimator KeepSingleAnnotation(string[] columnNames, int? seed = null)
            => new SingleAnnotationEstimator(Context, new SingleAnnotationEstimator.Options { AnnotatorColumnNames = columnNames, Seed = seed });

        /// <summary>The single-label regime, as <paramref name="options"/> describes.</summary>
        /// <param name="options">The annotator columns, the output columns, the seed and an optional seed column.</param>
        public SingleAnnotationEstimator KeepSingleAnnotation(SingleAnnotationEstimator.Options options)
            => new SingleAnnotationEstimator(Context, options);

        /// <summary>
        /// Partly labelled data: removes each annotation among <paramref name="columnNames"/> with probability
        /// <paramref name="removalProbability"/> (marks it missing: NaN at every pixel), keeping at least one per image.
        /// The columns are replaced.
        /// </summary>
        /// <param name="columnNames">The annotator columns: vectors of labels of one size.</param>
        /// <param name="removalProbability">The probability, in [0, 1], that each annotation is removed.</param>
        /// <param name="seed">The seed of the draws; null takes one from the context.</param>
        /// <example>
        /// <code>
        /// // 70% of the annotations removed, at least one left per image.
        /// var partial = ml.NoisyLabels().Transforms.RemoveAnnotations(annotators, removalProbability: 0.7, seed: 1);
        /// </code>
        /// </example>
        public AnnotationRemovalEstimator RemoveAnnotations(string[] columnNames, double removalProbability, int? seed = null)
            => new AnnotationRemovalEstimator(Context, new AnnotationRemovalEstimator.Options { AnnotatorColumnNames = columnNames, RemovalProbability = removalProbability, Seed = seed });

        /// <summary>Partly labelled data, as <paramref name="options"/> describes.</summary>
        /// <param name="options">The annotator columns, the output columns, the removal probability, the seed and an
        /// optional seed column.</param>
        public AnnotationRemovalEstimator RemoveAnnotations(AnnotationRemovalEstimator.Options options)
            => new AnnotationRemovalEstimator(Context, options);
    }
}
