using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// Reads an image column and label-map columns into <see cref="LabelledImages"/>, checking every value on the way.
    /// Errors name the column, the row, the pixel and the value. The one place where training, evaluation and the
    /// benchmarks turn an <see cref="IDataView"/> into arrays.
    /// </summary>
    internal static class LabelledImagesReader
    {
        /// <summary>Reads the data.</summary>
        /// <param name="data">The data view.</param>
        /// <param name="imageColumn">The image column (vector of Single, [C, H, W] or [H, W]), or null to read labels only.</param>
        /// <param name="labelColumns">The label-map columns (see <see cref="LabelColumn"/>).</param>
        /// <param name="classes">Number of classes L: labels must lie in 0..L-1.</param>
        /// <param name="labelRole">How errors name the label columns ("annotator", "label").</param>
        /// <param name="height">The label maps' height when there is no image column and the columns carry no
        /// dimensions; 0 to take a square from the vector size.</param>
        public static LabelledImages Read(IDataView data, string? imageColumn, IReadOnlyList<string> labelColumns, int classes, string labelRole, int height = 0)
        {
            if (classes < 2 || classes > LabelValues.MaxClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes, $"The number of classes must lie in 2..{LabelValues.MaxClasses}.");
            }

            var schema = data.Schema;
            int channels = 1, h = 0, w = 0;
            DataViewSchema.Column? image = null;
            if (imageColumn is not null)
            {
                var dims = SchemaChecks.ImageColumnDimensions(schema, imageColumn);
                (channels, h, w) = (dims[0], dims[1], dims[2]);
                image = schema[imageColumn];
            }

            var labels = labelColumns.Select(name => LabelColumn.Find(schema, name, labelRole)).ToArray();
            foreach (var label in labels)
            {
                if (label.Size != 0 && h != 0 && label.Size != h * w)
                {
                    throw SchemaChecks.Mismatch(labelRole, label.Name, $"vector of {h * w} labels (the image is {h} x {w})", label.Column.Type);
                }
            }

            if (h == 0)
            {
                (h, w) = LabelMapShape(labels, height);
            }

            int pixels = h * w;
            int maps = labels.Length;
            var imageValues = new List<float>();
            var labelValues = new List<byte>();
            var present = new List<bool>();
            var columnsNeeded = labels.Select(l => l.Column).ToList();
            if (image is not null)
            {
                columnsNeeded.Add(image.Value);
            }

            using var cursor = data.GetRowCursor(columnsNeeded);
            var labelGetters = labels.Select(l => l.GetCanonicalGetter(cursor)).ToArray();
            var imageGetter = image is null ? null : cursor.GetGetter<VBuffer<float>>(image.Value);
            VBuffer<float> buffer = default;
            var rowLabels = new byte[pixels];
            long row = -1;
            while (cursor.MoveNext())
            {
                row++;
                if (imageGetter is not null)
                {
                    imageGetter(ref buffer);
                    AppendImage(buffer, imageValues, imageColumn!, row);
                }

                for (int r = 0; r < maps; r++)
                {
                    labelGetters[r](ref buffer);
                    if (buffer.Length != pixels)
                    {
                        throw new InvalidOperationException(
                            $"{Capitalise(labelRole)} column '{labels[r].Name}', row {row}: {buffer.Length} labels, expected {pixels} ({h} x {w}).");
                    }

                    string name = labels[r].Name;
                    long at = row;
                    bool has = LabelValues.TryDecode(buffer.GetValues(), classes, rowLabels, () => $"{Capitalise(labelRole)} column '{name}', row {at}");
                    if (!has)
                    {
                        Array.Clear(rowLabels);
                    }

                    labelValues.AddRange(rowLabels);
                    present.Add(has);
                }
            }

            int count = checked((int)(row + 1));
            return new LabelledImages(count, channels, h, w, labelColumns.ToArray(), image is null ? null : imageValues.ToArray(), labelValues.ToArray(), present.ToArray());
        }

        /// <summary>
        /// Reads soft targets: per pixel class probabilities laid out [L, H, W] (class-major, as the mean-label
        /// transform writes them), checked to be probabilities that sum to 1 at each pixel.
        /// </summary>
        public static float[] ReadSoftTargets(IDataView data, string column, int classes, int pixels)
        {
            var found = SchemaChecks.FindColumn(data.Schema, column, "label");
            if (found.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
            {
                throw SchemaChecks.Mismatch("label", column, "vector of Single probabilities [L, H, W]", found.Type);
            }

            int size = classes * pixels;
            var values = new List<float>();
            using var cursor = data.GetRowCursor(new[] { found });
            var getter = cursor.GetGetter<VBuffer<float>>(found);
            VBuffer<float> buffer = default;
            long row = -1;
            while (cursor.MoveNext())
            {
                row++;
                getter(ref buffer);
                if (buffer.Length != size)
                {
                    throw new InvalidOperationException($"Label column '{column}', row {row}: {buffer.Length} values, expected {size} class probabilities ({classes} classes x {pixels} pixels).");
                }

                int start = values.Count;
                values.AddRange(buffer.DenseValues());
                for (int i = 0; i < pixels; i++)
                {
                    float sum = 0;
                    for (int c = 0; c < classes; c++)
                    {
                        float v = values[start + (c * pixels) + i];
                        if (!(v >= 0 && v <= 1))
                        {
                            throw new InvalidOperationException($"Label column '{column}', row {row}: value {v} for class {c} at pixel {i} is not a probability.");
                        }

                        sum += v;
                    }

                    if (Math.Abs(sum - 1) > 1e-3)
                    {
                        throw new InvalidOperationException($"Label column '{column}', row {row}: the class probabilities at pixel {i} sum to {sum}, not 1.");
                    }
                }
            }

            return values.ToArray();
        }

        private static void AppendImage(in VBuffer<float> buffer, List<float> values, string column, long row)
        {
            int start = values.Count;
            foreach (float v in buffer.DenseValues())
            {
                if (!float.IsFinite(v))
                {
                    throw new InvalidOperationException($"Image column '{column}', row {row}: value {v} at pixel {values.Count - start}; pixels must be finite numbers.");
                }

                values.Add(v);
            }
        }

        private static (int Height, int Width) LabelMapShape(LabelColumn[] labels, int height)
        {
            foreach (var label in labels)
            {
                if (ImageDimensions.Of2D(label.Column.Type) is (int h, int w))
                {
                    return (h, w);
                }
            }

            int size = labels.Select(l => l.Size).FirstOrDefault(s => s > 0);
            if (size == 0)
            {
                throw new ArgumentException(
                    $"The label maps' shape cannot be told: columns {string.Join(", ", labels.Select(l => "'" + l.Name + "'"))} have no known size or dimensions, and no image column was given.");
            }

            if (height > 0)
            {
                return size % height == 0 ? (height, size / height) : throw new ArgumentException($"Label maps of {size} pixels cannot have height {height}.");
            }

            int side = (int)Math.Round(Math.Sqrt(size));
            return side * side == size ? (side, side) : throw new ArgumentException($"Label maps of {size} pixels without dimensions: give their height.");
        }

        private static string Capitalise(string role) => char.ToUpperInvariant(role[0]) + role.Substring(1);
    }
}
