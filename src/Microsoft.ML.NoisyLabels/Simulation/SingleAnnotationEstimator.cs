using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Pipeline;
using Microsoft.ML.Runtime;

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
        private const string Role = "annotator";
        private readonly MLContext _mlContext;
        private readonly string[] _inputColumnNames;
        private readonly string[] _outputColumnNames;
        private readonly int _seed;
        private readonly string? _seedColumnName;

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
            _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.AnnotatorColumnNames is null || options.AnnotatorColumnNames.Length == 0)
            {
                throw new ArgumentException("At least one annotator column is needed.", nameof(options));
            }

            foreach (string name in options.AnnotatorColumnNames)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException("Annotator column names must not be empty.", nameof(options));
                }
            }

            if (options.AnnotatorColumnNames.Distinct(StringComparer.Ordinal).Count() != options.AnnotatorColumnNames.Length)
            {
                throw new ArgumentException($"Annotator columns are named twice: {string.Join(", ", options.AnnotatorColumnNames)}.", nameof(options));
            }

            var outputs = options.OutputColumnNames ?? options.AnnotatorColumnNames;
            if (outputs.Length != options.AnnotatorColumnNames.Length)
            {
                throw new ArgumentException(
                    $"{options.AnnotatorColumnNames.Length} annotator columns but {outputs.Length} output columns: give one output per input.", nameof(options));
            }

            MappingGroups.CheckOutputNames(outputs, nameof(options));
            _inputColumnNames = (string[])options.AnnotatorColumnNames.Clone();
            _outputColumnNames = (string[])outputs.Clone();
            _seedColumnName = string.IsNullOrEmpty(options.SeedColumnName) ? null : options.SeedColumnName;
            _seed = options.Seed ?? ((IHostEnvironment)mlContext).Register(nameof(SingleAnnotationEstimator)).Rand.Next();
        }

        /// <summary>Checks the input's schema and returns the transformer (nothing is learned from the data).</summary>
        /// <param name="input">The data: its schema must hold the annotator columns (and the seed column, if one is set).</param>
        public SingleAnnotationTransformer Fit(IDataView input)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            var schema = input.Schema;
            var columns = _inputColumnNames.Select(n => LabelColumn.Find(schema, n, Role)).ToArray();
            var sized = columns.Where(c => c.Size > 0).ToArray();
            if (sized.Select(c => c.Size).Distinct().Count() > 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(input),
                    $"Annotator columns differ in size: {string.Join(", ", sized.Select(c => $"'{c.Name}' has {c.Size}"))}.");
            }

            int pixels = sized.Length > 0 ? sized[0].Size : 0;
            var inputs = columns.Select(c => PackedInputColumn.From(c.Column)).ToList();
            int seedValues = 0;
            if (_seedColumnName is not null)
            {
                var (column, values) = MappingShapes.SeedColumn(schema, _seedColumnName);
                inputs.Add(column);
                seedValues = values;
                if (pixels == 0 && values < 0)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(input),
                        $"The annotator columns and seed column '{_seedColumnName}' are all vectors of unknown size: give one of them a known size.");
                }
            }

            var chain = BuildChain(inputs, pixels, seedValues);
            return new SingleAnnotationTransformer(chain.Fit(input), _inputColumnNames, _outputColumnNames, _seed, _seedColumnName);
        }

        /// <summary>The output schema: the input's, plus (or with replaced) annotator columns of Single vectors.</summary>
        /// <param name="inputSchema">The input's schema shape.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            var inputs = _inputColumnNames.Select(n => MappingShapes.LabelColumn(inputSchema, n, Role)).ToList();
            if (_seedColumnName is not null)
            {
                inputs.Add(MappingShapes.SeedColumn(inputSchema, _seedColumnName));
            }

            return BuildChain(inputs, 0, 0).GetOutputSchema(inputSchema);
        }

        private IEstimator<ITransformer> BuildChain(IReadOnlyList<PackedInputColumn> inputs, int pixels, int seedValues)
            => MappingGroups.Build(
                _mlContext,
                inputs,
                SingleAnnotationMappingFactory.ContractName,
                SingleAnnotationMappingFactory.Map,
                indices => new SingleAnnotationSettings(_inputColumnNames, pixels, seedValues, _seed, indices).ToOptions(),
                _outputColumnNames);
    }
}
