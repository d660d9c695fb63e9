using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Data
{
    [TestClass]
    public class MnistLoaderTests
    {
        private readonly MLContext _ml = new MLContext(seed: 1);

        [TestMethod]
        public void LoadsRealTestSet()
        {
            var data = _ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels);
            Assert.AreEqual(10_000L, data.GetRowCount());
            var digits = data.GetColumn<int>(MnistColumnNames.Digit).Take(10).ToArray();
            CollectionAssert.AreEqual(new[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, digits);

            var imageType = (VectorDataViewType)data.Schema[MnistColumnNames.Image].Type;
            CollectionAssert.AreEqual(new[] { 1, 28, 28 }, imageType.Dimensions.ToArray());
            Assert.AreEqual(NumberDataViewType.Single, imageType.ItemType);
            var maskType = (VectorDataViewType)data.Schema[MnistColumnNames.Mask].Type;
            CollectionAssert.AreEqual(new[] { 28, 28 }, maskType.Dimensions.ToArray());

            // The mask is exactly "intensity > 0.5" of the image, for every pixel of the first 100 images.
            using var cursor = data.GetRowCursor(data.Schema);
            var imageGetter = cursor.GetGetter<VBuffer<float>>(data.Schema[MnistColumnNames.Image]);
            var maskGetter = cursor.GetGetter<VBuffer<float>>(data.Schema[MnistColumnNames.Mask]);
            VBuffer<float> image = default, mask = default;
            int rows = 0;
            while (rows < 100 && cursor.MoveNext())
            {
                imageGetter(ref image);
                maskGetter(ref mask);
                var pixels = image.DenseValues().ToArray();
                var labels = mask.DenseValues().ToArray();
                Assert.AreEqual(784, pixels.Length);
                for (int i = 0; i < pixels.Length; i++)
                {
                    Assert.IsTrue(pixels[i] >= 0f && pixels[i] <= 1f);
                    Assert.AreEqual(pixels[i] > 0.5f ? 1f : 0f, labels[i]);
                }

                rows++;
            }

            Assert.AreEqual(100, rows);
        }

        [TestMethod]
        public void ReadsSmallRawAndGzipFilesWrittenByTheTest()
        {
            string folder = TestData.NewTempFolder();
            // Two 2x3 images: intensities chosen around the 0.5 threshold (127 -> 0.498, 128 -> 0.502).
            var pixels = new byte[] { 0, 127, 128, 255, 10, 200, 255, 255, 0, 0, 128, 1 };
            foreach (string suffix in new[] { "", ".gz" })
            {
                string images = Path.Combine(folder, "images" + suffix);
                string labels = Path.Combine(folder, "labels" + suffix);
                IdxFile.Write(images, new[] { 2, 2, 3 }, pixels);
                IdxFile.Write(labels, new[] { 2 }, new byte[] { 3, 8 });

                var data = _ml.NoisyLabels().Data.LoadMnist(images, labels);
                CollectionAssert.AreEqual(new[] { 3, 8 }, data.GetColumn<int>(MnistColumnNames.Digit).ToArray());
                var loadedImages = data.GetColumn<VBuffer<float>>(MnistColumnNames.Image).Select(v => v.DenseValues().ToArray()).ToArray();
                var masks = data.GetColumn<VBuffer<float>>(MnistColumnNames.Mask).Select(v => v.DenseValues().ToArray()).ToArray();
                CollectionAssert.AreEqual(new[] { 0f, 127 / 255f, 128 / 255f, 1f, 10 / 255f, 200 / 255f }, loadedImages[0]);
                CollectionAssert.AreEqual(new[] { 0f, 0f, 1f, 1f, 0f, 1f }, masks[0]);
                CollectionAssert.AreEqual(new[] { 1f, 1f, 0f, 0f, 1f, 0f }, masks[1]);
                CollectionAssert.AreEqual(new[] { 1, 2, 3 }, ((VectorDataViewType)data.Schema[MnistColumnNames.Image].Type).Dimensions.ToArray());

                Assert.AreEqual(1L, _ml.NoisyLabels().Data.LoadMnist(images, labels, maxImages: 1).GetRowCount());
            }
        }

        [TestMethod]
        public void TruncatedFileNamesTheFile()
        {
            string folder = TestData.NewTempFolder();
            string images = Path.Combine(folder, "images");
            string labels = Path.Combine(folder, "labels");
            IdxFile.Write(images, new[] { 2, 2, 2 }, new byte[8]);
            IdxFile.Write(labels, new[] { 2 }, new byte[2]);
            var bytes = File.ReadAllBytes(images);
            File.WriteAllBytes(images, bytes.AsSpan(0, bytes.Length - 3).ToArray());

            var ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadMnist(images, labels));
            StringAssert.Contains(ex.Message, images);
            StringAssert.Contains(ex.Message, "truncated");
        }

        [TestMethod]
        public void TruncatedGzipFileNamesTheFile()
        {
            string folder = TestData.NewTempFolder();
            string images = Path.Combine(folder, "images.gz");
            string labels = Path.Combine(folder, "labels.gz");
            var random = new Random(3);
            var pixels = new byte[4 * 28 * 28];
            random.NextBytes(pixels);
            IdxFile.Write(images, new[] { 4, 28, 28 }, pixels);
            IdxFile.Write(labels, new[] { 4 }, new byte[4]);
            var bytes = File.ReadAllBytes(images);
            File.WriteAllBytes(images, bytes.AsSpan(0, bytes.Length / 2).ToArray());

            var ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadMnist(images, labels));
            StringAssert.Contains(ex.Message, images);
        }

        [TestMethod]
        public void WrongMagicNumberNamesTheFile()
        {
            string folder = TestData.NewTempFolder();
            string images = Path.Combine(folder, "images");
            string labels = Path.Combine(folder, "labels");
            IdxFile.Write(images, new[] { 2, 2, 2 }, new byte[8]);
            IdxFile.Write(labels, new[] { 2 }, new byte[2]);

            // Labels given where images are expected: a valid IDX file, but with magic 2049.
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadMnist(labels, images));
            StringAssert.Contains(ex.Message, labels);
            StringAssert.Contains(ex.Message, "2049");

            // Not an IDX file at all.
            File.WriteAllText(images, "hello, world");
            ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadMnist(images, labels));
            StringAssert.Contains(ex.Message, images);
            StringAssert.Contains(ex.Message, "not an IDX file");
        }

        [TestMethod]
        public void MismatchedCountsNameBothFiles()
        {
            string folder = TestData.NewTempFolder();
            string images = Path.Combine(folder, "images");
            string labels = Path.Combine(folder, "labels");
            IdxFile.Write(images, new[] { 3, 2, 2 }, new byte[12]);
            IdxFile.Write(labels, new[] { 2 }, new byte[2]);

            var ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadMnist(images, labels));
            StringAssert.Contains(ex.Message, images);
            StringAssert.Contains(ex.Message, labels);
            StringAssert.Contains(ex.Message, "3 images");
            StringAssert.Contains(ex.Message, "2 labels");
        }

        [TestMethod]
        public void MissingFileThrowsFileNotFound()
        {
            string missing = Path.Combine(TestData.NewTempFolder(), "nope.gz");
            var ex = Assert.ThrowsExactly<FileNotFoundException>(() => _ml.NoisyLabels().Data.LoadMnist(missing, missing));
            StringAssert.Contains(ex.Message, missing);
        }
    }
}
