using System.Buffers.Binary;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    [TestClass]
    public class NiftiRoundTripTests
    {
        public static IEnumerable<object[]> Cases()
        {
            foreach (NiftiDataType type in Enum.GetValues<NiftiDataType>())
            {
                foreach (bool bigEndian in new[] { false, true })
                {
                    foreach (string suffix in new[] { ".nii", ".nii.gz" })
                    {
                        yield return new object[] { type, bigEndian, suffix };
                    }
                }
            }
        }

        /// <summary>Every header field and every voxel survive write then read, for each type, byte order and suffix.</summary>
        [TestMethod]
        [DynamicData(nameof(Cases))]
        public void WriteThenReadGivesTheSameHeaderAndVoxels(NiftiDataType type, bool bigEndian, string suffix)
        {
            var header = FullHeader(type, bigEndian);
            var volume = Volume(header);
            string path = Path.Combine(TestData.NewTempFolder(), "volume" + suffix);
            NiftiFile.Write(path, volume);

            var read = NiftiFile.Read(path);
            Assert.AreEqual(header, read.Header);
            Assert.IsTrue(volume.VoxelBytes.SequenceEqual(read.VoxelBytes), "voxels differ");
            Assert.AreEqual(header, NiftiFile.ReadHeader(path));

            // Writing what was read gives the same file, byte for byte (for .nii; gzip output may vary by stream).
            if (suffix == ".nii")
            {
                string again = Path.Combine(Path.GetDirectoryName(path)!, "again.nii");
                NiftiFile.Write(again, read);
                CollectionAssert.AreEqual(File.ReadAllBytes(path), File.ReadAllBytes(again));
                var bytes = File.ReadAllBytes(path);
                Assert.AreEqual(352 + (60 * ElementSize(type)), bytes.Length);
                // The file is in the header's byte order: sizeof_hdr (348) and the first voxel as stored.
                Assert.AreEqual(348, bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes));
                var firstVoxel = bytes.AsSpan(352, ElementSize(type)).ToArray();
                if (bigEndian == BitConverter.IsLittleEndian)
                {
                    Array.Reverse(firstVoxel);
                }

                CollectionAssert.AreEqual(volume.VoxelBytes.Slice(0, ElementSize(type)).ToArray(), firstVoxel);
            }
        }

        [TestMethod]
        public void ScaledValuesFollowSlopeAndIntercept()
        {
            // int16 values 3, -4 with slope 2 and intercept -3: 2 * 3 - 3 = 3 and 2 * -4 - 3 = -11.
            var header = NiftiHeader.Create(NiftiDataType.Int16, new[] { 2 }) with { SclSlope = 2, SclInter = -3 };
            var volume = NiftiVolume.Create<short>(header, new short[] { 3, -4 });
            CollectionAssert.AreEqual(new[] { 3f, -11f }, volume.ToSingleArray());

            // A slope of 0 means no scaling, whatever the intercept (NIfTI-1).
            volume = NiftiVolume.Create<short>(header with { SclSlope = 0, SclInter = 5 }, new short[] { 3, -4 });
            CollectionAssert.AreEqual(new[] { 3f, -4f }, volume.ToSingleArray());
            Assert.IsFalse(volume.Header.HasScaling);
        }

        /// <summary>
        /// A big-endian int16 file and a little-endian float64 file built byte by byte here (not by the package's
        /// writer), each with a 16-byte header extension before the voxels that the reader must skip.
        /// </summary>
        [TestMethod]
        public void ReadsFilesBuiltByHandInBothByteOrders()
        {
            string folder = TestData.NewTempFolder();
            foreach (bool bigEndian in new[] { true, false })
            {
                var type = bigEndian ? NiftiDataType.Int16 : NiftiDataType.Float64;
                var bytes = new byte[368 + (6 * (bigEndian ? 2 : 8))];
                void I16(int at, short v)
                {
                    if (bigEndian)
                    {
                        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(at), v);
                    }
                    else
                    {
                        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(at), v);
                    }
                }

                void F32(int at, float v)
                {
                    if (bigEndian)
                    {
                        BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(at), v);
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), v);
                    }
                }

                if (bigEndian)
                {
                    BinaryPrimitives.WriteInt32BigEndian(bytes, 348);
                }
                else
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes, 348);
                }

                // dim = 3, 3 x 2 x 1; datatype; bitpix; pixdim 1, 0.5, 0.75, 2; vox_offset 368; slope 0.5; inter 10.
                short[] dim = { 3, 3, 2, 1, 1, 1, 1, 1 };
                for (int i = 0; i < 8; i++)
                {
                    I16(40 + (2 * i), dim[i]);
                }

                I16(70, (short)type);
                I16(72, (short)(bigEndian ? 16 : 64));
                float[] pixdim = { 1, 0.5f, 0.75f, 2, 0, 0, 0, 0 };
                for (int i = 0; i < 8; i++)
                {
                    F32(76 + (4 * i), pixdim[i]);
                }

                F32(108, 368);
                F32(112, 0.5f);
                F32(116, 10);
                I16(254, 1);   // sform_code
                F32(280, 0.5f);
                F32(280 + 12, -20);
                F32(296 + 4, 0.75f);
                F32(312 + 8, 2);
                "n+1\0"u8.CopyTo(bytes.AsSpan(344));
                bytes[348] = 1;   // extension flag, then one 16-byte extension (esize 16, ecode 6 = comment)
                if (bigEndian)
                {
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(352), 16);
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(356), 6);
                }
                else
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(352), 16);
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(356), 6);
                }

                "comment!"u8.CopyTo(bytes.AsSpan(360));
                short[] stored = { 0, 1, -2, 300, -32768, 32767 };
                for (int i = 0; i < stored.Length; i++)
                {
                    if (bigEndian)
                    {
                        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(368 + (2 * i)), stored[i]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(368 + (8 * i)), stored[i] + 0.25);
                    }
                }

                string path = Path.Combine(folder, bigEndian ? "big.nii" : "little.nii");
                File.WriteAllBytes(path, bytes);

                var volume = NiftiFile.Read(path);
                var header = volume.Header;
                Assert.AreEqual(bigEndian, header.IsBigEndian);
                Assert.AreEqual(type, header.DataType);
                CollectionAssert.AreEqual(new[] { 3, 2, 1 }, header.Shape.ToArray());
                CollectionAssert.AreEqual(new[] { 0.5f, 0.75f, 2f }, header.Spacing.ToArray());
                Assert.AreEqual(368f, header.VoxOffset);
                Assert.AreEqual(NiftiXFormCode.ScannerAnatomical, header.SFormCode);
                var affine = header.GetAffine();
                Assert.AreEqual(0.5, affine[0, 0]);
                Assert.AreEqual(-20.0, affine[0, 3]);
                Assert.AreEqual(0.75, affine[1, 1]);
                Assert.AreEqual(2.0, affine[2, 2]);

                // Scaled: 0.5 * v + 10.
                float[] expected = bigEndian
                    ? new[] { 10f, 10.5f, 9f, 160f, -16374f, 16393.5f }
                    : new[] { 10.125f, 10.625f, 9.125f, 160.125f, -16373.875f, 16393.625f };
                CollectionAssert.AreEqual(expected, volume.ToSingleArray());
                if (bigEndian)
                {
                    CollectionAssert.AreEqual(stored, volume.GetVoxels<short>().ToArray());
                }
                else
                {
                    CollectionAssert.AreEqual(stored.Select(s => s + 0.25).ToArray(), volume.GetVoxels<double>().ToArray());
                }
            }
        }

        [TestMethod]
        public void QFormFollowsTheQuaternionAndQfac()
        {
            // A 90-degree rotation about z: (a, b, c, d) = (cos 45, 0, 0, sin 45), so x -> y and y -> -x; qfac -1 flips z.
            float s = MathF.Sqrt(0.5f);
            var header = NiftiHeader.Create(NiftiDataType.UInt8, new[] { 2, 2, 2 }, new[] { 2f, 3f, 4f }) with
            {
                QuaternD = s,
                QOffsetX = 10,
                QOffsetY = 20,
                QOffsetZ = 30,
                PixDim = new[] { -1f, 2, 3, 4, 0, 0, 0, 0 },
                SFormCode = NiftiXFormCode.Unknown,
            };
            var q = header.GetAffine();
            double[,] expected =
            {
                { 0, -3, 0, 10 },
                { 2, 0, 0, 20 },
                { 0, 0, -4, 30 },
                { 0, 0, 0, 1 },
            };
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    Assert.AreEqual(expected[r, c], q[r, c], 1e-6, $"affine[{r}, {c}]");
                }
            }
        }

        [TestMethod]
        public void CropKeepsWorldPositions()
        {
            var header = FullHeader(NiftiDataType.Int16, bigEndian: false);
            var volume = Volume(header);
            var cropped = volume.Crop(1, 2, 1, 3, 2, 2);
            CollectionAssert.AreEqual(new[] { 3, 2, 2 }, cropped.Header.Shape.ToArray());
            // Voxel (i, j, k) of the crop is voxel (i + 1, j + 2, k + 1) of the volume (5 x 4 x 3, x fastest).
            var source = volume.GetVoxels<short>();
            var part = cropped.GetVoxels<short>();
            Assert.AreEqual(source[1 + (5 * (2 + (4 * 1)))], part[0]);
            Assert.AreEqual(source[3 + (5 * (3 + (4 * 2)))], part[2 + (3 * (1 + (2 * 1)))]);
            foreach (bool sform in new[] { true, false })
            {
                var a = sform ? volume.Header.GetSFormAffine() : volume.Header.GetQFormAffine();
                var b = sform ? cropped.Header.GetSFormAffine() : cropped.Header.GetQFormAffine();
                for (int r = 0; r < 3; r++)
                {
                    double before = (a[r, 0] * 3) + (a[r, 1] * 3) + (a[r, 2] * 2) + a[r, 3];
                    double after = (b[r, 0] * 2) + (b[r, 1] * 1) + (b[r, 2] * 1) + b[r, 3];
                    Assert.AreEqual(before, after, 1e-4, $"{(sform ? "sform" : "qform")} row {r}");
                }
            }
        }

        /// <summary>A header with every field set to a value other than its default.</summary>
        internal static NiftiHeader FullHeader(NiftiDataType type, bool bigEndian)
            => NiftiHeader.Create(type, new[] { 5, 4, 3 }, new[] { 0.9f, 1.1f, 2.5f }) with
            {
                IsBigEndian = bigEndian,
                DimInfo = 57,
                IntentCode = 1002,
                IntentP1 = 1.5f,
                IntentP2 = -2.5f,
                IntentP3 = 3.25f,
                IntentName = "labels",
                SliceStart = 1,
                SliceEnd = 2,
                SliceCode = 3,
                SliceDuration = 0.125f,
                TOffset = 4.5f,
                CalMin = -1,
                CalMax = 99,
                SclSlope = 1.5f,
                SclInter = -7,
                XyztUnits = 10,
                QFormCode = NiftiXFormCode.AlignedAnatomical,
                SFormCode = NiftiXFormCode.Mni152,
                QuaternB = 0.1f,
                QuaternC = -0.2f,
                QuaternD = 0.3f,
                QOffsetX = -90.5f,
                QOffsetY = -126.25f,
                QOffsetZ = -72,
                PixDim = new[] { -1f, 0.9f, 1.1f, 2.5f, 0, 0, 0, 0 },
                SRowX = new[] { 0.9f, 0.01f, 0, -90.5f },
                SRowY = new[] { -0.02f, 1.1f, 0, -126.25f },
                SRowZ = new[] { 0, 0.03f, 2.5f, -72 },
                Description = "written by the round-trip test: \u00e9",
                AuxFile = "colours.lut",
            };

        /// <summary>60 voxels that include each type's extremes (and NaN, infinities, -0 for floats).</summary>
        internal static NiftiVolume Volume(NiftiHeader header)
        {
            int n = (int)header.VoxelCount;
            var random = new Random(7);
            switch (header.DataType)
            {
                case NiftiDataType.UInt8:
                    return NiftiVolume.Create<byte>(header, Fill(n, i => (byte)random.Next(256), byte.MinValue, byte.MaxValue));
                case NiftiDataType.Int16:
                    return NiftiVolume.Create<short>(header, Fill(n, i => (short)random.Next(short.MinValue, short.MaxValue + 1), short.MinValue, short.MaxValue));
                case NiftiDataType.UInt16:
                    return NiftiVolume.Create<ushort>(header, Fill(n, i => (ushort)random.Next(ushort.MaxValue + 1), ushort.MinValue, ushort.MaxValue));
                case NiftiDataType.Int32:
                    return NiftiVolume.Create<int>(header, Fill(n, i => random.Next(int.MinValue, int.MaxValue), int.MinValue, int.MaxValue));
                case NiftiDataType.Float32:
                    var floats = Fill(n, i => (float)((random.NextDouble() - 0.5) * 1e6), float.MinValue, float.MaxValue);
                    (floats[2], floats[3], floats[4], floats[5]) = (float.NaN, float.PositiveInfinity, -0f, float.Epsilon);
                    return NiftiVolume.Create<float>(header, floats);
                default:
                    var doubles = Fill(n, i => (random.NextDouble() - 0.5) * 1e12, double.MinValue, double.MaxValue);
                    (doubles[2], doubles[3], doubles[4], doubles[5]) = (double.NaN, double.NegativeInfinity, -0.0, double.Epsilon);
                    return NiftiVolume.Create<double>(header, doubles);
            }
        }

        private static T[] Fill<T>(int n, Func<int, T> value, T min, T max)
        {
            var values = Enumerable.Range(0, n).Select(value).ToArray();
            (values[0], values[1]) = (min, max);
            return values;
        }

        private static int ElementSize(NiftiDataType type) => type switch
        {
            NiftiDataType.UInt8 => 1,
            NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
            NiftiDataType.Int32 or NiftiDataType.Float32 => 4,
            _ => 8,
        };
    }
}
