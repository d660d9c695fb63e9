using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>Shapes of the inputs of the simulation mappings, checked at fit time and again per row.</summary>
    internal static class MappingShapes
    {
        /// <summary>
        /// The height and width of a label-map column: from its dimensions ([H, W] or [1, H, W]), or from its size and
        /// <paramref name="height"/> (0: a square). (0, 0) when the column's size is not known until rows are read.
        /// </summary>
        public static (int Height, int Width) OfColumn(LabelColumn column, int height)
        {
            if (ImageDimensions.Of2D(column.Column.Type) is (int h, int w))
            {
                return height == 0 || height == h
                    ? (h, w)
                    : throw new ArgumentOutOfRangeException("options", $"The height {height} contradicts the {column.Name} column's dimensions {h}x{w}.");
            }

            if (column.Size == 0)
            {
                return (0, 0);
            }

            return OfPixels(column.Size, height, () => $"{column.Name} column", (message) => new ArgumentOutOfRangeException("schema", message));
        }

        /// <summary>The height and width of a map of <paramref name="pixels"/> pixels with the given height (0: a square).</summary>
        public static (int Height, int Width) OfPixels(int pixels, int height, Func<string> describe, Func<string, Exception> error)
        {
            if (height > 0)
            {
                return pixels % height == 0 && pixels > 0
                    ? (height, pixels / height)
                    : throw error($"{describe()}: {pixels} labels cannot form rows of height {height}.");
            }

            int side = (int)Math.Round(Math.Sqrt(pixels));
            return side > 0 && side * side == pixels
                ? (side, side)
                : throw error($"{describe()}: {pixels} labels do not form a square and no height was given.");
        }

        /// <summary>
        /// Finds the optional column whose values are mixed into each row's random seed: a number or a vector of
        /// numbers (not keys). Returns the packed input and its number of values (-1 when only rows know it).
        /// </summary>
        public static (PackedInputColumn Column, int Values) SeedColumn(DataViewSchema schema, string name)
        {
            const string role = "seed";
            var column = SchemaChecks.FindColumn(schema, name, role);
            var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
            if (item is not NumberDataViewType)
            {
                throw SchemaChecks.Mismatch(role, name, "a number or a vector of numbers", column.Type);
            }

            int values = column.Type is VectorDataViewType v ? (v.Size == 0 ? -1 : v.Size) : 1;
            return (PackedInputColumn.From(column), values);
        }

        /// <summary>The same check on a schema shape, before fitting.</summary>
        public static PackedInputColumn SeedColumn(SchemaShape schema, string name)
        {
            const string role = "seed";
            var column = SchemaChecks.FindColumn(schema, name, role);
            if (column.IsKey || column.ItemType is not NumberDataViewType)
            {
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for {role} column '{name}': expected a number or a vector of numbers, got {column.ItemType}");
            }

            return PackedInputColumn.From(column);
        }

        /// <summary>Finds a label-map column in a schema shape, before fitting.</summary>
        public static PackedInputColumn LabelColumn(SchemaShape schema, string name, string role)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"The {role} column name must not be empty.", nameof(name));
            }

            var column = SchemaChecks.FindColumn(schema, name, role);
            if (column.Kind == SchemaShape.Column.VectorKind.Scalar || !(column.IsKey || column.ItemType is NumberDataViewType))
            {
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for {role} column '{name}': expected vector of key or numeric labels, got {column.ItemType}");
            }

            return PackedInputColumn.From(column);
        }
    }
}
