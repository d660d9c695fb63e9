namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The paper's single-label regime: of R annotator columns, keeps one annotation per image, drawn uniformly among
    /// the annotations present, and marks the others missing (NaN at every pixel). Create it with
    /// <c>mlContext.NoisyLabels().Transforms.KeepSingleAnnotation</c>.
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
    /// The draw is reproducible: it derives from the seed and a hash of the row's annotations (and of the optional
    /// seed column), so it does not depend on the row order or on the cursors that read the data. Key columns come
    /// out in the package's canonical form: key k becomes class k - 1. A row with no annotation keeps none.
    /// ]]></format>
    /// </remarks>
    public sealed class SingleAnnotationEstimator : IEstimator<SingleAnnotationTransformer>
    {
        private readonly AnnotationSelection _selection;

        /// <summary>Options of <see cref="SingleAnnotationEstimator"/>.</summary>
        public sealed class Options
        {
            /// <summary>The annotator columns: vectors of labels (key or numeric) of one size.</summary>
            public string[] AnnotatorColumnNames = Array.Empty<string>();

            /// <summary>The output columns, one per input column in the same order; null replaces the input columns.</summary>
            public string[]? OutputColumnNames;

            /// <summary>The seed of the draws. Null takes one from the <see cref="MLContext"/>'s random source when the
            /// estimator is created (reproducible when the context has a seed).</summary>
            public int? Seed;

            /// <summary>An optional column of numbers (a scalar or a vector, such as an image id) mixed into each row's
            /// seed, so that rows with equal annotations may keep different annotators.</summary>
            public string? SeedColumnName;
        }

        internal SingleAnnotationEstimator(MLContext mlContext, Options options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            _selection = new AnnotationSelection(mlContext, options.AnnotatorColumnNames, options.OutputColumnNames, options.Seed, options.SeedColumnName,
                removalProbability: null, SingleAnnotationMappingFactory.ContractName, SingleAnnotationMappingFactory.Map, nameof(SingleAnnotationEstimator));
        }

        /// <summary>Checks the input's schema and returns the transformer (nothing is learned from the data).</summary>
        /// <param name="input">The data: its schema must hold the annotator columns (and the seed column, if one is set).</param>
        public SingleAnnotationTransformer Fit(IDataView input)
            => new SingleAnnotationTransformer(_selection.Fit(input), _selection);

        /// <summary>The output schema: the input's, plus (or with replaced) annotator columns of Single vectors.</summary>
        /// <param name="inputSchema">The input's schema shape.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _selection.GetOutputSchema(inputSchema);
    }
}
