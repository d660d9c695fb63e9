using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    [TestClass]
    public class VolumeLoaderTests
    {
        private const int Voxels = 24;   // 4 x 3 x 2
        private readonly MLContext _ml = new MLContext(seed: 1);

        /// <summary>
        /// Three cases (a, b, c); b has no rater2 file. The image is int16 with slope 0.5 and intercept 100, so the
        /// loader's values are 0.5 * stored + 100.
        /// </summary>
        private static string ThreeCases(out float[][] images, out float[][] rater1, out float[][] rater2)
        {
            string root = TestData.NewTempFolder();
            var grid = VolumeTestFiles.SmallGrid();
            string[] ids = { "a", "b", "c" };
            images = new float[3][];
            rater1 = new float[3][];
            rater2 = new float[3][];
            for (int c = 0; c < 3; c++)
            {
                string folder = Path.Combine(root, ids[c]);
                var stored = Enumerable.Range(0, Voxels).Select(i => (float)((i * 7) - 50 + c)).ToArray();
                VolumeTestFiles.WriteScaled(folder, "image.nii.gz", grid, stored, slope: 0.5f, inter: 100);
                images[c] = stored.Select(s => (0.5f * s) + 100).ToArray();
                rater1[c] = Enumerable.Range(0, Voxels).Select(i => (float)((i + c) % 2)).ToArray();
                rater2[c] = Enumerable.Range(0, Voxels).Select(i => (float)((i % 3) == 0 ? 2 : 0)).ToArray();
                VolumeTestFiles.Write(folder, "rater1.nii.gz", grid, rater1[c]);
                if (c != 1)
                {
                    VolumeTestFiles.Write(folder, "rater2.nii", grid, rater2[c]);
                }
                else
                {
                    rater2[c] = Enumerable.Repeat(float.NaN, Voxels).ToArray();
                }
            }

            return root;
        }

        [TestMethod]
        public void LoadsAFolderOfCases()
        {
            string root = ThreeCases(out var images, out var rater1, out var rater2);
            var data = _ml.NoisyLabels().Data.LoadVolumes(root, new[] { "image.nii.gz" }, new[] { "rater1.nii.gz", "rater2.nii" });

            Assert.AreEqual(3L, data.GetRowCount());
            CollectionAssert.AreEqual(
                new[] { VolumeColumnNames.CaseId, VolumeColumnNames.ImagePath, VolumeColumnNames.Image, "rater1", "rater2" },
                data.Schema.Select(c => c.Name).ToArray());
            Assert.AreEqual(TextDataViewType.Instance, data.Schema[VolumeColumnNames.CaseId].Type);
            foreach (string name in new[] { VolumeColumnNames.Image, "rater1", "rater2" })
            {
                var type = (VectorDataViewType)data.Schema[name].Type;
                Assert.AreEqual(NumberDataViewType.Single, type.ItemType);
                CollectionAssert.AreEqual(new[] { 2, 3, 4 }, type.Dimensions.ToArray(), name);   // [D, H, W] = z, y, x
            }

            CollectionAssert.AreEqual(new[] { "a", "b", "c" }, VolumeTestFiles.Text(data, VolumeColumnNames.CaseId));
            CollectionAssert.AreEqual(
                new[] { "a", "b", "c" }.Select(id => Path.Combine(root, id, "image.nii.gz")).ToArray(),
                VolumeTestFiles.Text(data, VolumeColumnNames.ImagePath));
            AssertRows(images, VolumeTestFiles.Column(data, VolumeColumnNames.Image));
            AssertRows(rater1, VolumeTestFiles.Column(data, "rater1"));
            AssertRows(rater2, VolumeTestFiles.Column(data, "rater2"));
        }

        [TestMethod]
        public void ManifestGivesTheSameRows()
        {
            string root = ThreeCases(out var images, out var rater1, out var rater2);
            string manifest = Path.Combine(root, "cases.csv");
            // Relative and absolute paths, a quoted cell, an empty cell for b's missing rater2, another column order.
            File.WriteAllLines(manifest, new[]
            {
                "case,rater2,image,rater1",
                "a,a/rater2.nii,a/image.nii.gz,a/rater1.nii.gz",
                $"b,,\"{Path.Combine(root, "b", "image.nii.gz")}\",b/rater1.nii.gz",
                string.Empty,
                "c, c/rater2.nii ,c/image.nii.gz,c/rater1.nii.gz",
            });
            var data = _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" });

            CollectionAssert.AreEqual(
                new[] { VolumeColumnNames.CaseId, VolumeColumnNames.ImagePath, VolumeColumnNames.Image, "rater2", "rater1" },
                data.Schema.Select(c => c.Name).ToArray());
            CollectionAssert.AreEqual(new[] { "a", "b", "c" }, VolumeTestFiles.Text(data, VolumeColumnNames.CaseId));
            AssertRows(images, VolumeTestFiles.Column(data, VolumeColumnNames.Image));
            AssertRows(rater1, VolumeTestFiles.Column(data, "rater1"));
            AssertRows(rater2, VolumeTestFiles.Column(data, "rater2"));

            // Only the raters asked for.
            data = _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }, new[] { "rater1" });
            CollectionAssert.AreEqual(
                new[] { VolumeColumnNames.CaseId, VolumeColumnNames.ImagePath, VolumeColumnNames.Image, "rater1" },
                data.Schema.Select(c => c.Name).ToArray());
        }

        [TestMethod]
        public void SeveralModalitiesMakeChannels()
        {
            string root = TestData.NewTempFolder();
            var grid = VolumeTestFiles.SmallGrid();
            var t1 = Enumerable.Range(0, Voxels).Select(i => (float)i).ToArray();
            var flair = Enumerable.Range(0, Voxels).Select(i => i / 4f).ToArray();
            VolumeTestFiles.Write(Path.Combine(root, "p1"), "t1.nii.gz", grid, t1);
            VolumeTestFiles.Write(Path.Combine(root, "p1"), "flair.nii.gz", grid, flair, NiftiDataType.Float32);

            var data = _ml.NoisyLabels().Data.LoadVolumes(root, new[] { "t1.nii.gz", "flair.nii.gz" }, Array.Empty<string>());
            var type = (VectorDataViewType)data.Schema[VolumeColumnNames.Image].Type;
            CollectionAssert.AreEqual(new[] { 2, 2, 3, 4 }, type.Dimensions.ToArray());   // [C, D, H, W]
            CollectionAssert.AreEqual(t1.Concat(flair).ToArray(), VolumeTestFiles.Column(data, VolumeColumnNames.Image)[0]);
            CollectionAssert.AreEqual(new[] { Path.Combine(root, "p1", "t1.nii.gz") }, VolumeTestFiles.Text(data, VolumeColumnNames.ImagePath));
        }

        [TestMethod]
        public void CasesOfDifferentShapesGiveVectorsOfVariableSize()
        {
            string root = TestData.NewTempFolder();
            var small = Enumerable.Range(0, Voxels).Select(i => (float)(i % 2)).ToArray();
            var large = Enumerable.Range(0, 5 * 3 * 2).Select(i => (float)(i % 3 == 0 ? 1 : 0)).ToArray();
            VolumeTestFiles.Write(Path.Combine(root, "a"), "image.nii", VolumeTestFiles.SmallGrid(), small);
            VolumeTestFiles.Write(Path.Combine(root, "a"), "r.nii", VolumeTestFiles.SmallGrid(), small);
            VolumeTestFiles.Write(Path.Combine(root, "b"), "image.nii", VolumeTestFiles.SmallGrid(x: 5), large);
            VolumeTestFiles.Write(Path.Combine(root, "b"), "r.nii", VolumeTestFiles.SmallGrid(x: 5), large);

            var data = _ml.NoisyLabels().Data.LoadVolumes(root, new[] { "image.nii" }, new[] { "r.nii" });
            Assert.AreEqual(0, ((VectorDataViewType)data.Schema["r"].Type).Size);
            Assert.AreEqual(0, ((VectorDataViewType)data.Schema[VolumeColumnNames.Image].Type).Size);
            AssertRows(new[] { small, large }, VolumeTestFiles.Column(data, "r"));
        }

        /// <summary>A 181 x 217 x 181 scan loads as one row of 7.1 million Single values, read from the file on demand.</summary>
        [TestMethod]
        public void LoadsTheRealScan()
        {
            string root = TestData.NewTempFolder();
            Directory.CreateDirectory(Path.Combine(root, "colin"));
            File.Copy(TestData.Ch2Bet, Path.Combine(root, "colin", "t1.nii.gz"));
            var data = _ml.NoisyLabels().Data.LoadVolumes(root, new[] { "t1.nii.gz" }, new[] { "rater1.nii.gz" });
            CollectionAssert.AreEqual(new[] { 181, 217, 181 }, ((VectorDataViewType)data.Schema[VolumeColumnNames.Image].Type).Dimensions.ToArray());
            var image = data.GetColumn<VBuffer<float>>(VolumeColumnNames.Image).Single();
            Assert.AreEqual(7_109_137, image.Length);
            // Voxel (x, y, z) = (60, 100, 80) holds 113 (nibabel, see NiftiRealFileTests).
            Assert.AreEqual(113f, image.GetValues()[60 + (181 * (100 + (217 * 80)))]);
            Assert.IsTrue(data.GetColumn<VBuffer<float>>("rater1").Single().DenseValues().All(float.IsNaN));
        }

        private static void AssertRows(float[][] expected, float[][] actual)
        {
            Assert.HasCount(expected.Length, actual);
            for (int r = 0; r < expected.Length; r++)
            {
                CollectionAssert.AreEqual(expected[r], actual[r], $"row {r}");
            }
        }
    }
}
