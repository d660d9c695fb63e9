namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// Readers and writers for the data sets the package works with: MNIST, and folders of NIfTI volumes. Obtain it with <c>mlContext.NoisyLabels().Data</c>.
    /// </summary>
    public sealed partial class NoisyLabelsDataCatalog
    {
        private readonly MLContext _mlContext;

        internal NoisyLabelsDataCatalog(MLContext mlContext)
        {
            _mlContext = mlContext;
        }

        /// <summary>
        /// Loads MNIST from its IDX files (gzip-compressed or raw) as a data view with the columns of
        /// <see cref="MnistColumnNames"/>: the image ([1, 28, 28], 0..1), the digit, and the ground-truth mask
        /// (intensity &gt; 0.5, as in the paper).
        /// </summary>
        /// <param name="imagesPath">The images file, e.g. <c>t10k-images-idx3-ubyte.gz</c>.</param>
        /// <param name="labelsPath">The labels file, e.g. <c>t10k-labels-idx1-ubyte.gz</c>.</param>
        /// <param name="maxImages">Load at most this many images (the first ones in the files).</param>
        /// <returns>A data view over the images; pixels are converted from the file's bytes as rows are read.</returns>
        /// <exception cref="FileNotFoundException">A file does not exist.</exception>
        /// <exception cref="InvalidDataException">A file is truncated, has the wrong magic number, or the two files hold
        /// different numbers of items. The message names the file.</exception>
        public IDataView LoadMnist(string imagesPath, string labelsPath, int maxImages = int.MaxValue)
        {
            ArgumentNullException.ThrowIfNull(imagesPath);
            ArgumentNullException.ThrowIfNull(labelsPath);
            return MnistLoader.Load(imagesPath, labelsPath, maxImages);
        }
    }
}
