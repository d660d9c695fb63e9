using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    /// <summary>
    /// The real files of data/mri, written by SPM (ch2bet) and FSL (the JHU atlas). Every expected value below was
    /// obtained independently of this package, with Debian's python3-nibabel 5.0.0 (/usr/bin/python3):
    /// <c>img = nibabel.load(f); d = numpy.asanyarray(img.dataobj)</c> for shape, dtype, affine, <c>header.get_qform()</c>,
    /// <c>d.min()</c>, <c>d.max()</c>, <c>d.astype(int64).sum()</c>, <c>count_nonzero(d)</c>, <c>len(unique(d))</c> and
    /// <c>d[x, y, z]</c>; raw header fields that nibabel normalises on loading (vox_offset, scl_slope, scl_inter) with
    /// Python's struct module on the gunzipped bytes.
    /// </summary>
    [TestClass]
    public class NiftiRealFileTests
    {
        [TestMethod]
        public void ReadsCh2Bet()
        {
            var volume = NiftiFile.Read(TestData.Ch2Bet);
            var h = volume.Header;
            Assert.IsFalse(h.IsBigEndian);
            Assert.AreEqual(NiftiDataType.UInt8, h.DataType);
            CollectionAssert.AreEqual(new[] { 181, 217, 181 }, h.Shape.ToArray());
            CollectionAssert.AreEqual(new short[] { 3, 181, 217, 181, 1, 1, 1, 1 }, h.Dim.ToArray());
            CollectionAssert.AreEqual(new[] { 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f }, h.PixDim.ToArray());
            CollectionAssert.AreEqual(new[] { 1f, 1f, 1f }, h.Spacing.ToArray());
            Assert.AreEqual(352f, h.VoxOffset);
            Assert.AreEqual(1f, h.SclSlope);
            Assert.AreEqual(0f, h.SclInter);
            Assert.IsFalse(h.HasScaling);
            // qform_code 0 (its quaternion fields hold b = 1 but mean nothing), sform_code 4 (MNI 152).
            Assert.AreEqual(NiftiXFormCode.Unknown, h.QFormCode);
            Assert.AreEqual(NiftiXFormCode.Mni152, h.SFormCode);
            Assert.AreEqual("spm - algebra", h.Description);
            Assert.AreEqual("none" + new string(' ', 19), h.AuxFile);
            AssertAffine(new double[,] { { 1, 0, 0, -90 }, { 0, 1, 0, -125 }, { 0, 0, 1, -71 }, { 0, 0, 0, 1 } }, h.GetAffine());

            var voxels = volume.GetVoxels<byte>();
            Assert.AreEqual(7_109_137, voxels.Length);
            Statistics(voxels, out int min, out int max, out long sum, out int nonZero, out int distinct);
            Assert.AreEqual(0, min);
            Assert.AreEqual(133, max);
            Assert.AreEqual(158_526_435L, sum);
            Assert.AreEqual(1_737_193, nonZero);
            Assert.AreEqual(127, distinct);
            var values = volume.ToSingleArray();
            (int X, int Y, int Z, float Value)[] probes =
            {
                (90, 108, 90, 33), (60, 100, 80, 113), (120, 130, 70, 97), (0, 0, 0, 0), (90, 150, 100, 46), (100, 80, 60, 85),
            };
            foreach (var (x, y, z, value) in probes)
            {
                Assert.AreEqual(value, values[x + (181 * (y + (217 * z)))], $"voxel ({x}, {y}, {z})");
            }
        }

        [TestMethod]
        public void ReadsJhuAtlas()
        {
            var volume = NiftiFile.Read(TestData.JhuLabels);
            var h = volume.Header;
            Assert.AreEqual(NiftiDataType.UInt8, h.DataType);
            CollectionAssert.AreEqual(new[] { 182, 218, 182 }, h.Shape.ToArray());
            CollectionAssert.AreEqual(new[] { -1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f }, h.PixDim.ToArray());
            Assert.AreEqual(NiftiXFormCode.AlignedAnatomical, h.QFormCode);
            Assert.AreEqual(NiftiXFormCode.AlignedAnatomical, h.SFormCode);
            Assert.AreEqual(10, h.XyztUnits);
            Assert.AreEqual(1002, h.IntentCode);   // NIFTI_INTENT_LABEL
            Assert.AreEqual(48f, h.CalMax);
            Assert.AreEqual("FSL3.3", h.Description);
            Assert.AreEqual("Random-Rainbow", h.AuxFile);
            AssertAffine(new double[,] { { 1, 0, 0, -91 }, { 0, 1, 0, -126 }, { 0, 0, 1, -72 }, { 0, 0, 0, 1 } }, h.GetAffine());
            // The qform has qfac = pixdim[0] = -1: z flipped (nibabel's header.get_qform()).
            AssertAffine(new double[,] { { 1, 0, 0, -91 }, { 0, 1, 0, -126 }, { 0, 0, -1, -72 }, { 0, 0, 0, 1 } }, h.GetQFormAffine());

            var voxels = volume.GetVoxels<byte>();
            Statistics(voxels, out int min, out int max, out long sum, out int nonZero, out int distinct);
            Assert.AreEqual(0, min);
            Assert.AreEqual(48, max);
            Assert.AreEqual(3_384_687L, sum);
            Assert.AreEqual(170_006, nonZero);
            Assert.AreEqual(49, distinct);
            (int X, int Y, int Z, byte Value)[] probes = { (90, 108, 90, 6), (60, 100, 80, 21), (120, 130, 70, 34), (90, 150, 100, 0) };
            foreach (var (x, y, z, value) in probes)
            {
                Assert.AreEqual(value, voxels[x + (182 * (y + (218 * z)))], $"voxel ({x}, {y}, {z})");
            }
        }

        [TestMethod]
        public void HeaderAloneMatchesTheFullRead()
        {
            Assert.AreEqual(NiftiFile.Read(TestData.Ch2Bet).Header, NiftiFile.ReadHeader(TestData.Ch2Bet));
        }

        internal static void AssertAffine(double[,] expected, double[,] actual)
        {
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    Assert.AreEqual(expected[r, c], actual[r, c], 1e-6, $"affine[{r}, {c}]");
                }
            }
        }

        private static void Statistics(ReadOnlySpan<byte> voxels, out int min, out int max, out long sum, out int nonZero, out int distinct)
        {
            var seen = new bool[256];
            (min, max, sum, nonZero) = (255, 0, 0L, 0);
            foreach (byte v in voxels)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                nonZero += v != 0 ? 1 : 0;
                seen[v] = true;
            }

            distinct = seen.Count(s => s);
        }
    }
}
