using Microsoft.VisualStudio.TestTools.UnitTesting;
using ScottPlot;
using SkiaSharp;

namespace Microsoft.ML.NoisyLabels.Samples.Report.Tests
{
    /// <summary>
    /// Each figure rendered to PNG, decoded by SkiaSharp, and checked where its parts must be: maps and cells by their
    /// exact colours, series by their palette colours at the pixels ScottPlot maps their data to, text by its ink.
    /// </summary>
    [TestClass]
    public class FigureTests
    {
        private static readonly string[] _columns = { "image", "truth", "good", "over", "Spatial STAPLE" };

        [TestMethod]
        public void ImageGridCellsShowTheMapsGreyLevels()
        {
            const int h = 6, w = 5, scale = 4;
            var random = new Random(3);
            var maps = new float[]?[2][];
            var grid = new ImageGridFigure(h, w, _columns) { Scale = scale, Title = "Fig. 2" };
            grid.AddGroup("annotators", 2, 2);
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

            var png = DecodedPng.Decode(grid.RenderPng());
            Assert.AreEqual(grid.Width, png.Width);
            Assert.AreEqual(grid.Height, png.Height);
            for (int r = 0; r < 2; r++)
            {
                for (int c = 0; c < _columns.Length; c++)
                {
                    var (x0, y0) = grid.CellOrigin(r, c);
                    var map = maps[r][c];
                    for (int y = 0; y < h; y++)
                    {
                        for (int x = 0; x < w; x++)
                        {
                            // The middle of the block that map value (y, x) is drawn as.
                            var pixel = png[x0 + (x * scale) + (scale / 2), y0 + (y * scale) + (scale / 2)];
                            if (map is null)
                            {
                                Assert.IsTrue(DecodedPng.IsNear(pixel, Palette.Missing.ToSKColor(), 2) || DecodedPng.IsNear(pixel, Palette.MissingHatch.ToSKColor(), 2), $"missing cell pixel {pixel}");
                            }
                            else
                            {
                                int level = (int)MathF.Round(map[(y * w) + x] * 255);
                                Assert.IsTrue(DecodedPng.IsNear(pixel, new SKColor((byte)level, (byte)level, (byte)level), 2), $"cell ({r}, {c}) value ({y}, {x}): {pixel}, not grey {level}");
                            }
                        }
                    }
                }
            }

            // The missing cell shows both greys of its hatching.
            var (mx, my) = grid.CellOrigin(1, 3);
            Assert.IsTrue(png.Near(mx, my, w * scale, h * scale, Palette.MissingHatch.ToSKColor(), 2) > 0);

            // Column titles above the first row, the group's title above those, row labels left of the cells.
            var (firstX, firstY) = grid.CellOrigin(0, 0);
            Assert.IsTrue(png.Ink(firstX, firstY - 20, w * scale, 18) > 0, "column title");
            var (groupX, _) = grid.CellOrigin(0, 2);
            Assert.IsTrue(png.Ink(groupX, 30, w * scale * 2, firstY - 60) > 0, "group title");
            Assert.IsTrue(png.Ink(0, firstY, firstX - 2, h * scale) > 0, "row label");
            Assert.IsTrue(png.Ink(0, 0, png.Width, 30) > 0, "title");
        }

        [TestMethod]
        public void ImageGridRejectsMapsOfTheWrongSizeAndOverlappingGroups()
        {
            var grid = new ImageGridFigure(4, 4, new[] { "a", "b", "c" });
            Assert.ThrowsExactly<ArgumentException>(() => grid.AddRow(null, new float[]?[] { new float[16], new float[15], null }));
            Assert.ThrowsExactly<ArgumentException>(() => grid.AddRow(null, new float[]?[] { new float[16] }));
            grid.AddGroup("first", 0, 2);
            Assert.ThrowsExactly<ArgumentException>(() => grid.AddGroup("second", 1, 2));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => grid.AddGroup("third", 2, 2));
        }

