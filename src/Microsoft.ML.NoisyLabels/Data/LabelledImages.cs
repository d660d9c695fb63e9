namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// Images and label maps read from a data view into contiguous arrays, the form that fusion, training and
    /// evaluation compute on. Layouts are row-major: images [N, C, H, W]; labels [N, R, P] with P = H * W pixels;
    /// presence [N, R] (false where label map r of image n is missing: its labels are then zero).
    /// </summary>
    internal sealed class LabelledImages
    {
        public LabelledImages(int count, int channels, int height, int width, string[] labelColumns, float[]? images, byte[] labels, bool[] present)
        {
            Count = count;
            Channels = channels;
            Height = height;
            Width = width;
            LabelColumns = labelColumns;
            Images = images;
            Labels = labels;
            Present = present;
        }

        /// <summary>Number of images (rows) N.</summary>
        public int Count { get; }

        /// <summary>Channels C of each image (1 when no image column was read).</summary>
        public int Channels { get; }

        /// <summary>Height H of each image and label map.</summary>
        public int Height { get; }

        /// <summary>Width W of each image and label map.</summary>
        public int Width { get; }

        /// <summary>Pixels per label map, H * W.</summary>
        public int Pixels => Height * Width;

        /// <summary>The label columns read, in order: R = their number.</summary>
        public string[] LabelColumns { get; }

        /// <summary>Number of label maps per image R.</summary>
        public int LabelMaps => LabelColumns.Length;

        /// <summary>Image intensities [N, C, H, W], or null when no image column was read.</summary>
        public float[]? Images { get; }

        /// <summary>Class labels [N, R, P].</summary>
        public byte[] Labels { get; }

        /// <summary>Whether label map r of image n exists, [N, R].</summary>
        public bool[] Present { get; }

        /// <summary>The labels of map <paramref name="map"/> of image <paramref name="image"/>.</summary>
        public ReadOnlySpan<byte> LabelsOf(int image, int map)
            => Labels.AsSpan(((image * LabelMaps) + map) * Pixels, Pixels);

        /// <summary>Whether map <paramref name="map"/> of image <paramref name="image"/> exists.</summary>
        public bool IsPresent(int image, int map) => Present[(image * LabelMaps) + map];
    }
}
