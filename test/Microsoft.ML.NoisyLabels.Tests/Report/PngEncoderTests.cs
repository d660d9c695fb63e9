using System.Buffers.Binary;
using System.Text;
using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Report
{
    [TestClass]
    public class PngEncoderTests
    {
        [TestMethod]
        public void Crc32MatchesTheStandardCheckValue()
        {
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
            Assert.AreEqual(0u, Crc32.Compute(ReadOnlySpan<byte>.Empty));
        }

        [TestMethod]
        public void HeaderDescribesAn8BitRgbImage()
        {
            byte[] png = new Canvas(7, 3).ToPng();
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, png[..8]);
            Assert.AreEqual(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
            Assert.AreEqual("IHDR", Encoding.ASCII.GetString(png, 12, 4));
            Assert.AreEqual(7, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.AreEqual(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            Assert.AreEqual(8, png[24]);
            Assert.AreEqual(2, png[25]);
            Assert.AreEqual(Crc32.Compute(png.AsSpan(12, 17)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(29)));
            Assert.AreEqual("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4));
        }

        [TestMethod]
        public void EveryPixelOfANoisyImageDecodesBack()
        {
            // Noise, gradients and flat runs make rows choose different filters (None, Sub, Up, Average, Paeth).
            var canvas = new Canvas(61, 37);
            var random = new Random(7);
            for (int y = 0; y < canvas.Height; y++)
            {
                for (int x = 0; x < canvas.Width; x++)
                {
                    var color = (y % 4) switch
                    {
                        0 => new Rgb((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)),
                        1 => new Rgb((byte)(x * 4), (byte)(y * 6), (byte)(x + y)),
                        2 => new Rgb(10, 200, 30),
                        _ => new Rgb((byte)(255 - x), (byte)((x * y) % 256), (byte)random.Next(256)),
                    };
                    canvas.SetPixel(x, y, color);
                }
            }

            var decoded = DecodedPng.RoundTrip(canvas);
            Assert.AreEqual(61, decoded.Width);
            Assert.AreEqual(37, decoded.Height);
            for (int y = 0; y < canvas.Height; y++)
            {
                for (int x = 0; x < canvas.Width; x++)
                {
                    Assert.AreEqual(canvas.GetPixel(x, y), decoded[x, y], $"pixel ({x}, {y})");
                    Assert.AreEqual(255, decoded.Alpha(x, y));
                }
            }
        }

        [TestMethod]
        public void DrawnRectangleKeepsItsColourInTheFile()
        {
            var canvas = new Canvas(40, 30, new Rgb(250, 250, 250));
            canvas.FillRect(5, 6, 10, 4, new Rgb(12, 34, 56));
            var decoded = DecodedPng.RoundTrip(canvas);
            Assert.AreEqual(new Rgb(12, 34, 56), decoded[5, 6]);
            Assert.AreEqual(new Rgb(12, 34, 56), decoded[14, 9]);
            Assert.AreEqual(new Rgb(250, 250, 250), decoded[15, 9]);
            Assert.AreEqual(new Rgb(250, 250, 250), decoded[14, 10]);
            Assert.AreEqual(new Rgb(250, 250, 250), decoded[4, 6]);
        }

        [TestMethod]
        public void SameCanvasGivesTheSameBytes()
        {
            var a = new Canvas(20, 20);
            a.DrawLine(0, 0, 19, 13, Rgb.Black, 2);
            var b = new Canvas(20, 20);
            b.DrawLine(0, 0, 19, 13, Rgb.Black, 2);
            CollectionAssert.AreEqual(a.ToPng(), b.ToPng());
        }

        [TestMethod]
        public void RejectsPixelsOfTheWrongLength()
        {
            Assert.ThrowsExactly<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[11]));
        }
    }
}
