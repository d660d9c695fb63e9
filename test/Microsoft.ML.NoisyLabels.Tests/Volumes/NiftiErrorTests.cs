using System.Buffers.Binary;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    /// <summary>Every malformed file gives an error that names the file and says what is wrong.</summary>
    [TestClass]
    public class NiftiErrorTests
    {
        private readonly string _folder = TestData.NewTempFolder();

        [TestMethod]
        public void MissingFile()
        {
            string path = Path.Combine(_folder, "absent.nii.gz");
            var ex = Assert.ThrowsExactly<FileNotFoundException>(() => NiftiFile.Read(path));
            StringAssert.Contains(ex.Message, path);
        }

        [TestMethod]
        public void NotNifti()
        {
            string path = Path.Combine(_folder, "notes.nii");
            File.WriteAllText(path, "hello, world: this is text, not a NIfTI header");
            AssertInvalid(path, "is not a NIfTI-1 file", "expected 348");

            File.WriteAllBytes(path, Array.Empty<byte>());
            AssertInvalid(path, "is not a NIfTI-1 file", "0 bytes");
        }

        [TestMethod]
        public void NiftiTwoAnalyzeAndHeaderImagePairs()
        {
            var bytes = ValidFile();
            BinaryPrimitives.WriteInt32LittleEndian(bytes, 540);
            AssertInvalid(Save("nifti2.nii", bytes), "NIfTI-2");

            bytes = ValidFile();
            "ni1\0"u8.CopyTo(bytes.AsSpan(344));
            AssertInvalid(Save("pair.hdr", bytes), ".hdr/.img pair");

            bytes = ValidFile();
            bytes.AsSpan(344, 4).Clear();
            AssertInvalid(Save("analyze.nii", bytes), "lacks the magic \"n+1\"");
        }

        [TestMethod]
        public void TruncatedHeaderAndVoxels()
        {
            var bytes = ValidFile();
            AssertInvalid(Save("header.nii", bytes.AsSpan(0, 200).ToArray()), "is truncated", "200 bytes, fewer than the 348-byte header");
            // 24 uint8 voxels from byte 352: 10 missing.
            AssertVoxelsInvalid(Save("voxels.nii", bytes.AsSpan(0, bytes.Length - 10).ToArray()), "is truncated", "4 x 3 x 2 UInt8 voxels", "only 366 bytes");

            // A .nii.gz whose gzip stream ends early.
            string gz = Path.Combine(_folder, "whole.nii.gz");
            var header = NiftiHeader.Create(NiftiDataType.Float32, new[] { 40, 30, 20 });
            var random = new Random(1);
            NiftiFile.Write(gz, NiftiVolume.Create<float>(header, Enumerable.Range(0, 24000).Select(_ => (float)random.NextDouble()).ToArray()));
            var compressed = File.ReadAllBytes(gz);
            AssertVoxelsInvalid(Save("cut.nii.gz", compressed.AsSpan(0, compressed.Length / 2).ToArray()), "truncated");
        }

        [TestMethod]
        public void UnsupportedDatatype()
        {
            var bytes = ValidFile();
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(70), 32);
            AssertInvalid(Save("complex.nii", bytes), "datatype 32 (DT_COMPLEX64)", "not supported");
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(70), 128);
            AssertInvalid(Save("rgb.nii", bytes), "datatype 128 (DT_RGB24)");
        }

        [TestMethod]
        public void BadDimensions()
        {
            var bytes = ValidFile();
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(40), 9);
            AssertInvalid(Save("rank.nii", bytes), "dim[0] = 9");
            bytes = ValidFile();
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44), 0);
            AssertInvalid(Save("size.nii", bytes), "dim[2] = 0");
        }

        [TestMethod]
        public void VoxelsOfTheWrongTypeOrCount()
        {
            var header = NiftiHeader.Create(NiftiDataType.Int16, new[] { 2, 2 });
            var ex = Assert.ThrowsExactly<ArgumentException>(() => NiftiVolume.Create<byte>(header, new byte[4]));
            StringAssert.Contains(ex.Message, "Int16");
            ex = Assert.ThrowsExactly<ArgumentException>(() => NiftiVolume.Create<short>(header, new short[3]));
            StringAssert.Contains(ex.Message, "holds 4 voxels, but 3 were given");
            ex = Assert.ThrowsExactly<ArgumentException>(() => NiftiVolume.FromSingle(header, new[] { 0f, 1, 2.5f, 3 }, NiftiDataType.UInt8));
            StringAssert.Contains(ex.Message, "Value 2.5 at voxel 2 cannot be stored exactly as UInt8");
            ex = Assert.ThrowsExactly<ArgumentException>(() => NiftiVolume.FromSingle(header, new[] { 0f, 1, 256, 3 }, NiftiDataType.UInt8));
            StringAssert.Contains(ex.Message, "Value 256 at voxel 2");
            ex = Assert.ThrowsExactly<ArgumentException>(() => NiftiVolume.FromSingle(header, new float[6], NiftiDataType.UInt8));
            StringAssert.Contains(ex.Message, "6 values do not fill the reference grid (2 x 2, 4 voxels)");
            var typed = Assert.ThrowsExactly<InvalidOperationException>(() => NiftiVolume.Create<short>(header, new short[4]).GetVoxels<float>());
            StringAssert.Contains(typed.Message, "Int16");
        }

        /// <summary>A valid little-endian 4 x 3 x 2 uint8 file (376 bytes) written by the package.</summary>
        private byte[] ValidFile()
        {
            string path = Path.Combine(_folder, "valid.nii");
            NiftiFile.Write(path, NiftiVolume.Create<byte>(NiftiHeader.Create(NiftiDataType.UInt8, new[] { 4, 3, 2 }), new byte[24]));
            return File.ReadAllBytes(path);
        }

        private string Save(string name, byte[] bytes)
        {
            string path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        /// <summary>Both <see cref="NiftiFile.Read"/> and <see cref="NiftiFile.ReadHeader"/> reject the file.</summary>
        private static void AssertInvalid(string path, params string[] fragments)
        {
            AssertMessage(Assert.ThrowsExactly<InvalidDataException>(() => NiftiFile.ReadHeader(path)), path, fragments);
            AssertVoxelsInvalid(path, fragments);
        }

        /// <summary><see cref="NiftiFile.Read"/> rejects the file (its header alone may be fine).</summary>
        private static void AssertVoxelsInvalid(string path, params string[] fragments)
            => AssertMessage(Assert.ThrowsExactly<InvalidDataException>(() => NiftiFile.Read(path)), path, fragments);

        private static void AssertMessage(Exception ex, string path, string[] fragments)
        {
            StringAssert.Contains(ex.Message, path);
            foreach (string fragment in fragments)
            {
                StringAssert.Contains(ex.Message, fragment);
            }
        }
    }
}
