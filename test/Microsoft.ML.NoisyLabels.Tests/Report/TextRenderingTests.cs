using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Report
{
    [TestClass]
    public class TextRenderingTests
    {
        [TestMethod]
        public void EveryPrintableAsciiCharacterHasADistinctGlyph()
        {
            var seen = new Dictionary<string, char>();
            for (char c = ' '; c <= '~'; c++)
            {
                Assert.IsTrue(BitmapFont.HasGlyph(c));
                var bits = new System.Text.StringBuilder();
                for (int r = 0; r < BitmapFont.GlyphHeight; r++)
                {
                    for (int x = 0; x < BitmapFont.GlyphWidth; x++)
                    {
                        bits.Append(BitmapFont.IsInk(c, x, r) ? '#' : '.');
                    }
                }

                string key = bits.ToString();
                Assert.IsFalse(seen.ContainsKey(key), $"'{c}' looks like '{(seen.TryGetValue(key, out char other) ? other : ' ')}'");
                seen[key] = c;
                Assert.AreEqual(c == ' ', !key.Contains('#'), $"'{c}' ink");
            }

            Assert.IsFalse(BitmapFont.HasGlyph('\u00b1'));
        }

        [TestMethod]
        public void CapitalsSitOnTheBaselineAndDescendersGoBelow()
        {
            // 'T': full top bar, stem in the middle column down to row 6, nothing below.
            for (int x = 0; x < 5; x++)
            {
                Assert.IsTrue(BitmapFont.IsInk('T', x, 0));
            }

            for (int r = 1; r < 7; r++)
            {
                Assert.IsTrue(BitmapFont.IsInk('T', 2, r));
                Assert.IsFalse(BitmapFont.IsInk('T', 1, r));
            }

            Assert.IsFalse(BitmapFont.IsInk('T', 2, 7));
            Assert.IsTrue(BitmapFont.IsInk('g', 4, 7));
            Assert.IsTrue(BitmapFont.IsInk('y', 2, 8));
            Assert.IsFalse(BitmapFont.IsInk('a', 0, 7));
        }

        [TestMethod]
        public void DrawnTextInksItsGlyphsAndNothingElse()
        {
            const string text = "Ag1:(x)";
            const int scale = 2;
            var canvas = new Canvas(120, 40);
            var blue = new Rgb(0, 0, 200);
            int width = canvas.DrawText(text, 7, 5, blue, scale);
            Assert.AreEqual(BitmapFont.MeasureWidth(text, scale), width);
            Assert.AreEqual(((text.Length * 6) - 1) * scale, width);

            for (int y = 0; y < canvas.Height; y++)
            {
                for (int x = 0; x < canvas.Width; x++)
                {
                    bool ink = false;
                    int gx = x - 7;
                    int gy = y - 5;
                    if (gx >= 0 && gy >= 0)
                    {
                        int k = gx / (BitmapFont.Advance * scale);
                        int column = (gx % (BitmapFont.Advance * scale)) / scale;
                        ink = k < text.Length && BitmapFont.IsInk(text[k], column, gy / scale);
                    }

                    Assert.AreEqual(ink ? blue : Rgb.White, canvas.GetPixel(x, y), $"pixel ({x}, {y})");
                }
            }
        }

        [TestMethod]
        public void AlignmentMovesTheText()
        {
            var left = new Canvas(60, 12);
            var center = new Canvas(60, 12);
            var right = new Canvas(60, 12);
            left.DrawText("abc", 10, 1, Rgb.Black);
            center.DrawText("abc", 10 + 8, 1, Rgb.Black, 1, TextAlign.Center);
            right.DrawText("abc", 10 + 17, 1, Rgb.Black, 1, TextAlign.Right);
            Assert.IsTrue(left.Pixels.SequenceEqual(center.Pixels));
            Assert.IsTrue(left.Pixels.SequenceEqual(right.Pixels));
        }

        [TestMethod]
        public void VerticalTextIsTheHorizontalTextTurnedAnticlockwise()
        {
            const string text = "Dice";
            var flat = new Canvas(40, 12);
            flat.DrawText(text, 0, 0, Rgb.Black);
            int length = BitmapFont.MeasureWidth(text);
            var turned = new Canvas(12, 40);
            turned.DrawTextVertical(text, 0, length, Rgb.Black);

            // Horizontal (x, y) lands at (y, length - 1 - x).
            for (int y = 0; y < 12; y++)
            {
                for (int x = 0; x < 40; x++)
                {
                    var expected = x < length && y < BitmapFont.GlyphHeight ? flat.GetPixel(x, y) : Rgb.White;
                    int ty = length - 1 - x;
                    if (ty >= 0 && y < turned.Width)
                    {
                        Assert.AreEqual(expected, turned.GetPixel(y, ty), $"({x}, {y})");
                    }
                }
            }

            Assert.AreEqual(CanvasTests.CountColor(flat, Rgb.Black), CanvasTests.CountColor(turned, Rgb.Black));
        }

        [TestMethod]
        public void UnknownCharactersAreHollowBoxes()
        {
            var canvas = new Canvas(10, 12);
            canvas.DrawText("\u00b1", 1, 1, Rgb.Black);
            Assert.AreEqual(Rgb.Black, canvas.GetPixel(1, 1));
            Assert.AreEqual(Rgb.Black, canvas.GetPixel(5, 7));
            Assert.AreEqual(Rgb.White, canvas.GetPixel(3, 4));
            Assert.AreEqual(20, CanvasTests.CountColor(canvas, Rgb.Black));
        }
    }
}
