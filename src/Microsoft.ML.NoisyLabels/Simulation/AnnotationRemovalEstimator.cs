namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Partly labelled data, between every annotator labelling every image and one label per image: removes each
    /// annotation independently with a given probability (marks it missing: NaN at every pixel) and keeps at least one
    /// per image. Create it with <c>mlContext.NoisyLabels().Transforms.RemoveAnnotations</c>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ### Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | Vectors of key or numeric labels, all of one size (all missing: annotator absent) |
    /// | Output column data type | Vector of Single (variable size): class indices, or all NaN |
    /// | Exportable to ONNX | No |
    /// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.NoisyLabels (loading a saved model needs it too) |
    ///
    /// Each annotation present on a row is removed with probability `RemovalProbability`; when that would remove all
    /// of a row's annotations, one of them, drawn uniformly, is kept. With R annotators labelling every image, a row
    /// therefore keeps R(1 - p) + p^R annotations on average (p^R: the rows that would have kept none). A probability
    /// of 1 keeps exactly one per image, as <see cref="SingleAnnotationEstimator"/> does (though not the same one).
    /// Annotations already missing stay missing, and a row with none keeps none.
    ///
    /// The draws are reproducible: they derive from the seed and a hash of the row's annotations (and of the optional
    /// seed column), so they do not depend on the row order or on the cursors that read the data. Key columns come out
    /// in the package's canonical form: key k becomes class k - 1.
    /// ]]></format>
    /// </remarks>
    public sealed class AnnotationRemovalEstimator : IEstimator<AnnotationRemovalTransformer>
    {
        private readonly AnnotationSelection _selection;
        private readonly double _removalProbability;

        /// <summary>Options of <see cref="AnnotationRemovalEstimator"/>.</summary>
        public sealed class Options
        {
            /// <summary>The annotator columns: vectors of labels (key or numeric) of one size.</summary>
            public string[] AnnotatorColumnNames = Array.Empty<string>();

            /// <summary>The output columns, one per input column in the same order; null replaces the input columns.</summary>
            public string[]? OutputColumnNames;

            /// <summary>The probability, in [0, 1], that each annotation is removed. 0 keeps every annotation; 0.7 is the
            /// "70% of annotations removed" setting of the experiments in docs/RESULTS.md.</summary>
            public double RemovalProbability = 0.5;

            /// <summary>The seed of the draws. Null takes one from the <see cref="MLContext"/>'s random source when the
            /// estimator is created (reproducible when the context has a seed).</summary>
            public int? Seed;

            /// <summary>An optional column of numbers (a scalar or a vector, such as an image id) mixed into each row's
            /// seed, so that rows with equal annotations may keep different annotators.</summary>
            public string? SeedColumnName;
        }

        internal AnnotationRemovalEstimator(MLContext mlContext, Options options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (!(options.RemovalProbability >= 0 && options.RemovalProbability <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.RemovalProbability, "RemovalProbability must be between 0 and 1.");
            }

            _removalProbability = options.RemovalProbability;
            _selection = new AnnotationSelection(mlContext, options.AnnotatorColumnNames, options.OutputColumnNames, options.Seed, options.SeedColumnName,
                options.RemovalProbability, AnnotationRemovalMappingFactory.ContractName, AnnotationRemovalMappingFactory.Map, nameof(AnnotationRemovalEstimator));
        }

        /// <summary>Checks the input's schema and returns the transformer (nothing is learned from the data).</summary>
        /// <param name="input">The data: its schema must hold the annotator columns (and the seed column, if one is set).</param>
        public AnnotationRemovalTransformer Fit(IDataView input)
            => new AnnotationRemovalTransformer(_selection.Fit(input), _selection, _removalProbability);

        /// <summary>The output schema: the input's, plus (or with replaced) annotator columns of Single vectors.</summary>
        /// <param name="inputSchema">The input's schema shape.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _selection.GetOutputSchema(inputSchema);
    }
}
