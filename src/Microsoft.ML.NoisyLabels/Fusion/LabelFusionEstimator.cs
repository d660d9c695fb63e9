using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Base of the label-fusion estimators. Fusion works on each row (image) alone, so fitting learns nothing from the
    /// data: <see cref="Fit"/> checks the schema and builds the first-party ML.NET pipeline that computes and persists
    /// the fusion (see <see cref="NoisyLabelsTransformer"/>); <see cref="GetOutputSchema"/> asks the same pipeline.
    /// </summary>
    /// <typeparam name="TTransformer">The fitted transformer.</typeparam>
    public abstract class LabelFusionEstimator<TTransformer> : IEstimator<TTransformer>
        where TTransformer : LabelFusionTransformer
    {
        private readonly MLContext _context;
        private readonly LabelFusionOptions _options;

        private protected LabelFusionEstimator(MLContext context, LabelFusionOptions options)
        {
            _context = context ?? throw new ArgumentNullException(nameof(context));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
        }

        private protected abstract FusionMethod Method { get; }

        /// <summary>
        /// Fits the estimator: checks that every annotator column exists and holds vectors of key or numeric labels of
        /// one size, and builds the pipeline. Reads no data; bad values are reported when rows are transformed.
        /// Warnings about the rows (a row that no annotator labelled, an EM that stopped at its iteration cap) go once
        /// per fitted transformer to this estimator's <see cref="MLContext.Log"/>.
        /// </summary>
        /// <param name="input">The data whose schema the transformer will be applied to.</param>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type or size; the message
        /// names it (<c>Could not find annotator column 'X'</c>, <c>Schema mismatch for annotator column 'X': expected
        /// ..., got ...</c>).</exception>
        public TTransformer Fit(IDataView input)
        {
            ArgumentNullException.ThrowIfNull(input);
            var columns = AnnotatorColumns.Resolve(input.Schema, _options.AnnotatorColumnNames, _options.NumberOfClasses);
            var settings = CreateSettings(columns) with { LogId = MappingLog.Register(_context) };
            var model = BuildChain(columns, settings).Fit(input);
            return CreateTransformer(model, settings, (long)columns.Pixels * _options.AnnotatorColumnNames.Length >= OneCursorValues);
        }

        /// <summary>
        /// The schema after the transform: the input columns plus the requested output columns, vectors of
        /// <see cref="float"/> of variable size.
        /// </summary>
        /// <param name="inputSchema">The input schema shape.</param>
        /// <exception cref="ArgumentOutOfRangeException">An annotator column is missing or not a vector of key or numeric
        /// labels.</exception>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            var columns = AnnotatorColumns.Resolve(inputSchema, _options.AnnotatorColumnNames);
            // The settings text travels in a constant column and does not change the schema: any valid settings will do.
            var settings = new FusionMappingSettings { Names = _options.AnnotatorColumnNames, Classes = columns.Classes, Pixels = 0 };
            return BuildChain(columns, settings).GetOutputSchema(inputSchema);
        }

        /// <summary>The settings of the mapping, from the options and the resolved columns.</summary>
        private protected virtual FusionMappingSettings CreateSettings(AnnotatorColumns columns)
            => new FusionMappingSettings
            {
                Names = _options.AnnotatorColumnNames,
                Classes = columns.Classes,
                Pixels = columns.Pixels,
                Posterior = _options.ProbabilitiesColumnName is not null,
                Confusion = _options.ConfusionMatricesColumnName is not null,
            };

        /// <summary>
        /// Labels per row (pixels x annotators) from which the fitted transformer's output is read through one cursor:
        /// the mappings work on such rows in chunks on every core (see <see cref="PatternCodes"/>).
        /// </summary>
        internal const long OneCursorValues = 1 << 20;

        private protected abstract TTransformer CreateTransformer(ITransformer model, FusionMappingSettings settings, bool oneCursor);

        private IEstimator<ITransformer> BuildChain(AnnotatorColumns columns, FusionMappingSettings settings)
        {
            var (contract, mapping) = Method switch
            {
                FusionMethod.MajorityVote => (MajorityVoteMappingFactory.ContractName, (Action<SlotMappingInput, PackedMappingOutput>)MajorityVoteMappingFactory.Map),
                FusionMethod.MeanLabel => (MeanLabelMappingFactory.ContractName, MeanLabelMappingFactory.Map),
                FusionMethod.Staple => (StapleMappingFactory.ContractName, StapleMappingFactory.Map),
                _ => (SpatialStapleMappingFactory.ContractName, SpatialStapleMappingFactory.Map),
            };
            return SlotMappingChain.Build(_context, columns.Inputs, contract, mapping, settings.ToOptions(), _options.GetOutputNames());
        }
    }
}
