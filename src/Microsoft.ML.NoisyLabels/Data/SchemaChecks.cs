using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>Schema checks with the wording ML.NET's own components use.</summary>
    internal static class SchemaChecks
    {
        public static DataViewSchema.Column FindColumn(DataViewSchema schema, string name, string role)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"The {role} column name must not be empty.", nameof(name));
            }

            var column = schema.GetColumnOrNull(name);
            if (column is null || column.Value.IsHidden)
            {
                throw new ArgumentOutOfRangeException(nameof(schema), $"Could not find {role} column '{name}'");
            }

            return column.Value;
        }

        /// <summary>The same lookup in a schema shape, before fitting (SchemaShape's own lookup is internal to ML.NET).</summary>
        public static SchemaShape.Column FindColumn(SchemaShape shape, string name, string role)
        {
            foreach (var column in shape)
            {
                if (column.Name == name)
                {
                    return column;
                }
            }

            throw new ArgumentOutOfRangeException("inputSchema", $"Could not find {role} column '{name}'");
        }

        public static ArgumentOutOfRangeException Mismatch(string role, string name, string expected, DataViewType actual)
            => new ArgumentOutOfRangeException("schema", $"Schema mismatch for {role} column '{name}': expected {expected}, got {actual}");

        /// <summary>
        /// Checks that the image column is a vector of Single with known dimensions [C, H, W] or [H, W]; returns the
        /// dimensions as [C, H, W] (C = 1 for [H, W]).
        /// </summary>
        public static int[] ImageColumnDimensions(DataViewSchema schema, string name, string role = "image")
        {
            var column = FindColumn(schema, name, role);
            if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size == 0)
            {
                throw Mismatch(role, name, "known-size vector of Single with dimensions [C, H, W] or [H, W]", column.Type);
            }

            return ImageDimensions.Of(vector)?.ToArray()
                ?? throw Mismatch(role, name, "vector of Single with dimensions [C, H, W] or [H, W]", column.Type);
        }
    }
}
