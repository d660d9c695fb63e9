using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Report
{
    [TestClass]
    public class CanvasTests
    {
        private static readonly Rgb _red = new Rgb(255, 0, 0);

        [TestMethod]
        public void FillRectClipsToTheCanvas()
        {
            var canvas = new Canvas(10, 8);
            canvas.FillRect(-5, 6, 100, 100, _red);
            Assert.AreEqual(_red, canvas.GetPixel(0, 6));
            Assert.AreEqual(_red, canvas.GetPixel(9, 7));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(9, 5));
        }

        [TestMethod]
        public void ClipLimitsDrawingUntilReset()
        {
            var canvas = new Canvas(10, 10);
            canvas.SetClip(2, 2, 3, 3);
            canvas.FillRect(0, 0, 10, 10, _red);
            canvas.DrawLine(0, 8, 9, 8, _red);
            canvas.SetPixel(8, 8, _red);
            Assert.AreEqual(9, CountColor(canvas, _red));
            Assert.AreEqual(_red, canvas.GetPixel(2, 2));
            Assert.AreEqual(_red, canvas.GetPixel(4, 4));
            canvas.ResetClip();
            canvas.SetPixel(8, 8, _red);
            Assert.AreEqual(10, CountColor(canvas, _red));
        }

        [TestMethod]
        public void GrayImageIsScaledByNearestNeighbour()
        {
            var canvas = new Canvas(20, 20);
            float[] values = { 0f, 0.5f, 1f, 0.25f, 2f, float.NaN };
            canvas.DrawGrayImage(values, rows: 2, columns: 3, x: 4, y: 5, scale: 3);
            for (int r = 0; r < 2; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    var expected = Rgb.FromGray(values[(r * 3) + c]);
                    for (int dy = 0; dy < 3; dy++)
                    {
                        for (int dx = 0; dx < 3; dx++)
                        {
                            Assert.AreEqual(expected, canvas.GetPixel(4 + (c * 3) + dx, 5 + (r * 3) + dy));
                        }
                    }
                }
            }

            Assert.AreEqual(new Rgb(128, 128, 128), Rgb.FromGray(0.5f));
            Assert.AreEqual(Rgb.White, Rgb.FromGray(2f));
            Assert.AreEqual(Rgb.MissingGrey, Rgb.FromGray(float.NaN));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(13, 5));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(4, 11));
            Assert.ThrowsExactly<ArgumentException>(() => canvas.DrawGrayImage(values, 2, 2, 0, 0));
        }

        [TestMethod]
        public void CrispLinesInkExactlyThePixelsOnThem()
        {
            var canvas = new Canvas(12, 12);
            canvas.DrawLine(1, 3, 8, 3, _red, 1, antiAlias: false);
            canvas.DrawLine(2, 5, 6, 9, _red, 1, antiAlias: false);
            for (int x = 1; x <= 8; x++)
            {
                Assert.AreEqual(_red, canvas.GetPixel(x, 3));
            }

            for (int k = 0; k <= 4; k++)
            {
                Assert.AreEqual(_red, canvas.GetPixel(2 + k, 5 + k));
            }

            Assert.AreEqual(8 + 5, CountColor(canvas, _red));
            Assert.AreEqual(12 * 12, CountColor(canvas, _red) + CountColor(canvas, Rgb.White), "no other colour");
        }

        [TestMethod]
        public void AntiAliasedLinesBlendTheirEdges()
        {
            var canvas = new Canvas(20, 20);
            canvas.DrawLine(2, 2, 17, 9, Rgb.Black, 1);
            int partial = 0;
            for (int y = 0; y < 20; y++)
            {
                for (int x = 0; x < 20; x++)
                {
                    var p = canvas.GetPixel(x, y);
                    Assert.IsTrue(p.R == p.G && p.G == p.B, "black on white stays grey");
                    if (p.R > 0 && p.R < 255)
                    {
                        partial++;
                    }
                }
            }

            Assert.IsGreaterThan(5, partial);
            Assert.AreEqual(Rgb.Black, canvas.GetPixel(2, 2));
            Assert.AreEqual(Rgb.Black, canvas.GetPixel(17, 9));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(2, 10));
        }

        [TestMethod]
        public void PolylineBreaksAtNaN()
        {
            var canvas = new Canvas(30, 10);
            canvas.DrawPolyline(new[] { (1.0, 5.0), (8.0, 5.0), (double.NaN, 5.0), (20.0, 5.0), (28.0, 5.0) }, _red, 1, antiAlias: false);
            Assert.AreEqual(_red, canvas.GetPixel(8, 5));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(14, 5));
            Assert.AreEqual(_red, canvas.GetPixel(20, 5));
            Assert.AreEqual(8 + 9, CountColor(canvas, _red));
        }

        [TestMethod]
        public void LinesFarOutsideTheCanvasAreClipped()
        {
            var canvas = new Canvas(10, 10);
            canvas.DrawLine(-1e12, 4, 1e12, 4, _red, 1, antiAlias: false);
            canvas.DrawLine(1e300, 1e300, 2e300, 2e300, _red);
            Assert.AreEqual(10, CountColor(canvas, _red));
        }

        [TestMethod]
        public void HatchedCellIsGreyWithDiagonalLines()
        {
            var canvas = new Canvas(12, 12);
            var line = new Rgb(150, 150, 150);
            canvas.FillHatched(2, 2, 8, 8, Rgb.MissingGrey, line, 4);
            Assert.AreEqual(line, canvas.GetPixel(2, 2));
            Assert.AreEqual(line, canvas.GetPixel(5, 3));
            Assert.AreEqual(Rgb.MissingGrey, canvas.GetPixel(3, 2));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(1, 1));
            Assert.AreEqual(16, CountColor(canvas, line));
        }

        internal static int CountColor(Canvas canvas, Rgb color)
        {
            int count = 0;
            for (int y = 0; y < canvas.Height; y++)
            {
                for (int x = 0; x < canvas.Width; x++)
                {
                    if (canvas.GetPixel(x, y) == color)
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }
}
