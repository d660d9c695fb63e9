using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>The schema of a row class holding one MNIST digit: the image [1, 28, 28] and masks [28, 28].</summary>
    internal static class DigitRowSchema
    {
        /// <summary>A schema for <typeparamref name="TRow"/>: its Image property as [1, 28, 28], every other property as a 28 x 28 mask.</summary>
        public static SchemaDefinition Create<TRow>()
        {
            var schema = SchemaDefinition.Create(typeof(TRow));
            foreach (var column in schema)
            {
                column.ColumnType = column.ColumnName == "Image"
                    ? new VectorDataViewType(NumberDataViewType.Single, 1, 28, 28)
                    : new VectorDataViewType(NumberDataViewType.Single, 28, 28);
            }

            return schema;
        }
    }
}
