using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    [TestClass]
    public class VolumeWriterTests
    {
        private const int Voxels = 24;
        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly string _root = TestData.NewTempFolder();

        /// <summary>Two cases with two raters; the image is int16 with a scaling and a big-endian header.</summary>
        private IDataView TwoCases(out float[][] rater1, out float[][] rater2, bool missingRater2 = false)
        {
            var grid = VolumeTestFiles.SmallGrid() with { IsBigEndian = true, QFormCode = NiftiXFormCode.ScannerAnatomical, QuaternD = 0.5f, QOffsetX = 7 };
            rater1 = new float[2][];
            rater2 = new float[2][];
            for (int c = 0; c < 2; c++)
            {
                string folder = Path.Combine(_root, "case" + c);
                VolumeTestFiles.WriteScaled(folder, "image.nii.gz", grid, Enumerable.Range(0, Voxels).Select(i => (float)(i - 3)).ToArray(), slope: 2, inter: 1);
                rater1[c] = Enumerable.Range(0, Voxels).Select(i => (float)((i + c) % 3)).ToArray();
                rater2[c] = Enumerable.Range(0, Voxels).Select(i => (float)(i < 12 ? 1 : 0)).ToArray();
                VolumeTestFiles.Write(folder, "r1.nii.gz", grid, rater1[c]);
                if (!(missingRater2 && c == 1))
                {
                    VolumeTestFiles.Write(folder, "r2.nii.gz", grid, rater2[c]);
                }
            }

            return _ml.NoisyLabels().Data.LoadVolumes(_root, new[] { "image.nii.gz" }, new[] { "r1.nii.gz", "r2.nii.gz" });
        }

        [TestMethod]
        public void WritesLabelsAsUInt8NextToEachCaseOnTheImageGrid()
        {
            var data = TwoCases(out var rater1, out _);
            var written = _ml.NoisyLabels().Data.SaveVolumes(data, "r1", "copy.nii");
            CollectionAssert.AreEqual(new[] { "case0", "case1" }.Select(c => Path.Combine(_root, c, "copy.nii")).ToArray(), written.ToArray());
            for (int c = 0; c < 2; c++)
            {
                var image = NiftiFile.ReadHeader(Path.Combine(_root, "case" + c, "image.nii.gz"));
                var volume = NiftiFile.Read(written[c]);
                Assert.AreEqual(NiftiDataType.UInt8, volume.Header.DataType);
                CollectionAssert.AreEqual(rater1[c], volume.ToSingleArray());
                // The image's header with the voxel type changed and its scaling dropped: grid, transforms, byte order kept.
                Assert.AreEqual(2f, image.SclSlope);
                Assert.AreEqual(image with { DataType = NiftiDataType.UInt8, SclSlope = 1, SclInter = 0 }, volume.Header);
                Assert.IsTrue(volume.Header.IsBigEndian);
                NiftiRealFileTests.AssertAffine(image.GetAffine(), volume.Header.GetAffine());
                NiftiRealFileTests.AssertAffine(image.GetQFormAffine(), volume.Header.GetQFormAffine());
            }
        }

        [TestMethod]
        public void WritesIntoAnOutputFolderAndSkipsMissingAnnotations()
        {
            var data = TwoCases(out _, out var rater2, missingRater2: true);
            string output = Path.Combine(_root, "out");
            var written = _ml.NoisyLabels().Data.SaveVolumes(data, "r2", "r2.nii.gz", output);
            // case1 has no r2 file: its row is all NaN and nothing is written for it.
            CollectionAssert.AreEqual(new[] { Path.Combine(output, "case0", "r2.nii.gz") }, written.ToArray());
            CollectionAssert.AreEqual(rater2[0], NiftiFile.Read(written[0]).ToSingleArray());
            Assert.IsFalse(File.Exists(Path.Combine(output, "case1", "r2.nii.gz")));

            // The output folder, with the images copied in, loads back to the same column: missing stays missing.
            foreach (string c in new[] { "case0", "case1" })
            {
                Directory.CreateDirectory(Path.Combine(output, c));
                File.Copy(Path.Combine(_root, c, "image.nii.gz"), Path.Combine(output, c, "image.nii.gz"));
            }

            var reloaded = _ml.NoisyLabels().Data.LoadVolumes(output, new[] { "image.nii.gz" }, new[] { "r2.nii.gz" });
            var column = VolumeTestFiles.Column(reloaded, "r2");
            CollectionAssert.AreEqual(rater2[0], column[0]);
            Assert.IsTrue(column[1].All(float.IsNaN));
        }

        /// <summary>
        /// The mean label's posterior [L, D, H, W] holds fractions: float32, a 4D file of L volumes, class c's
        /// probabilities in volume c.
        /// </summary>
        [TestMethod]
        public void WritesProbabilitiesAsFloat32AndPosteriorsAsFourDimensions()
        {
            var data = TwoCases(out var rater1, out var rater2);
            var scored = _ml.NoisyLabels().Transforms.MeanLabel("Mean", new[] { "r1", "r2" }, numberOfClasses: 3, probabilitiesColumnName: "Posterior")
                .Fit(data).Transform(data);
            var written = _ml.NoisyLabels().Data.SaveVolumes(scored, "Posterior", "posterior.nii.gz");
            for (int c = 0; c < 2; c++)
            {
                var volume = NiftiFile.Read(written[c]);
                Assert.AreEqual(NiftiDataType.Float32, volume.Header.DataType);
                CollectionAssert.AreEqual(new[] { 4, 3, 2, 3 }, volume.Header.Shape.ToArray());
                var values = volume.GetVoxels<float>();
                for (int i = 0; i < Voxels; i++)
                {
                    for (int k = 0; k < 3; k++)
                    {
                        // Hand-computed: the fraction of the two raters that give class k at voxel i.
                        float expected = ((rater1[c][i] == k ? 1 : 0) + (rater2[c][i] == k ? 1 : 0)) / 2f;
                        Assert.AreEqual(expected, values[(k * Voxels) + i], $"case {c}, voxel {i}, class {k}");
                    }
                }
            }

            // The fused labels are integers: uint8.
            var labels = _ml.NoisyLabels().Data.SaveVolumes(scored, "Mean", "mean.nii.gz");
            Assert.AreEqual(NiftiDataType.UInt8, NiftiFile.ReadHeader(labels[0]).DataType);
            // An explicit type wins.
            labels = _ml.NoisyLabels().Data.SaveVolumes(scored, "Mean", "mean16.nii", dataType: NiftiDataType.Int16);
            Assert.AreEqual(NiftiDataType.Int16, NiftiFile.ReadHeader(labels[1]).DataType);
        }

        [TestMethod]
        public void SeveralColumnsInOnePass()
        {
            var data = TwoCases(out var rater1, out var rater2, missingRater2: true);
            var written = _ml.NoisyLabels().Data.SaveVolumes(
                data, new[] { new VolumeOutput("r1", "r1.nii"), new VolumeOutput("r2", "r2.nii.gz", NiftiDataType.Int16) }, Path.Combine(_root, "out"));
            // Per row, the outputs in the order given; case1 has no r2.
            CollectionAssert.AreEqual(
                new[] { "case0/r1.nii", "case0/r2.nii.gz", "case1/r1.nii" }.Select(f => Path.Combine(_root, "out", f)).ToArray(), written.ToArray());
            CollectionAssert.AreEqual(rater1[1], NiftiFile.Read(written[2]).ToSingleArray());
            var r2 = NiftiFile.Read(written[1]);
            Assert.AreEqual(NiftiDataType.Int16, r2.Header.DataType);
            CollectionAssert.AreEqual(rater2[0], r2.ToSingleArray());

            var same = Assert.ThrowsExactly<ArgumentException>(() => _ml.NoisyLabels().Data.SaveVolumes(
                data, new[] { new VolumeOutput("r1", "x.nii"), new VolumeOutput("r2", "x.nii") }));
            StringAssert.Contains(same.Message, "Columns 'r1' and 'r2' would both be written to 'x.nii'");
            var folder = Assert.ThrowsExactly<ArgumentException>(() => _ml.NoisyLabels().Data.SaveVolumes(data, new[] { new VolumeOutput("r1", "sub/x.nii") }));
            StringAssert.Contains(folder.Message, "'sub/x.nii' is not a NIfTI file name");
        }

        [TestMethod]
        public void KeyColumnsAreWrittenAsClasses()
        {
            var data = TwoCases(out var rater1, out _);
            // r1 as keys: class k becomes key k + 1; the writer turns keys back into classes.
            var keyed = _ml.Transforms.Conversion.MapValueToKey("Keys", "r1", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                .Fit(data).Transform(data);
            var written = _ml.NoisyLabels().Data.SaveVolumes(keyed, "Keys", "keys.nii");
            CollectionAssert.AreEqual(rater1[0], NiftiFile.Read(written[0]).ToSingleArray());
        }

        [TestMethod]
        public void ErrorsNameTheColumnRowAndCase()
        {
            var data = TwoCases(out _, out _);
            var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _ml.NoisyLabels().Data.SaveVolumes(data, "Fused", "f.nii"));
            StringAssert.Contains(missing.Message, "Could not find volume column 'Fused'");
            var badName = Assert.ThrowsExactly<ArgumentException>(() => _ml.NoisyLabels().Data.SaveVolumes(data, "r1", "f.mha"));
            StringAssert.Contains(badName.Message, "'f.mha' is not a NIfTI file name");
            var wrongType = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _ml.NoisyLabels().Data.SaveVolumes(data, "r1", "f.nii", caseIdColumnName: "r2"));
            StringAssert.Contains(wrongType.Message, "Schema mismatch for case id column 'r2'");

            var scaled = _ml.Transforms.CustomMapping<VectorRow, VectorRow>((input, output) => output.Values = input.Values.Select(v => v / 4).ToArray(), null)
                .Fit(Rename(data)).Transform(Rename(data));
            var inexact = Assert.ThrowsExactly<InvalidOperationException>(() => _ml.NoisyLabels().Data.SaveVolumes(scaled, "Values", "q.nii", dataType: NiftiDataType.UInt8));
            StringAssert.Contains(inexact.Message, "Column 'Values', row 0 (case 'case0')");
            StringAssert.Contains(inexact.Message, "cannot be stored exactly as UInt8");

            var rows = new[] { new TextRow { CaseId = "x", ImagePath = Path.Combine(_root, "case0", "image.nii.gz"), Values = new float[25] } };
            var wrongSize = Assert.ThrowsExactly<InvalidOperationException>(() => _ml.NoisyLabels().Data.SaveVolumes(_ml.Data.LoadFromEnumerable(rows), "Values", "w.nii"));
            StringAssert.Contains(wrongSize.Message, "row 0 (case 'x')");
            StringAssert.Contains(wrongSize.Message, "25 values do not fill the reference grid (4 x 3 x 2, 24 voxels)");

            rows = new[] { rows[0], new TextRow { CaseId = "x", ImagePath = rows[0].ImagePath, Values = new float[24] } };
            rows[0].Values = new float[24];
            var twice = Assert.ThrowsExactly<InvalidOperationException>(() => _ml.NoisyLabels().Data.SaveVolumes(_ml.Data.LoadFromEnumerable(rows), "Values", "w.nii", Path.Combine(_root, "o")));
            StringAssert.Contains(twice.Message, "Row 1 (case 'x') would overwrite");
        }

        private IDataView Rename(IDataView data) => _ml.Transforms.CopyColumns("Values", "r1").Fit(data).Transform(data);

        private sealed class VectorRow
        {
            [VectorType(24)]
            public float[] Values { get; set; } = Array.Empty<float>();
        }

        private sealed class TextRow
        {
            public string CaseId { get; set; } = string.Empty;

            public string ImagePath { get; set; } = string.Empty;

            [VectorType]
            public float[] Values { get; set; } = Array.Empty<float>();
        }
    }
}
