using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>The column names of the data view returned by <see cref="NoisyLabelsDataCatalog.LoadMnist"/>.</summary>
    public static class MnistColumnNames
    {
        /// <summary>The image: <c>Vector&lt;Single&gt;</c> with dimensions [1, 28, 28] (channel, height, width), intensities in 0..1.</summary>
        public const string Image = "Image";

        /// <summary>The digit shown, 0..9: <c>Int32</c>.</summary>
        public const string Digit = "Digit";

        /// <summary>
        /// The ground-truth segmentation: <c>Vector&lt;Single&gt;</c> with dimensions [28, 28], 1 where the intensity
        /// exceeds 0.5 (the paper's threshold), else 0.
        /// </summary>
        public const string Mask = "Mask";
    }

    /// <summary>Turns a pair of MNIST IDX files into an <see cref="IDataView"/>.</summary>
    internal static class MnistLoader
    {
        /// <summary>Magic number of an IDX file of unsigned-byte images (three dimensions).</summary>
        internal const int ImagesMagic = 2051;

        /// <summary>Magic number of an IDX file of unsigned-byte labels (one dimension).</summary>
        internal const int LabelsMagic = 2049;

        /// <summary>Intensity above which a pixel belongs to the digit: 0.5 on the 0..1 scale, that is a byte above 127.5.</summary>
        internal const byte MaskThresholdByte = 127;

        public static IDataView Load(string imagesPath, string labelsPath, int maxImages)
        {
            if (maxImages < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxImages), maxImages, "The number of images to load cannot be negative.");
            }

            var images = IdxFile.Read(imagesPath);
            if (images.Magic != ImagesMagic)
            {
                throw new InvalidDataException($"'{imagesPath}' is not an MNIST image file: magic number {images.Magic}, expected {ImagesMagic}.");
            }

            var labels = IdxFile.Read(labelsPath);
            if (labels.Magic != LabelsMagic)
            {
                throw new InvalidDataException($"'{labelsPath}' is not an MNIST label file: magic number {labels.Magic}, expected {LabelsMagic}.");
            }

            if (images.Dimensions[0] != labels.Dimensions[0])
            {
                throw new InvalidDataException(
                    $"The MNIST files do not match: '{imagesPath}' holds {images.Dimensions[0]} images but '{labelsPath}' holds {labels.Dimensions[0]} labels.");
            }

            int height = images.Dimensions[1];
            int width = images.Dimensions[2];
            int pixels = height * width;
            int rows = Math.Min(images.Dimensions[0], maxImages);
            byte[] imageBytes = images.Values;
            byte[] labelBytes = labels.Values;
            int wrong = labelBytes.AsSpan(0, rows).IndexOfAnyExceptInRange((byte)0, (byte)9);
            if (wrong >= 0)
            {
                throw new InvalidDataException($"'{labelsPath}' is not an MNIST label file: row {wrong} holds the label {labelBytes[wrong]}, outside the digits 0..9.");
            }

            return new InMemoryDataView(
                rows,
                new InMemoryColumn<VBuffer<float>>(
                    MnistColumnNames.Image,
                    new VectorDataViewType(NumberDataViewType.Single, 1, height, width),
                    (long row, ref VBuffer<float> value) =>
                    {
                        var editor = VBufferEditor.Create(ref value, pixels);
                        var source = imageBytes.AsSpan(checked((int)row * pixels), pixels);
                        for (int i = 0; i < source.Length; i++)
                        {
                            editor.Values[i] = source[i] / 255f;
                        }

                        value = editor.Commit();
                    }),
                new InMemoryColumn<int>(
                    MnistColumnNames.Digit,
                    NumberDataViewType.Int32,
                    (long row, ref int value) => value = labelBytes[row]),
                new InMemoryColumn<VBuffer<float>>(
                    MnistColumnNames.Mask,
                    new VectorDataViewType(NumberDataViewType.Single, height, width),
                    (long row, ref VBuffer<float> value) =>
                    {
                        var editor = VBufferEditor.Create(ref value, pixels);
                        var source = imageBytes.AsSpan(checked((int)row * pixels), pixels);
                        for (int i = 0; i < source.Length; i++)
                        {
                            editor.Values[i] = source[i] > MaskThresholdByte ? 1f : 0f;
                        }

                        value = editor.Commit();
                    }));
        }
    }
}
