using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The sampled patches, copied out of their volumes with padding, and the data view over them: images
    /// [C, h, w], one [h, w] column per annotation, and the case id when there is one.
    /// </summary>
    internal sealed class PatchStore
    {
        private readonly int _channels;
        private readonly int _height;
        private readonly int _width;
        private readonly List<float[]> _images = new List<float[]>();
        private readonly List<float[][]> _labels = new List<float[][]>();
        private readonly List<string?> _caseIds = new List<string?>();
        private readonly int _labelColumns;

        public PatchStore(int channels, int height, int width, int labelColumns)
        {
            _channels = channels;
            _height = height;
            _width = width;
            _labelColumns = labelColumns;
        }

        /// <summary>
        /// Copies the patch at <paramref name="position"/>. Padding (where the plane is smaller than the patch) is 0 in
        /// the image and in present annotations (background), NaN in missing ones, which stay missing.
        /// </summary>
        public void Add(float[] image, float[][] labels, bool[] missing, int voxels, SlicePlane plane, PatchPosition position, string? caseId)
        {
            int pixels = _height * _width;
            var patch = new float[_channels * pixels];
            for (int c = 0; c < _channels; c++)
            {
                Copy(image.AsSpan(c * voxels, voxels), plane, position, patch.AsSpan(c * pixels, pixels), 0f);
            }

            var patchLabels = new float[_labelColumns][];
            for (int r = 0; r < _labelColumns; r++)
            {
                patchLabels[r] = new float[pixels];
                Copy(labels[r], plane, position, patchLabels[r], missing[r] ? float.NaN : 0f);
            }

            _images.Add(patch);
            _labels.Add(patchLabels);
            _caseIds.Add(caseId);
        }

        public IDataView ToDataView(string imageColumnName, string[] labelColumnNames, string? caseIdColumnName)
        {
            var columns = new List<InMemoryColumn>();
            if (caseIdColumnName is not null)
            {
                columns.Add(new InMemoryColumn<ReadOnlyMemory<char>>(
                    caseIdColumnName, TextDataViewType.Instance, (long row, ref ReadOnlyMemory<char> value) => value = _caseIds[(int)row].AsMemory()));
            }

            columns.Add(new InMemoryColumn<VBuffer<float>>(
                imageColumnName,
                new VectorDataViewType(NumberDataViewType.Single, _channels, _height, _width),
                (long row, ref VBuffer<float> value) => Fill(_images[(int)row], ref value)));
            for (int r = 0; r < labelColumnNames.Length; r++)
            {
                int rater = r;
                columns.Add(new InMemoryColumn<VBuffer<float>>(
                    labelColumnNames[r],
                    new VectorDataViewType(NumberDataViewType.Single, _height, _width),
                    (long row, ref VBuffer<float> value) => Fill(_labels[(int)row][rater], ref value)));
            }

            return new InMemoryDataView(_images.Count, columns.ToArray());
        }

        private void Copy(ReadOnlySpan<float> channel, SlicePlane plane, PatchPosition position, Span<float> patch, float padding)
        {
            for (int i = 0; i < _height; i++)
            {
                int row = position.Row + i;
                var patchRow = patch.Slice(i * _width, _width);
                if (row >= plane.Rows)
                {
                    patchRow.Fill(padding);
                    continue;
                }

                int start = plane.Index(position.Slice, row, position.Column);
                int inside = Math.Min(_width, plane.Columns - position.Column);
                for (int j = 0; j < inside; j++)
                {
                    patchRow[j] = channel[start + (j * plane.ColumnStride)];
                }

                patchRow.Slice(inside).Fill(padding);
            }
        }

        private static void Fill(float[] source, ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, source.Length);
            source.CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