        [TestMethod]
        public void ConfusionMatrixCellsAreColouredByValueAndPrinted()
        {
            var figure = new ConfusionMatrixFigure(new[] { "good", "blank" }) { Title = "Fig. 3" };
            double[] truth = { 0.9, 0.2, 0.1, 0.8 };
            double[] ours = { 1.0, double.NaN, 0.0, double.NaN };
            figure.AddSource("true", new double[]?[] { truth, truth });
            figure.AddSource("ours", new double[]?[] { ours, null });
            var png = DecodedPng.Decode(figure.RenderPng());
            Assert.AreEqual(figure.Width, png.Width);
            int cell = figure.CellSize;

            for (int o = 0; o < 2; o++)
            {
                for (int t = 0; t < 2; t++)
                {
                    var (x, y) = figure.CellOrigin(0, 1, o, t);
                    var fill = Palette.Heat(truth[(o * 2) + t]);

                    // Near the corner, fill; in the middle, the printed value in the colour that reads on that fill.
                    Assert.IsTrue(DecodedPng.IsNear(png[x + 4, y + 4], fill.ToSKColor(), 1), $"fill of cell ({o}, {t}): {png[x + 4, y + 4]}");
                    Assert.IsTrue(png.Near(x + 4, y + 4, cell - 8, cell - 8, Palette.TextOn(fill).ToSKColor(), 40) >= 10, $"text in cell ({o}, {t})");
                }
            }

            // A NaN entry is grey with "n/a"; the missing matrix is a hatched panel.
            var (nx, ny) = figure.CellOrigin(1, 0, 0, 1);
            Assert.IsTrue(DecodedPng.IsNear(png[nx + 4, ny + 4], Palette.Missing.ToSKColor(), 1));
            Assert.IsTrue(png.Ink(nx + 4, ny + 4, cell - 8, cell - 8) > 0, "n/a");
            var (mx, my) = figure.CellOrigin(1, 1, 0, 0);
            Assert.IsTrue(png.Near(mx, my, 2 * cell, 2 * cell, Palette.MissingHatch.ToSKColor(), 2) > 0);
            Assert.IsTrue(png.Near(mx, my, 2 * cell, 2 * cell, Palette.Missing.ToSKColor(), 2) > 0);

            // The source names left of the panels, the note under them.
            var (firstX, firstY) = figure.CellOrigin(0, 0, 0, 0);
            Assert.IsTrue(png.Ink(0, firstY, firstX - 12, 2 * cell) > 0, "source name");
            var (_, lastY) = figure.CellOrigin(1, 0, 1, 0);
            Assert.IsTrue(png.Ink(0, lastY + cell + 2, png.Width, png.Height - lastY - cell - 2) > 0, "note");
        }

        [TestMethod]
        public void LineChartDrawsEachSeriesWhereItsDataIs()
        {
            var chart = new LineChartFigure { Title = "loss", XTitle = "epoch", YTitle = "loss", YMin = 0, YMax = 1, ShowMarkers = true };
            chart.Add("flat", new[] { 1.0, 5.0 }, new[] { 0.5, 0.5 });
            chart.Add("steep", new[] { 1.0, 5.0 }, new[] { 0.25, 3.0 });
            using var plot = chart.Build();
            var png = DecodedPng.Decode(plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png));
            Assert.AreEqual(760, png.Width);
            Assert.AreEqual(440, png.Height);

            // Each series' colour at its points (the markers' middles) and along its line.
            foreach (var (series, x, y) in new[] { (0, 1.0, 0.5), (0, 3.0, 0.5), (0, 5.0, 0.5), (1, 1.0, 0.25) })
            {
                var pixel = plot.GetPixel(new Coordinates(x, y));
                Assert.IsTrue(png.Near((int)pixel.X - 1, (int)pixel.Y - 1, 3, 3, chart.ColorOf(series).ToSKColor(), 12) > 0, $"series {series} at ({x}, {y})");
            }

            // The second series leaves the fixed 0..1 range: nothing of it is drawn above the data area.
            var data = plot.LastRender.DataRect;
            var steep = chart.ColorOf(1).ToSKColor();
            Assert.AreEqual(0, png.Near(0, 0, png.Width, (int)data.Top - 1, steep, 12));

