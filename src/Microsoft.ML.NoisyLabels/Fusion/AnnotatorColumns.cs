using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The annotator columns of a fusion estimator, checked against a schema: each must exist and be a vector of key or
    /// numeric labels, all of one size. Also works out the number of classes and the image shape.
    /// </summary>
    internal sealed class AnnotatorColumns
    {
        /// <summary>How errors name these columns.</summary>
        public const string Role = "annotator";

        private AnnotatorColumns(IReadOnlyList<PackedInputColumn> inputs, int pixels, int classes, ImageShape? shape)
        {
            Inputs = inputs;
            Pixels = pixels;
            Classes = classes;
            Shape = shape;
        }

        /// <summary>The columns as packed-mapping inputs.</summary>
        public IReadOnlyList<PackedInputColumn> Inputs { get; }

        /// <summary>Labels per column, or 0 when the columns have no fixed size.</summary>
        public int Pixels { get; }

        /// <summary>The number of classes L.</summary>
        public int Classes { get; }

        /// <summary>The image shape of the first column with known dimensions [H, W] or [D, H, W], else null.</summary>
        public ImageShape? Shape { get; }

        /// <summary>Checks the columns in a data schema (at <c>Fit</c>).</summary>
        public static AnnotatorColumns Resolve(DataViewSchema schema, IReadOnlyList<string> names, int? numberOfClasses)
        {
            var columns = names.Select(name => LabelColumn.Find(schema, name, Role)).ToArray();
            var first = columns[0];
            foreach (var column in columns)
            {
                if (column.Size != first.Size)
                {
                    string expected = first.Size == 0
                        ? $"vector of labels of variable size (as column '{first.Name}')"
                        : $"vector of {first.Size} labels (as column '{first.Name}')";
                    throw SchemaChecks.Mismatch(Role, column.Name, expected, column.Column.Type);
                }
            }

            var shape = columns
                .Select(c => ImageDimensions.Of(c.Column.Type))
                .Where(d => d is not null)
                .Select(d => (ImageShape?)ImageShape.From(d!.Value))
                .FirstOrDefault();
            // A key type of count K expresses classes 0..K-1: the union of the annotators' key types, else binary.
            int classes = KeyLabels.InferClasses(numberOfClasses, columns.Where(c => c.IsKey).Select(c => c.KeyCount), "annotator columns", nameof(numberOfClasses));
            return new AnnotatorColumns(columns.Select(c => PackedInputColumn.From(c.Column)).ToArray(), first.Size, classes, shape);
        }

        /// <summary>Checks the columns in a schema shape (at <c>GetOutputSchema</c>): sizes are not known there.</summary>
        public static AnnotatorColumns Resolve(SchemaShape shape, IReadOnlyList<string> names)
        {
            var inputs = new List<PackedInputColumn>();
            foreach (string name in names)
            {
                var column = SchemaChecks.FindColumn(shape, name, Role);
                if (column.Kind == SchemaShape.Column.VectorKind.Scalar || !(column.IsKey || column.ItemType is NumberDataViewType))
                {
                    string actual = column.Kind == SchemaShape.Column.VectorKind.Scalar ? $"{column.ItemType}" : $"Vector<{column.ItemType}>";
                    throw new ArgumentOutOfRangeException(nameof(shape), $"Schema mismatch for {Role} column '{name}': expected vector of key or numeric labels, got {actual}");
                }

                inputs.Add(PackedInputColumn.From(column));
            }

            return new AnnotatorColumns(inputs, 0, FusionDefaults.NumberOfClasses, null);
        }
    }
}
