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
        /// Simulates the paper's five annotators on lesion masks, in 3D: <see cref="SimulatedAnnotatorColumnNames.Good"/>
        /// (a copy), <see cref="SimulatedAnnotatorColumnNames.Over"/> (nearby lesions merged, then dilated),
        /// <see cref="SimulatedAnnotatorColumnNames.Under"/> (small lesions missed, then eroded),
        /// <see cref="SimulatedAnnotatorColumnNames.Wrong"/> (dilated, then cut by planar fractures) and
        /// <see cref="SimulatedAnnotatorColumnNames.Blank"/> (nothing); <see cref="SimulatedLesionAnnotator.PaperAnnotators"/>
        /// gives the amounts.
        /// </summary>
        /// <param name="inputColumnName">The ground-truth lesion mask: a vector of labels (0 = background, 1 = lesion)
        /// with dimensions [D, H, W] or [H, W], such as a rater column of <c>LoadVolumes</c>.</param>
        /// <param name="seed">The seed of the random draws; null takes one from the context.</param>
        /// <example>
        /// <code>
        /// var cases = ml.NoisyLabels().Data.LoadVolumes("cases", new[] { "flair.nii.gz" }, new[] { "truth.nii.gz" });
        /// var raters = ml.NoisyLabels().Transforms.SimulateLesionAnnotators("truth", seed: 1).Fit(cases).Transform(cases);
        /// </code>
        /// </example>
        public LesionAnnotatorSimulationEstimator SimulateLesionAnnotators(string inputColumnName, int? seed = null)
            => new LesionAnnotatorSimulationEstimator(Context, new LesionAnnotatorSimulationEstimator.Options { InputColumnName = inputColumnName, Seed = seed });

        /// <summary>Simulates lesion annotators from a ground-truth lesion mask, as <paramref name="options"/> describes.</summary>
        /// <param name="options">The mask column, the annotators (output column, kind, radius, fractures, misses,
        /// merges), the seed, an optional seed column, the connectivity and the shape.</param>
        public LesionAnnotatorSimulationEstimator SimulateLesionAnnotators(LesionAnnotatorSimulationEstimator.Options options)
            => new LesionAnnotatorSimulationEstimator(Context, options);

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
