using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Evaluation
{
    // Lesion-wise detection (the class is documented in NoisyLabelsEvaluationCatalog.cs).
    public sealed partial class NoisyLabelsEvaluationCatalog
    {
        /// <summary>
        /// Scores predicted lesion masks lesion by lesion: the connected components of the ground truth and of the
        /// prediction, matched by overlap, give true-positive lesions (ground-truth lesions the prediction touches),
        /// false negatives, false-positive lesions (predicted lesions that touch no ground-truth lesion), and the
        /// lesion-wise sensitivity, precision and F1, per row and pooled over rows (see <see cref="LesionDetectionCounts"/>).
        /// </summary>
        /// <param name="data">The scored data: one volume (or 2D map) per row.</param>
        /// <param name="labelColumnName">The ground-truth column: a vector of labels (key k = class k - 1, or numbers;
        /// every class but 0 is lesion) with dimensions [D, H, W] or [H, W], present on every row.</param>
        /// <param name="predictedLabelColumnName">The predicted labels, in the same form and size, present on every row.
        /// It may lack dimensions when the ground truth has them.</param>
        /// <param name="connectivity">Which voxels form one lesion: 26-connectivity by default (8 in 2D).</param>
        /// <param name="minimumLesionVoxels">Components smaller than this, in voxels, are ignored in both masks (they
        /// neither count as lesions nor detect any). 1 counts every component.</param>
        /// <returns>The metrics.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing, is not a vector of labels, or neither
        /// column has dimensions; the minimum size is below 1.</exception>
        /// <exception cref="InvalidOperationException">A mask is missing, has the wrong size or holds a value that is not a
        /// label, or there are no rows; the message names the column and the row.</exception>
        public LesionDetectionMetrics EvaluateLesionDetection(
            IDataView data,
            string labelColumnName = DefaultLabelColumnName,
            string predictedLabelColumnName = DefaultPredictedLabelColumnName,
            VoxelConnectivity connectivity = VoxelConnectivity.FacesEdgesCorners,
            int minimumLesionVoxels = 1)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(labelColumnName);
            ArgumentNullException.ThrowIfNull(predictedLabelColumnName);
            if (connectivity is not (VoxelConnectivity.Faces or VoxelConnectivity.FacesEdgesCorners))
            {
                throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "The connectivity must be Faces (6) or FacesEdgesCorners (26).");
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(minimumLesionVoxels, 1);
            var truthColumn = LabelColumn.Find(data.Schema, labelColumnName, LabelRole);
            var predictedColumn = LabelColumn.Find(data.Schema, predictedLabelColumnName, LabelRole);
            var shape = (VolumeShape.Of(truthColumn.Column.Type) ?? VolumeShape.Of(predictedColumn.Column.Type)
                ?? throw SchemaChecks.Mismatch(LabelRole, labelColumnName, "vector of labels with dimensions [D, H, W] or [H, W]", truthColumn.Column.Type))
                .Checked($"{LabelRole} column '{labelColumnName}'");
            var detection = new LesionDetection(shape, connectivity, minimumLesionVoxels);
            var truth = new byte[shape.Voxels];
            var prediction = new byte[shape.Voxels];
            var perRow = new List<LesionDetectionCounts>();

            using var cursor = data.GetRowCursor(new[] { truthColumn.Column, predictedColumn.Column });
            var truthGetter = truthColumn.GetCanonicalGetter(cursor);
            var predictedGetter = predictedColumn.GetCanonicalGetter(cursor);
            VBuffer<float> buffer = default;
            float[] dense = Array.Empty<float>();
            long row = -1;
            while (cursor.MoveNext())
            {
                row++;
                truthGetter(ref buffer);
                Decode(buffer, ref dense, truth, labelColumnName, row, shape, "ground truth");
                predictedGetter(ref buffer);
                Decode(buffer, ref dense, prediction, predictedLabelColumnName, row, shape, "prediction");
                perRow.Add(detection.Count(truth, prediction));
            }

            if (perRow.Count == 0)
            {
                throw new InvalidOperationException("There are no rows to evaluate.");
            }

            return new LesionDetectionMetrics(perRow, connectivity, minimumLesionVoxels);
        }

        /// <summary>Decodes one mask of the expected size into bytes (class indices; every class but 0 is lesion).</summary>
        private static void Decode(in VBuffer<float> buffer, ref float[] scratch, byte[] mask, string column, long row, VolumeShape shape, string what)
        {
            if (buffer.Length != mask.Length)
            {
                throw new InvalidOperationException($"Label column '{column}', row {row}: {buffer.Length} values where the shape {shape} has {mask.Length} voxels.");
            }

            string Describe() => $"Label column '{column}', row {row}";
            if (!LabelValues.TryDecode(Dense(buffer, ref scratch), LabelValues.MaxClasses, mask, Describe))
            {
                throw new InvalidOperationException($"{Describe()}: the {what} is missing (every value is NaN or the missing key).");
            }
        }
    }
}
