namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Text in the built-in <see cref="BitmapFont"/>.</summary>
    public sealed partial class Canvas
    {
        /// <summary>
        /// Draws one line of text with <see cref="BitmapFont"/>, each font pixel a <paramref name="scale"/> x
        /// <paramref name="scale"/> block. <paramref name="y"/> is the top of the glyph box (capitals occupy its first
        /// 7 x scale rows, descenders the last 2 x scale); <paramref name="x"/> is the left edge, middle or right edge by
        /// <paramref name="align"/>. Returns the text's width in pixels.
        /// </summary>
        public int DrawText(string text, int x, int y, Rgb color, int scale = 1, TextAlign align = TextAlign.Left)
        {
            ArgumentNullException.ThrowIfNull(text);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
            int width = BitmapFont.MeasureWidth(text, scale);
            int left = align switch
            {
                TextAlign.Center => x - (width / 2),
                TextAlign.Right => x - width,
                _ => x,
            };

            for (int k = 0; k < text.Length; k++)
            {
                ReadOnlySpan<byte> rows = BitmapFont.Rows(text[k]);
                int glyphLeft = left + (k * BitmapFont.Advance * scale);
                for (int r = 0; r < BitmapFont.GlyphHeight; r++)
                {
                    for (int c = 0; c < BitmapFont.GlyphWidth; c++)
                    {
                        if ((rows[r] & (1 << (BitmapFont.GlyphWidth - 1 - c))) != 0)
                        {
                            FillRect(glyphLeft + (c * scale), y + (r * scale), scale, scale, color);
                        }
                    }
                }
            }

            return width;
        }

        /// <summary>
        /// Draws one line of text turned 90 degrees anticlockwise, read from bottom to top, as for a y-axis title. The
        /// turned text occupies <see cref="BitmapFont.MeasureHeight"/> columns from <paramref name="x"/> (the glyphs'
        /// tops face left) and <see cref="BitmapFont.MeasureWidth"/> rows. <paramref name="align"/> works along the
        /// reading direction: with Left the text starts at row <paramref name="y"/> (its bottom edge, exclusive), with
        /// Center its middle is at <paramref name="y"/>, with Right it ends at <paramref name="y"/> (its top edge).
        /// Returns the text's length in pixels.
        /// </summary>
        public int DrawTextVertical(string text, int x, int y, Rgb color, int scale = 1, TextAlign align = TextAlign.Left)
        {
            ArgumentNullException.ThrowIfNull(text);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
            int length = BitmapFont.MeasureWidth(text, scale);

            // The bottom row of the turned text (the start of the string) is one above this.
            int bottom = align switch
            {
                TextAlign.Center => y + (length / 2) + (length % 2),
                TextAlign.Right => y + length,
                _ => y,
            };

            for (int k = 0; k < text.Length; k++)
            {
                ReadOnlySpan<byte> rows = BitmapFont.Rows(text[k]);
                int glyphStart = bottom - (k * BitmapFont.Advance * scale);
                for (int r = 0; r < BitmapFont.GlyphHeight; r++)
                {
                    for (int c = 0; c < BitmapFont.GlyphWidth; c++)
                    {
                        if ((rows[r] & (1 << (BitmapFont.GlyphWidth - 1 - c))) != 0)
                        {
                            // Anticlockwise: glyph column c goes up from the bottom, glyph row r goes right from x.
                            FillRect(x + (r * scale), glyphStart - ((c + 1) * scale), scale, scale, color);
                        }
                    }
                }
            }

            return length;
        }
    }
}
