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
            => ReadInOnePass(data, imageColumn, new[] { new LabelMapGroup(labelColumns, labelRole) }, classes, softTargetColumn: null, height).Groups[0];

        /// <summary>
        /// Reads images, several groups of label maps (annotations and ground truth, say) and optionally soft targets with
        /// one cursor: one pass over data that may be streamed from disk or computed by a chain of transforms.
        /// </summary>
        /// <param name="data">The data view.</param>
        /// <param name="imageColumn">The image column (vector of Single, [C, H, W] or [H, W]), or null to read labels only.</param>
        /// <param name="groups">The label-map groups; all maps have the image's size, or, without an image, the first
        /// group's shape.</param>
        /// <param name="classes">Number of classes L: labels must lie in 0..L-1.</param>
        /// <param name="softTargetColumn">A column of class probabilities [L, H, W] per image (class-major, as the
        /// mean-label transform writes them), checked to sum to 1 at each pixel; or null. Needs the image column.</param>
        /// <param name="height">The label maps' height when there is no image column and the columns carry no
        /// dimensions; 0 to take a square from the vector size.</param>
        public static LabelledImagesPass ReadInOnePass(IDataView data, string? imageColumn, IReadOnlyList<LabelMapGroup> groups, int classes, string? softTargetColumn = null, int height = 0)
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

            var labels = groups.Select(g => g.Columns.Select(name => LabelColumn.Find(schema, name, g.Role)).ToArray()).ToArray();
            for (int g = 0; g < groups.Count; g++)
            {
                foreach (var label in labels[g])
                {
                    if (label.Size != 0 && h != 0 && label.Size != h * w)
                    {
                        throw SchemaChecks.Mismatch(groups[g].Role, label.Name, $"vector of {h * w} labels (the image is {h} x {w})", label.Column.Type);
                    }
                }
            }

            if (h == 0)
            {
                (h, w) = LabelMapShape(labels.SelectMany(group => group).ToArray(), height);
            }

            DataViewSchema.Column? soft = softTargetColumn is null ? null : SoftTargetColumn(schema, softTargetColumn, image);
            int pixels = h * w;
            var imageValues = new List<float>();
            var softValues = new List<float>();
            var labelValues = groups.Select(_ => new List<byte>()).ToArray();
            var present = groups.Select(_ => new List<bool>()).ToArray();
            var columnsNeeded = labels.SelectMany(group => group.Select(l => l.Column)).ToList();
            if (image is not null)
            {
                columnsNeeded.Add(image.Value);
            }

            if (soft is not null)
            {
                columnsNeeded.Add(soft.Value);
            }

            using var cursor = data.GetRowCursor(columnsNeeded);
            var labelGetters = labels.Select(group => group.Select(l => l.GetCanonicalGetter(cursor)).ToArray()).ToArray();
            var imageGetter = image is null ? null : cursor.GetGetter<VBuffer<float>>(image.Value);
            var softGetter = soft is null ? null : cursor.GetGetter<VBuffer<float>>(soft.Value);
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

                for (int g = 0; g < groups.Count; g++)
                {
                    for (int r = 0; r < labels[g].Length; r++)
                    {
                        labelGetters[g][r](ref buffer);
                        AppendLabels(buffer, labels[g][r].Name, groups[g].Role, row, classes, h, w, rowLabels, labelValues[g], present[g]);
                    }
                }

                if (softGetter is not null)
                {
                    softGetter(ref buffer);
                    AppendSoftTargets(buffer, softValues, softTargetColumn!, row, classes, pixels);
                }
            }

            int count = checked((int)(row + 1));
            float[]? images = image is null ? null : imageValues.ToArray();
            var read = groups.Select((group, g) => new LabelledImages(count, channels, h, w, group.Columns.ToArray(), images, labelValues[g].ToArray(), present[g].ToArray())).ToArray();
            return new LabelledImagesPass(read, soft is null ? null : softValues.ToArray());
        }

        private static void AppendLabels(in VBuffer<float> buffer, string column, string role, long row, int classes, int h, int w, byte[] rowLabels, List<byte> values, List<bool> present)
        {
            if (buffer.Length != h * w)
            {
                throw new InvalidOperationException($"{Capitalise(role)} column '{column}', row {row}: {buffer.Length} labels, expected {h * w} ({h} x {w}).");
            }

            bool has = LabelValues.TryDecode(buffer.GetValues(), classes, rowLabels, () => $"{Capitalise(role)} column '{column}', row {row}");
            if (!has)
            {
                Array.Clear(rowLabels);
            }

            values.AddRange(rowLabels);
            present.Add(has);
        }

        private static DataViewSchema.Column SoftTargetColumn(DataViewSchema schema, string column, DataViewSchema.Column? image)
        {
            if (image is null)
            {
                throw new ArgumentException("Soft targets are read with their images: give the image column.", nameof(image));
            }

            var found = SchemaChecks.FindColumn(schema, column, "label");
            if (found.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
            {
                throw SchemaChecks.Mismatch("label", column, "vector of Single probabilities [L, H, W]", found.Type);
            }

            return found;
        }

        /// <summary>Appends one image's soft targets, checked to be probabilities that sum to 1 at each pixel.</summary>
        private static void AppendSoftTargets(in VBuffer<float> buffer, List<float> values, string column, long row, int classes, int pixels)
        {
            int size = classes * pixels;
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

            // A volume's label map [D, H, W] (scored by whole-volume segmentation) counts as one image of D * H rows:
            // Dice and confusion-matrix errors are sums over the voxels.
            foreach (var label in labels)
            {
                if (height == 0 && label.Column.Type is VectorDataViewType { Dimensions: [> 0 and var d, > 0 and var h, > 0 and var w] })
                {
                    return (d * h, w);
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
