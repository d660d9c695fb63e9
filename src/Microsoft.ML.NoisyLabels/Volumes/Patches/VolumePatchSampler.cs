using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Cuts 2D patches from volumes in one pass over the data and keeps them in memory: a training set of patches
    /// (images [C, h, w], annotations [h, w]) that the 2D trainers read as they read images.
    /// </summary>
    internal static class VolumePatchSampler
    {
        public static IDataView Sample(MLContext mlContext, IDataView volumes, VolumePatchOptions options)
        {
            ArgumentNullException.ThrowIfNull(volumes);
            ArgumentNullException.ThrowIfNull(options);
            CheckOptions(options);
            var schema = volumes.Schema;
            var layout = VolumeLayout.OfColumn(schema, options.ImageColumnName, "image");
            var labelColumns = options.LabelColumnNames.Select(name => LabelColumn(schema, name, layout)).ToArray();
            var caseColumn = options.CaseIdColumnName is string caseName && schema.GetColumnOrNull(caseName) is { IsHidden: false } c ? c : (DataViewSchema.Column?)null;
            if (caseColumn is { } text && text.Type is not TextDataViewType)
            {
                throw SchemaChecks.Mismatch("case id", text.Name, "String", text.Type);
            }

            int seed = options.Seed ?? ((IHostEnvironment)mlContext).Register(nameof(VolumePatchSampler)).Rand.Next();
            var random = new SimulationRandom(SimulationRandom.Mix((ulong)(uint)seed ^ 0x5A17C4E5D3B2A190UL));
            var plane = layout.Plane(options.SliceAxis);
            var patches = new PatchStore(layout.Channels, options.PatchHeight, options.PatchWidth, labelColumns.Length);
            int foregroundCount = (int)Math.Round(options.PatchesPerVolume * options.ForegroundFraction, MidpointRounding.AwayFromZero);

            var needed = new List<DataViewSchema.Column> { schema[options.ImageColumnName] };
            needed.AddRange(labelColumns);
            if (caseColumn is { } caseIds)
            {
                needed.Add(caseIds);
            }

            using var cursor = volumes.GetRowCursor(needed);
            var imageGetter = cursor.GetGetter<VBuffer<float>>(needed[0]);
            var labelGetters = labelColumns.Select(cursor.GetGetter<VBuffer<float>>).ToArray();
            var caseGetter = caseColumn is { } id ? cursor.GetGetter<ReadOnlyMemory<char>>(id) : null;
            VBuffer<float> buffer = default;
            ReadOnlyMemory<char> caseId = default;
            var image = new float[layout.Channels * layout.Voxels];
            var labels = labelColumns.Select(_ => new float[layout.Voxels]).ToArray();
            var missing = new bool[labelColumns.Length];
            // The columns whose foreground decides the patch centres: all label columns, or those named.
            var drives = options.LabelColumnNames.Select(name => options.ForegroundColumnNames is null || options.ForegroundColumnNames.Contains(name, StringComparer.Ordinal)).ToArray();
            var foreground = new List<int>();
            var positions = new List<PatchPosition>(options.PatchesPerVolume);
            long row = 0;
            while (cursor.MoveNext())
            {
                imageGetter(ref buffer);
                CopyDense(buffer, image, options.ImageColumnName, row);
                for (int r = 0; r < labelColumns.Length; r++)
                {
                    labelGetters[r](ref buffer);
                    CopyDense(buffer, labels[r], labelColumns[r].Name, row);
                    missing[r] = AllNaN(labels[r]);
                }

                caseGetter?.Invoke(ref caseId);
                FindForeground(labels, missing, drives, foreground);
                positions.Clear();
                VolumePatchDraw.Draw(ref random, plane, options.PatchHeight, options.PatchWidth, options.PatchesPerVolume, foregroundCount, foreground, positions);
                string? caseText = caseGetter is null ? null : caseId.ToString();
                foreach (var position in positions)
                {
                    patches.Add(image, labels, missing, layout.Voxels, plane, position, caseText);
                }

                row++;
            }

            return patches.ToDataView(options.ImageColumnName, labelColumns.Select(l => l.Name).ToArray(), caseColumn?.Name);
        }

        private static void CheckOptions(VolumePatchOptions options)
        {
            if (options.PatchHeight < 1 || options.PatchWidth < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"The patch size must be at least 1 x 1; got {options.PatchHeight} x {options.PatchWidth}.");
            }

            if (options.PatchesPerVolume < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(VolumePatchOptions.PatchesPerVolume)} must be at least 1; got {options.PatchesPerVolume}.");
            }

            if (!(options.ForegroundFraction >= 0 && options.ForegroundFraction <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(VolumePatchOptions.ForegroundFraction)} must be in [0, 1]; got {options.ForegroundFraction}.");
            }

            if (!Enum.IsDefined(options.SliceAxis))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(VolumePatchOptions.SliceAxis)} must be Depth, Height or Width; got {options.SliceAxis}.");
            }

            if (options.LabelColumnNames is null || options.LabelColumnNames.Length == 0)
            {
                throw new ArgumentException($"{nameof(VolumePatchOptions.LabelColumnNames)} must name at least one annotation column.", nameof(options));
            }

            if (options.ForegroundColumnNames is string[] drivers)
            {
                foreach (string name in drivers)
                {
                    if (!options.LabelColumnNames.Contains(name, StringComparer.Ordinal))
                    {
                        throw new ArgumentException($"Foreground column '{name}' is not one of the label columns ({string.Join(", ", options.LabelColumnNames)}).", nameof(options));
                    }
                }
            }

            var names = new HashSet<string>(StringComparer.Ordinal) { options.ImageColumnName };
            foreach (string name in options.LabelColumnNames)
            {
                if (!names.Add(name))
                {
                    throw new ArgumentException($"Column '{name}' is named twice among the image and label columns.", nameof(options));
                }
            }
        }

        private static DataViewSchema.Column LabelColumn(DataViewSchema schema, string name, VolumeLayout layout)
        {
            var column = SchemaChecks.FindColumn(schema, name, "label");
            string expected = $"vector of Single with {layout.Voxels} values ([{layout.Depth}, {layout.Height}, {layout.Width}], the image's grid)";
            // A vector of unknown size (the output of a fusion or simulation transform) is checked row by row.
            if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || (vector.IsKnownSize && vector.Size != layout.Voxels))
            {
                throw SchemaChecks.Mismatch("label", name, expected, column.Type);
            }

            if (vector.Dimensions.Length > 1 && !vector.Dimensions.SequenceEqual(layout.Extents))
            {
                throw SchemaChecks.Mismatch("label", name, expected, column.Type);
            }

            return column;
        }

        private static void CopyDense(in VBuffer<float> source, float[] destination, string column, long row)
        {
            if (source.Length != destination.Length)
            {
                throw new InvalidOperationException($"Column '{column}', row {row}: {source.Length} values where the image's grid has {destination.Length}.");
            }

            source.CopyTo(destination);
        }

        private static bool AllNaN(float[] values)
        {
            foreach (float value in values)
            {
                if (!float.IsNaN(value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The voxels that at least one present annotation among those that <paramref name="drives"/> flags marks as a class other than 0.</summary>
        private static void FindForeground(float[][] labels, bool[] missing, bool[] drives, List<int> foreground)
        {
            foreground.Clear();
            int voxels = labels.Length == 0 ? 0 : labels[0].Length;
            for (int i = 0; i < voxels; i++)
            {
                for (int r = 0; r < labels.Length; r++)
                {
                    // NaN > 0 is false: a missing annotation marks nothing.
                    if (drives[r] && !missing[r] && labels[r][i] > 0)
                    {
                        foreground.Add(i);
                        break;
                    }
                }
            }
        }
    }
}
