using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    /// <summary>Errors of the volume loader name the case, the rater or image, and the file.</summary>
    [TestClass]
    public class VolumeLoaderErrorTests
    {
        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly string _root = TestData.NewTempFolder();
        private readonly float[] _mask = Enumerable.Range(0, 24).Select(i => (float)(i % 2)).ToArray();

        [TestMethod]
        public void FourDimensionalImage()
        {
            string image = VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii.gz", VolumeTestFiles.SmallGrid(), _mask.Concat(_mask).ToArray());
            Assert.AreEqual(4, NiftiFile.ReadHeader(image).Rank);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => Load(new[] { "image.nii.gz" }, Array.Empty<string>()));
            AssertNames(ex, "Case 'p1', image", image, "is 4D (4 x 3 x 2 x 2) where a 3D volume is needed");
        }

        [TestMethod]
        public void MaskOfAnotherShape()
        {
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(), _mask);
            string rater = VolumeTestFiles.Write(Path.Combine(_root, "p1"), "r1.nii", VolumeTestFiles.SmallGrid(x: 3, y: 4), _mask);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => Load(new[] { "image.nii" }, new[] { "r1.nii" }));
            AssertNames(ex, "Case 'p1'", rater, "is 3 x 4 x 2 voxels", "is 4 x 3 x 2");
        }

        [TestMethod]
        public void MaskOfAnotherSpacing()
        {
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(), _mask);
            string rater = VolumeTestFiles.Write(Path.Combine(_root, "p1"), "r1.nii", VolumeTestFiles.SmallGrid(dz: 3), _mask);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => Load(new[] { "image.nii" }, new[] { "r1.nii" }));
            AssertNames(ex, "Case 'p1'", rater, "has voxel spacing 0.8 x 0.8 x 3", "has 0.8 x 0.8 x 1.5");

            // Modalities must agree too.
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "flair.nii", VolumeTestFiles.SmallGrid(dz: 3), _mask);
            ex = Assert.ThrowsExactly<InvalidDataException>(() => Load(new[] { "image.nii", "flair.nii" }, Array.Empty<string>()));
            AssertNames(ex, "Case 'p1'", Path.Combine(_root, "p1", "flair.nii"), "spacing");
        }

        [TestMethod]
        public void MaskValuesThatAreNotLabels()
        {
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(), _mask);
            var values = _mask.ToArray();
            values[4 + 3 + 1] = 0.5f;   // voxel index 8: x = 0, y = 2, z = 0
            string rater = VolumeTestFiles.Write(Path.Combine(_root, "p1"), "r1.nii", VolumeTestFiles.SmallGrid(), values, NiftiDataType.Float32);
            var data = Load(new[] { "image.nii" }, new[] { "r1.nii" });
            // Voxels are read with the rows, so the error comes then.
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => VolumeTestFiles.Column(data, "r1"));
            AssertNames(ex, "Case 'p1', rater 'r1'", rater, "holds 0.5 at voxel (0, 2, 0), which is not a class label");

            values[8] = -1;
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "r1.nii", VolumeTestFiles.SmallGrid(), values, NiftiDataType.Int16);
            ex = Assert.ThrowsExactly<InvalidDataException>(() => VolumeTestFiles.Column(data, "r1"));
            AssertNames(ex, "holds -1 at voxel (0, 2, 0)");
        }

        [TestMethod]
        public void BrokenFilesNameTheCase()
        {
            string image = VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(), _mask);
            string rater = Path.Combine(_root, "p1", "r1.nii.gz");
            File.WriteAllText(rater, "not an image");
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => Load(new[] { "image.nii" }, new[] { "r1.nii.gz" }));
            AssertNames(ex, "Case 'p1', rater 'r1'", rater, "is not a NIfTI-1 file");

            // Truncated voxels are found when the row is read.
            File.Delete(rater);
            var data = Load(new[] { "image.nii" }, new[] { "r1.nii.gz" });
            File.WriteAllBytes(image, File.ReadAllBytes(image).AsSpan(0, 360).ToArray());
            ex = Assert.ThrowsExactly<InvalidDataException>(() => VolumeTestFiles.Column(data, "Image"));
            AssertNames(ex, "Case 'p1', image", image, "is truncated");

            // A file replaced by one of another shape after loading.
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(x: 2), new float[12]);
            ex = Assert.ThrowsExactly<InvalidDataException>(() => VolumeTestFiles.Column(data, "Image"));
            AssertNames(ex, "Case 'p1', image", image, "is now 2 x 3 x 2 voxels, not the 4 x 3 x 2 it had when the data were loaded");
        }

        [TestMethod]
        public void MissingImagesAndEmptyFolders()
        {
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => Load(new[] { "image.nii" }, Array.Empty<string>()));
            AssertNames(ex, _root, "holds no case folders");

            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(), _mask);
            Directory.CreateDirectory(Path.Combine(_root, "p2"));
            var missing = Assert.ThrowsExactly<FileNotFoundException>(() => Load(new[] { "image.nii" }, Array.Empty<string>()));
            AssertNames(missing, "Case 'p2' has no image file 'image.nii'");

            Assert.ThrowsExactly<DirectoryNotFoundException>(() => _ml.NoisyLabels().Data.LoadVolumes(Path.Combine(_root, "absent"), new[] { "image.nii" }, Array.Empty<string>()));
            var names = Assert.ThrowsExactly<ArgumentException>(() => Load(new[] { "image.nii" }, new[] { "Image.nii" }));
            StringAssert.Contains(names.Message, "rater 'Image' would hide the loader's own column");
            names = Assert.ThrowsExactly<ArgumentException>(() => Load(new[] { "image.nii" }, new[] { "r.nii", "r.nii.gz" }));
            StringAssert.Contains(names.Message, "rater 'r' is named twice");
            names = Assert.ThrowsExactly<ArgumentException>(() => Load(new[] { "image.mha" }, Array.Empty<string>()));
            StringAssert.Contains(names.Message, "'image.mha' is not a NIfTI file name");
        }

        [TestMethod]
        public void ManifestErrorsNameTheLine()
        {
            VolumeTestFiles.Write(Path.Combine(_root, "p1"), "image.nii", VolumeTestFiles.SmallGrid(), _mask);
            string manifest = Path.Combine(_root, "cases.csv");

            File.WriteAllLines(manifest, new[] { "case,t1,rater1", "p1,p1/image.nii," });
            var column = Assert.ThrowsExactly<ArgumentException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(column, manifest, "has no column 'image'", "case, t1, rater1");

            File.WriteAllLines(manifest, new[] { "case,image,rater1", "p1,,p1/image.nii" });
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(ex, manifest, "line 2 (case 'p1'): image column 'image' is empty");

            File.WriteAllLines(manifest, new[] { "case,image,rater1", "p1,p1/image.nii,p1/typo.nii" });
            var file = Assert.ThrowsExactly<FileNotFoundException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(file, manifest, "line 2 (case 'p1'): file 'p1/typo.nii' does not exist");

            File.WriteAllLines(manifest, new[] { "case,image", "p1,p1/image.nii", "p1,p1/image.nii" });
            ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(ex, manifest, "line 3: case 'p1' appears twice");

            File.WriteAllLines(manifest, new[] { "case,image", "p1,p1/image.nii,extra" });
            ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(ex, manifest, "line 2: 3 fields, but the header has 2");

            File.WriteAllLines(manifest, new[] { "case,image", "p1,\"p1/image.nii" });
            ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(ex, manifest, "line 2: a quoted field is not closed");

            File.WriteAllLines(manifest, new[] { "case,image" });
            ex = Assert.ThrowsExactly<InvalidDataException>(() => _ml.NoisyLabels().Data.LoadVolumesFromManifest(manifest, new[] { "image" }));
            AssertNames(ex, manifest, "lists no cases");
        }

        private IDataView Load(string[] images, string[] raters) => _ml.NoisyLabels().Data.LoadVolumes(_root, images, raters);

        private static void AssertNames(Exception ex, params string[] fragments)
        {
            foreach (string fragment in fragments)
            {
                StringAssert.Contains(ex.Message, fragment);
            }
        }
    }
}
