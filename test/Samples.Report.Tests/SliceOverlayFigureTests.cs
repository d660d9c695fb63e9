using Microsoft.VisualStudio.TestTools.UnitTesting;
using ScottPlot;
using SkiaSharp;

namespace Microsoft.ML.NoisyLabels.Samples.Report.Tests
{
    /// <summary>The slice-overlay figure rendered to PNG and checked pixel by pixel: grey slices, coloured contours and fills.</summary>
    [TestClass]
    public class SliceOverlayFigureTests
    {
        private const int Size = 8;
        private const int Scale = 4;
        private static readonly Color Red = new(255, 0, 0);

        /// <summary>A ramp 0..63 (its 99.5th percentile, 63, becomes white) and a 4 x 4 square mask at rows and columns 2..5.</summary>
        private static (float[] Slice, float[] Mask) Inputs()
        {
            var slice = Enumerable.Range(0, Size * Size).Select(i => (float)i).ToArray();
            var mask = new float[Size * Size];
            for (int y = 2; y <= 5; y++)
            {
                for (int x = 2; x <= 5; x++)
                {
                    mask[(y * Size) + x] = 1;
                }
            }

            return (slice, mask);
        }

        private static SKColor Pixel(DecodedPng png, SliceOverlayFigure figure, int panel, int y, int x)
        {
            var (left, top) = figure.PanelOrigin(0, panel);
            return png[left + (x * Scale) + (Scale / 2), top + (y * Scale) + (Scale / 2)];
        }

        private static SKColor Grey(int i)
        {
            byte level = (byte)MathF.Round(i / 63f * 255);
            return new SKColor(level, level, level);
        }

        [TestMethod]
        public void ContoursOutlineTheMaskAndLeaveItsInsideGrey()
        {
            var (slice, mask) = Inputs();
            var figure = new SliceOverlayFigure(Size, Size, new[] { "FLAIR", "truth" }) { Scale = Scale, Title = "case01" };
            figure.AddRow("z = 3", slice, new IReadOnlyList<MaskOverlay>?[] { null, new[] { new MaskOverlay(mask, Red) } });
            var png = DecodedPng.Decode(figure.RenderPng());
            Assert.AreEqual(figure.Width, png.Width);
            Assert.AreEqual(figure.Height, png.Height);
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    int i = (y * Size) + x;
                    Assert.IsTrue(DecodedPng.IsNear(Pixel(png, figure, 0, y, x), Grey(i), 2), $"panel 0 ({y}, {x}): {Pixel(png, figure, 0, y, x)}");
                    bool ring = mask[i] != 0 && (y is 2 or 5 || x is 2 or 5);
                    var expected = ring ? Red.ToSKColor() : Grey(i);
                    Assert.IsTrue(DecodedPng.IsNear(Pixel(png, figure, 1, y, x), expected, 2), $"panel 1 ({y}, {x}): {Pixel(png, figure, 1, y, x)}, expected {expected}");
                }
            }
        }

        [TestMethod]
        public void FillsTintTheWholeMaskAndEmptyMasksDrawNothing()
        {
            var (slice, mask) = Inputs();
            var figure = new SliceOverlayFigure(Size, Size, new[] { "over", "blank" }) { Scale = Scale, Style = OverlayStyle.Filled, FillOpacity = 0.5 };
            var blank = new float[Size * Size];
            figure.AddRow(null, slice, new IReadOnlyList<MaskOverlay>?[] { new[] { new MaskOverlay(mask, Red) }, new[] { new MaskOverlay(blank, Red) } });
            var png = DecodedPng.Decode(figure.RenderPng());
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    int i = (y * Size) + x;
                    var grey = Grey(i);
                    var expected = mask[i] == 0 ? grey : new SKColor((byte)((grey.Red + 255 + 1) / 2), (byte)(grey.Green / 2), (byte)(grey.Blue / 2));
                    Assert.IsTrue(DecodedPng.IsNear(Pixel(png, figure, 0, y, x), expected, 3), $"panel 0 ({y}, {x}): {Pixel(png, figure, 0, y, x)}, expected {expected}");
                    Assert.IsTrue(DecodedPng.IsNear(Pixel(png, figure, 1, y, x), grey, 2), $"panel 1 ({y}, {x})");
                }
            }
        }

        [TestMethod]
        public void MasksOfTheWrongSizeAreRejected()
        {
            var (slice, _) = Inputs();
            var figure = new SliceOverlayFigure(Size, Size, new[] { "truth" });
            var error = Assert.ThrowsExactly<ArgumentException>(() => figure.AddRow(null, slice, new IReadOnlyList<MaskOverlay>?[] { new[] { new MaskOverlay(new float[3], Red) } }));
            StringAssert.Contains(error.Message, "panel 0 ('truth') has 3 values, not 8 x 8");
            Assert.ThrowsExactly<ArgumentException>(() => figure.AddRow(null, slice, new IReadOnlyList<MaskOverlay>?[] { null, null }));
        }
    }
}
