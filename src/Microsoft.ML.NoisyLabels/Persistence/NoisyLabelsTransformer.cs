using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// Base of the package's fitted transformers. Each is a facade over a chain of first-party ML.NET transformers
    /// (<see cref="Model"/>): that chain is what <c>mlContext.Model.Save</c> writes to model.zip and what
    /// <c>mlContext.Model.Load</c> gives back, so a loaded model is that ML.NET transformer (a
    /// <see cref="TransformerChain{TLastTransformer}"/> for label transforms, ML.NET's ONNX transformer for trained
    /// networks), not this type, and works in any process that references ML.NET (and this assembly, for label
    /// transforms, whose custom mappings ML.NET finds there by contract name).
    /// Transforms are lazy, as in ML.NET: a bad value is reported when its row is read, by an exception that names
    /// the column, the pixel and the value (ML.NET's parallel cursors may wrap it). Estimators check the data they
    /// fit on eagerly, naming the row too.
    /// </summary>
    public abstract class NoisyLabelsTransformer : ITransformer
    {
        private protected NoisyLabelsTransformer(ITransformer model)
        {
            Model = model ?? throw new ArgumentNullException(nameof(model));
        }

        /// <summary>The first-party ML.NET pipeline that does the work and is saved in model.zip.</summary>
        public ITransformer Model { get; }

        /// <inheritdoc />
        public bool IsRowToRowMapper => Model.IsRowToRowMapper;

        /// <inheritdoc />
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(inputSchema);

        /// <inheritdoc />
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Model.GetRowToRowMapper(inputSchema);

        /// <inheritdoc />
        public IDataView Transform(IDataView input) => WrapOutput(Model.Transform(input));

        /// <summary>Saves <see cref="Model"/>: what model.zip holds is the first-party pipeline.</summary>
        /// <summary>What <see cref="Transform"/> hands back for the inner chain's output (by default, that output).</summary>
        private protected virtual IDataView WrapOutput(IDataView output) => output;

        void ICanSaveModel.Save(ModelSaveContext ctx) => Model.Save(ctx);
    }
}