            // Both series in the legend right of the data area; tick labels left of and under it; the title above it.
            Assert.IsTrue(png.Near((int)data.Right + 4, 0, png.Width, png.Height, chart.ColorOf(0).ToSKColor(), 12) > 0, "legend, first series");
            Assert.IsTrue(png.Near((int)data.Right + 4, 0, png.Width, png.Height, steep, 12) > 0, "legend, second series");
            Assert.IsTrue(png.Ink(0, (int)data.Top, (int)data.Left - 6, (int)data.Height) > 0, "y tick labels and title");
            Assert.IsTrue(png.Ink((int)data.Left, (int)data.Bottom + 6, (int)data.Width, png.Height - (int)data.Bottom - 6) > 0, "x tick labels and title");
            Assert.IsTrue(png.Ink(0, 0, png.Width, (int)data.Top - 2) > 0, "title");
        }

        [TestMethod]
        public void LineChartSurvivesEmptyConstantAndBrokenSeries()
        {
            Assert.AreEqual(760, DecodedPng.Decode(new LineChartFigure().RenderPng()).Width);

            var chart = new LineChartFigure { ShowMarkers = true };
            chart.Add("constant", new[] { 2.0, 2.0, double.NaN, 2.0 });
            using var plot = chart.Build();
            var png = DecodedPng.Decode(plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png));
            var data = plot.LastRender.DataRect;
            var point = plot.GetPixel(new Coordinates(4, 2.0));
            Assert.IsTrue(point.Y > data.Top && point.Y < data.Bottom, "a constant series sits inside the data area");
            Assert.IsTrue(png.Near((int)point.X - 1, (int)point.Y - 1, 3, 3, chart.ColorOf(0).ToSKColor(), 12) > 0, "the point after the NaN is drawn");

            // The NaN cuts the curve: no line between x = 2 and x = 4.
            var gap = plot.GetPixel(new Coordinates(3, 2.0));
            Assert.AreEqual(0, png.Near((int)gap.X - 2, (int)gap.Y - 2, 5, 5, chart.ColorOf(0).ToSKColor(), 40));
        }

        [TestMethod]
        public void BarChartBarsRiseFromZeroWithTheirColoursAndValues()
        {
            var chart = new BarChartFigure(new[] { "0", "0.01", "0.1" }) { Title = "lambda", YTitle = "Dice", ValueDecimals = 2 };
            chart.Add("ours", new[] { new MeanStd(0.5, 0.1, 3), new MeanStd(0.9, 0.02, 3), new MeanStd(double.NaN, 0, 0) });
            chart.Add("STAPLE", new[] { new MeanStd(0.25, 0, 3), new MeanStd(0.7, 0.05, 3), new MeanStd(0.6, 0.05, 3) });
            using var plot = chart.Build();
            var png = DecodedPng.Decode(plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png));
            var ours = chart.ColorOf(0).ToSKColor();
            var staple = chart.ColorOf(1).ToSKColor();

            // Inside a bar, its colour; just above its mean (beside the error bar), not.
            var inside = plot.GetPixel(new Coordinates(chart.BarPosition(1, 0) - 0.05, 0.45));
            Assert.IsTrue(DecodedPng.IsNear(png[(int)inside.X, (int)inside.Y], ours, 2));
            var above = plot.GetPixel(new Coordinates(chart.BarPosition(1, 0) - 0.05, 0.9));
            Assert.IsFalse(DecodedPng.IsNear(png[(int)above.X, (int)above.Y - 3], ours, 2));

            // STAPLE's first bar is half as high as ours' (0.25 against 0.5), both from zero.
            Assert.AreEqual(Height(png, plot, chart.BarPosition(0, 0) - 0.05, ours) / 2.0, Height(png, plot, chart.BarPosition(0, 1) - 0.05, staple), 2.0);

            // A NaN mean draws no bar; the legend shows both colours; the values are printed over the bars.
            var nan = plot.GetPixel(new Coordinates(chart.BarPosition(2, 0), 0.1));
            Assert.AreEqual(0, png.Near((int)nan.X - 3, (int)nan.Y - 3, 7, 7, ours, 2));
            var data = plot.LastRender.DataRect;
            Assert.IsTrue(png.Near((int)data.Right + 4, 0, png.Width, png.Height, staple, 2) > 0, "legend");
            var label = plot.GetPixel(new Coordinates(chart.BarPosition(1, 0), 0.92));
            Assert.IsTrue(png.Ink((int)label.X - 15, (int)label.Y - 20, 30, 18) > 0, "value over the bar");
        }

        [TestMethod]
        public void TextIsDrawnWithTheBundledFontAntiAliased()
        {
            Assert.AreEqual("DejaVu Sans", FigureFont.Typeface(bold: false).FamilyName);
            Assert.IsTrue(FigureFont.Typeface(bold: true).IsBold);
            FigureFont.Register();
            FigureFont.Register();
            Assert.AreSame(FigureFont.Typeface(bold: true), Fonts.GetTypeface(FigureFont.Name, bold: true, italic: false));
            Assert.IsTrue(FigureFont.MeasureWidth("Spatial STAPLE", 14) > FigureFont.MeasureWidth("STAPLE", 14));

            // Anti-aliased glyph edges: the title has grey pixels between ink and paper, not only black and white.
            var chart = new LineChartFigure { Title = "Training cross-entropy (dense labels)" };
            using var plot = chart.Build();
            var png = DecodedPng.Decode(plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png));
            int top = (int)plot.LastRender.DataRect.Top;
            Assert.IsTrue(png.Ink(0, 0, png.Width, top) > 50, "title ink");
            Assert.IsTrue(png.Count(0, 0, png.Width, top, c => DecodedPng.Luminance(c) is > 0.2 and < 0.8) > 20, "anti-aliased edges");
        }

        // The rows of the bar at x, counted from its base at zero upwards while they keep the bar's colour.
        private static int Height(DecodedPng png, Plot plot, double x, SKColor color)
        {
            var basePixel = plot.GetPixel(new Coordinates(x, 0));
            int column = (int)basePixel.X;
            int row = (int)basePixel.Y - 1;
            int height = 0;
            while (row - height >= 0 && DecodedPng.IsNear(png[column, row - height], color, 2))
            {
                height++;
            }

            return height;
        }
    }
}
