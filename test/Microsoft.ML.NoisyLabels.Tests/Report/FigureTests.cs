using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Report
{
    [TestClass]
    public class FigureTests
    {
        private static readonly string[] _columns = { "image", "truth", "good", "over", "Spatial STAPLE" };

        [TestMethod]
        public void ImageGridCellPixelsAreTheMapValues()
        {
            const int h = 6, w = 5, scale = 3;
            var random = new Random(3);
            var maps = new float[]?[2][];
            var grid = new ImageGridFigure(h, w, _columns) { Scale = scale, Title = "Fig. 2" };
            for (int r = 0; r < 2; r++)
            {
                maps[r] = new float[]?[_columns.Length];
                for (int c = 0; c < _columns.Length; c++)
                {
                    if (r == 1 && c == 3)
                    {
                        continue;
                    }

                    var map = new float[h * w];
                    for (int i = 0; i < map.Length; i++)
                    {
                        map[i] = c == 0 ? (float)random.NextDouble() : random.Next(2);
                    }

                    maps[r][c] = map;
                }

                grid.AddRow("row " + r, maps[r]);
            }

            var canvas = grid.Render();
            var png = DecodedPng.RoundTrip(canvas);
            Assert.AreEqual(canvas.Width, png.Width);
            Assert.AreEqual(canvas.Height, png.Height);
            for (int r = 0; r < 2; r++)
            {
                for (int c = 0; c < _columns.Length; c++)
                {
                    var (x0, y0) = grid.CellOrigin(r, c);
                    var map = maps[r][c];
                    for (int y = 0; y < h * scale; y++)
                    {
                        for (int x = 0; x < w * scale; x++)
                        {
                            var pixel = png[x0 + x, y0 + y];
                            if (map is null)
                            {
                                Assert.IsTrue(pixel == Rgb.MissingGrey || pixel == new Rgb(150, 150, 150), $"missing cell pixel {pixel}");
                            }
                            else
                            {
                                Assert.AreEqual(Rgb.FromGray(map[((y / scale) * w) + (x / scale)]), pixel, $"cell ({r}, {c}) pixel ({x}, {y})");
                            }
                        }
                    }

                    // The frame around the cell, outside its pixels.
                    Assert.AreEqual(Rgb.LightGrey, png[x0 - 1, y0 - 1]);
                    Assert.AreEqual(Rgb.LightGrey, png[x0 + (w * scale), y0 + (h * scale)]);
                }
            }

            // Column titles are drawn above the first row, centred on their columns; the long one wraps.
            var (firstX, firstY) = grid.CellOrigin(0, 0);
            Assert.IsTrue(HasInk(canvas, firstX, 0, w * scale, firstY - 2));
            var (lastX, _) = grid.CellOrigin(0, 4);
            Assert.IsTrue(HasInk(canvas, lastX, firstY - 2 - (2 * BitmapFont.LineHeight), w * scale, BitmapFont.LineHeight));

            // Row labels are drawn left of the cells.
            Assert.IsTrue(HasInk(canvas, 0, firstY, firstX - 2, h * scale));
        }

        [TestMethod]
        public void ImageGridRejectsMapsOfTheWrongSize()
        {
            var grid = new ImageGridFigure(4, 4, new[] { "a", "b" });
            Assert.ThrowsExactly<ArgumentException>(() => grid.AddRow(null, new float[]?[] { new float[16], new float[15] }));
            Assert.ThrowsExactly<ArgumentException>(() => grid.AddRow(null, new float[]?[] { new float[16] }));
        }

        [TestMethod]
        public void ConfusionMatrixCellsAreColouredByValueAndPrinted()
        {
            string[] annotators = { "good", "blank" };
            var figure = new ConfusionMatrixFigure(annotators) { Title = "Fig. 3" };
            double[] truth = { 0.9, 0.2, 0.1, 0.8 };
            double[] ours = { 1.0, double.NaN, 0.0, double.NaN };
            figure.AddSource("true", new double[]?[] { truth, truth });
            figure.AddSource("ours", new double[]?[] { ours, null });
            var canvas = figure.Render();
            var png = DecodedPng.RoundTrip(canvas);
            int cell = figure.CellSize;

            for (int o = 0; o < 2; o++)
            {
                for (int t = 0; t < 2; t++)
                {
                    var (x, y) = figure.CellOrigin(0, 1, o, t);
                    var fill = Palette.Heat(truth[(o * 2) + t]);

                    // The corner is fill; the centre holds the printed value in the contrasting colour.
                    Assert.AreEqual(fill, png[x + 1, y + 1]);
                    Assert.AreEqual(fill, png[x + cell - 2, y + cell - 2]);
                    Assert.IsTrue(HasColor(canvas, x, y, cell, cell, Palette.TextOn(fill)), $"text in cell ({o}, {t})");
                }
            }

            // "0.90" printed exactly where Canvas.DrawText would put it.
            var (cx, cy) = figure.CellOrigin(0, 0, 0, 0);
            var expected = new Canvas(cell, cell, Palette.Heat(0.9));
            expected.DrawText("0.90", cell / 2, (cell / 2) - 3, Palette.TextOn(Palette.Heat(0.9)), 1, TextAlign.Center);
            for (int y = 0; y < cell; y++)
            {
                for (int x = 0; x < cell; x++)
                {
                    Assert.AreEqual(expected.GetPixel(x, y), png[cx + x, cy + y], $"({x}, {y})");
                }
            }

            var (nx, ny) = figure.CellOrigin(1, 0, 0, 1);
            Assert.AreEqual(Rgb.MissingGrey, png[nx + 1, ny + 1]);
            var (mx, my) = figure.CellOrigin(1, 1, 0, 0);
            Assert.IsTrue(png[mx + 1, my + 1] == Rgb.MissingGrey || png[mx + 1, my + 1] == new Rgb(150, 150, 150));
            Assert.AreEqual(new Rgb(150, 150, 150), png[mx, my]);

            // The note sits under the panels.
            var (_, lastTop) = figure.CellOrigin(1, 0, 1, 0);
            Assert.IsTrue(HasInk(canvas, 0, lastTop + cell + 2, canvas.Width, canvas.Height - lastTop - cell - 2));
        }

        [TestMethod]
        public void LineChartDrawsSeriesWhereTheAxesSay()
        {
            var red = new Rgb(220, 0, 0);
            var blue = new Rgb(0, 0, 220);
            var chart = new LineChartFigure { Title = "loss", XTitle = "epoch", YTitle = "loss", YMin = 0, YMax = 1 };
            chart.Add("flat", new[] { 1.0, 5.0 }, new[] { 0.5, 0.5 }, red);
            chart.Add("high", new[] { 1.0, 5.0 }, new[] { 0.25, 3.0 }, blue);
            var canvas = chart.Render();
            var png = DecodedPng.RoundTrip(canvas);
            Assert.AreEqual(640, png.Width);
            Assert.AreEqual(400, png.Height);

            var (x0, y0) = chart.ToPixel(2, 0.5);
            Assert.AreEqual(red, png[(int)Math.Round(x0), (int)Math.Round(y0)]);
            var (x1, y1) = chart.ToPixel(4, 0.5);
            Assert.AreEqual(red, png[(int)Math.Round(x1), (int)Math.Round(y1)]);

            // The second series leaves the fixed 0..1 range: it is clipped to the plot area.
            var (left, top, width, height) = chart.PlotArea();
            var (lx, ly) = chart.ToPixel(1, 0.25);
            Assert.IsTrue(HasColor(canvas, (int)Math.Round(lx) - 1, (int)Math.Round(ly) - 1, 3, 3, blue));
            for (int x = 0; x < canvas.Width; x++)
            {
                for (int y = 0; y < top; y++)
                {
                    Assert.AreNotEqual(blue, canvas.GetPixel(x, y), $"({x}, {y}) above the plot");
                }
            }

            // Both series are in the legend, right of the plot.
            Assert.IsTrue(HasColor(canvas, left + width + 2, top, canvas.Width - left - width - 2, height, red));
            Assert.IsTrue(HasColor(canvas, left + width + 2, top, canvas.Width - left - width - 2, height, blue));

            // Tick labels left of and under the plot, and the axis titles.
            Assert.IsTrue(HasInk(canvas, 0, top, left - 6, height));
            Assert.IsTrue(HasInk(canvas, left, top + height + 6, width, canvas.Height - top - height - 6));
        }

        [TestMethod]
        public void LineChartSurvivesEmptyAndConstantData()
        {
            Assert.AreEqual(640, new LineChartFigure().Render().Width);
            var chart = new LineChartFigure();
            chart.Add("constant", new[] { 2.0, 2.0, 2.0 });
            var (_, y) = chart.ToPixel(1, 2.0);
            var (_, top, _, height) = chart.PlotArea();
            Assert.IsTrue(y > top && y < top + height - 1);
        }

        [TestMethod]
        public void BarChartBarsRiseFromZeroWithTheirColours()
        {
            var chart = new BarChartFigure(new[] { "0", "0.01", "0.1" }) { Title = "lambda", YTitle = "Dice", ValueDecimals = 2 };
            chart.Add("ours", new[] { new MeanStd(0.5, 0.1, 3), new MeanStd(0.9, 0.02, 3), new MeanStd(double.NaN, 0, 0) });
            chart.Add("STAPLE", new[] { new MeanStd(0.25, 0, 3), new MeanStd(0.7, 0.05, 3), new MeanStd(0.6, 0.05, 3) });
            var canvas = chart.Render();
            var png = DecodedPng.RoundTrip(canvas);

            var (left, width, top, bottom) = chart.BarBounds(1, 0);
            Assert.IsTrue(bottom > top);
            Assert.AreEqual(Palette.Series(0), png[left, (int)Math.Round(bottom) - 1]);
            Assert.AreEqual(Palette.Series(0), png[left + width - 1, (int)Math.Round(top) + 1]);
            Assert.AreNotEqual(Palette.Series(0), png[left, (int)Math.Round(top) - 3]);

            // STAPLE's first bar is half as high as ours' (0.25 against 0.5), both from the same base.
            var (_, _, oursTop, oursBase) = chart.BarBounds(0, 0);
            var (sLeft, _, stapleTop, stapleBase) = chart.BarBounds(0, 1);
            Assert.AreEqual(oursBase, stapleBase, 1e-9);
            Assert.AreEqual((oursBase - oursTop) / 2, stapleBase - stapleTop, 1e-9);
            Assert.AreEqual(Palette.Series(1), png[sLeft, (int)Math.Round(stapleTop) + 1]);

            // A NaN mean draws no bar.
            var (nanLeft, nanWidth, _, nanBase) = chart.BarBounds(2, 0);
            Assert.IsFalse(HasColor(canvas, nanLeft, (int)Math.Round(nanBase) - 50, nanWidth, 50, Palette.Series(0)));
        }

        private static bool HasInk(Canvas canvas, int x, int y, int width, int height)
        {
            for (int py = Math.Max(y, 0); py < Math.Min(y + height, canvas.Height); py++)
            {
                for (int px = Math.Max(x, 0); px < Math.Min(x + width, canvas.Width); px++)
                {
                    if (canvas.GetPixel(px, py).Luminance < 0.5)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasColor(Canvas canvas, int x, int y, int width, int height, Rgb color)
        {
            for (int py = Math.Max(y, 0); py < Math.Min(y + height, canvas.Height); py++)
            {
                for (int px = Math.Max(x, 0); px < Math.Min(x + width, canvas.Width); px++)
                {
                    if (canvas.GetPixel(px, py) == color)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
