using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// What <see cref="SingleAnnotationEstimator"/> and <see cref="AnnotationRemovalEstimator"/> share: the checks of
    /// their options, the schema checks of Fit, and the chain of mappings (<see cref="AnnotationSelectionKernel"/>)
    /// that keeps some annotations of each row and marks the others missing.
    /// </summary>
    internal sealed class AnnotationSelection
    {
        private const string Role = "annotator";
        private readonly MLContext _mlContext;
        private readonly string _contractName;
        private readonly Action<PackedMappingInput, PackedMappingOutput> _map;
        private readonly double? _removalProbability;

        public AnnotationSelection(MLContext mlContext, string[] annotatorColumnNames, string[]? outputColumnNames, int? seed, string? seedColumnName,
            double? removalProbability, string contractName, Action<PackedMappingInput, PackedMappingOutput> map, string estimatorName)
        {
            _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
            if (annotatorColumnNames is null || annotatorColumnNames.Length == 0)
            {
                throw new ArgumentException("At least one annotator column is needed.", "options");
            }

            foreach (string name in annotatorColumnNames)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException("Annotator column names must not be empty.", "options");
                }
            }

            if (annotatorColumnNames.Distinct(StringComparer.Ordinal).Count() != annotatorColumnNames.Length)
            {
                throw new ArgumentException($"Annotator columns are named twice: {string.Join(", ", annotatorColumnNames)}.", "options");
            }

            var outputs = outputColumnNames ?? annotatorColumnNames;
            if (outputs.Length != annotatorColumnNames.Length)
            {
                throw new ArgumentException(
                    $"{annotatorColumnNames.Length} annotator columns but {outputs.Length} output columns: give one output per input.", "options");
            }

            MappingGroups.CheckOutputNames(outputs, "options");
            AnnotatorColumnNames = (string[])annotatorColumnNames.Clone();
            OutputColumnNames = (string[])outputs.Clone();
            SeedColumnName = string.IsNullOrEmpty(seedColumnName) ? null : seedColumnName;
            Seed = seed ?? ((IHostEnvironment)mlContext).Register(estimatorName).Rand.Next();
            _removalProbability = removalProbability;
            _contractName = contractName;
            _map = map;
        }

        public string[] AnnotatorColumnNames { get; }

        public string[] OutputColumnNames { get; }

        public int Seed { get; }

        public string? SeedColumnName { get; }

        /// <summary>Checks the input's schema and fits the chain of mappings.</summary>
        public ITransformer Fit(IDataView input)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            var schema = input.Schema;
            var columns = AnnotatorColumnNames.Select(n => LabelColumn.Find(schema, n, Role)).ToArray();
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
            if (SeedColumnName is not null)
            {
                var (column, values) = MappingShapes.SeedColumn(schema, SeedColumnName);
                inputs.Add(column);
                seedValues = values;
                if (pixels == 0 && values < 0)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(input),
                        $"The annotator columns and seed column '{SeedColumnName}' are all vectors of unknown size: give one of them a known size.");
                }
            }

            return BuildChain(inputs, pixels, seedValues).Fit(input);
        }

        /// <summary>The output schema: the input's, plus (or with replaced) annotator columns of Single vectors.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            var inputs = AnnotatorColumnNames.Select(n => MappingShapes.LabelColumn(inputSchema, n, Role)).ToList();
            if (SeedColumnName is not null)
            {
                inputs.Add(MappingShapes.SeedColumn(inputSchema, SeedColumnName));
            }

            return BuildChain(inputs, 0, 0).GetOutputSchema(inputSchema);
        }

        private IEstimator<ITransformer> BuildChain(IReadOnlyList<PackedInputColumn> inputs, int pixels, int seedValues)
            => MappingGroups.Build(
                _mlContext,
                inputs,
                _contractName,
                _map,
                indices => new AnnotationSelectionSettings(AnnotatorColumnNames, pixels, seedValues, Seed, indices, _removalProbability).ToOptions(),
                OutputColumnNames);
    }
}
