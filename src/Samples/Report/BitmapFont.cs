namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A built-in 5 x 9 bitmap font for printable ASCII (32..126), so figures need no font files or fontconfig.
    /// </summary>
    /// <remarks>
    /// Each glyph is 5 pixels wide. Rows 0..6 hold capitals and digits (the baseline is under row 6), lower-case
    /// letters use rows 2..6, and rows 7..8 hold descenders (g, j, p, q, y, comma, semicolon, underscore). Glyphs
    /// advance by <see cref="Advance"/> (one blank column). Any other character is drawn as a hollow box, so missing
    /// glyphs show instead of vanishing.
    /// </remarks>
    public static class BitmapFont
    {
        /// <summary>Glyph width in font pixels.</summary>
        public const int GlyphWidth = 5;

        /// <summary>Glyph height in font pixels, descenders included.</summary>
        public const int GlyphHeight = 9;

        /// <summary>Horizontal distance between consecutive glyphs in font pixels.</summary>
        public const int Advance = GlyphWidth + 1;

        /// <summary>Suggested distance between lines in font pixels.</summary>
        public const int LineHeight = GlyphHeight + 2;

        private const int First = 32;
        private const int Last = 126;

        // One byte per row, bit 4 the leftmost column; indexed by character - First.
        private static readonly byte[][] _glyphs = BuildGlyphs();

        private static readonly byte[] _box = { 0x1F, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1F, 0x00, 0x00 };

        /// <summary>The width in canvas pixels of <paramref name="text"/> drawn at <paramref name="scale"/> (no trailing gap).</summary>
        public static int MeasureWidth(string text, int scale = 1)
        {
            return text.Length == 0 ? 0 : ((text.Length * Advance) - 1) * scale;
        }

        /// <summary>The height in canvas pixels of a line drawn at <paramref name="scale"/>, descenders included.</summary>
        public static int MeasureHeight(int scale = 1)
        {
            return GlyphHeight * scale;
        }

        /// <summary>Whether <paramref name="c"/> has a glyph (otherwise it is drawn as a hollow box).</summary>
        public static bool HasGlyph(char c)
        {
            return c >= First && c <= Last;
        }

        /// <summary>Whether font pixel (<paramref name="column"/>, <paramref name="row"/>) of <paramref name="c"/>'s glyph is ink.</summary>
        public static bool IsInk(char c, int column, int row)
        {
            if (column < 0 || column >= GlyphWidth || row < 0 || row >= GlyphHeight)
            {
                return false;
            }

            return (Rows(c)[row] & (1 << (GlyphWidth - 1 - column))) != 0;
        }

        /// <summary>The glyph of <paramref name="c"/>: <see cref="GlyphHeight"/> rows, bit 4 the leftmost column.</summary>
        internal static ReadOnlySpan<byte> Rows(char c)
        {
            return HasGlyph(c) ? _glyphs[c - First] : _box;
        }

        private static byte[][] BuildGlyphs()
        {
            var glyphs = new byte[Last - First + 1][];
            foreach (var (c, art) in Art())
            {
                glyphs[c - First] = Parse(c, art);
            }

            for (int i = 0; i < glyphs.Length; i++)
            {
                if (glyphs[i] is null)
                {
                    throw new InvalidOperationException($"The font lacks a glyph for '{(char)(i + First)}'.");
                }
            }

            return glyphs;
        }

        private static byte[] Parse(char c, string art)
        {
            string[] rows = art.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rows.Length > GlyphHeight)
            {
                throw new InvalidOperationException($"The glyph for '{c}' has {rows.Length} rows.");
            }

            var bits = new byte[GlyphHeight];
            for (int r = 0; r < rows.Length; r++)
            {
                if (rows[r].Length != GlyphWidth)
                {
                    throw new InvalidOperationException($"Row {r} of the glyph for '{c}' is not {GlyphWidth} wide.");
                }

                for (int x = 0; x < GlyphWidth; x++)
                {
                    if (rows[r][x] == '#')
                    {
                        bits[r] |= (byte)(1 << (GlyphWidth - 1 - x));
                    }
                }
            }

            return bits;
        }

        // Rows top to bottom, separated by spaces; '#' is ink. Rows left out at the bottom are blank.
        private static IEnumerable<(char, string)> Art()
        {
            yield return (' ', ".....");
            yield return ('!', "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..");
            yield return ('"', ".#.#. .#.#. .#.#.");
            yield return ('#', ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.");
            yield return ('$', "..#.. .#### #.#.. .###. ..#.# ####. ..#..");
            yield return ('%', "##... ##..# ...#. ..#.. .#... #..## ...##");
            yield return ('&', ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#");
            yield return ('\'', "..#.. ..#.. .#...");
            yield return ('(', "...#. ..#.. .#... .#... .#... ..#.. ...#.");
            yield return (')', ".#... ..#.. ...#. ...#. ...#. ..#.. .#...");
            yield return ('*', "..... ..#.. #.#.# .###. #.#.# ..#.. .....");
            yield return ('+', "..... ..#.. ..#.. ##### ..#.. ..#.. .....");
            yield return (',', "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...");
            yield return ('-', "..... ..... ..... ##### ..... ..... .....");
            yield return ('.', "..... ..... ..... ..... ..... .##.. .##..");
            yield return ('/', "..... ....# ...#. ..#.. .#... #.... .....");
            yield return ('0', ".###. #...# #..## #.#.# ##..# #...# .###.");
            yield return ('1', "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.");
            yield return ('2', ".###. #...# ....# ...#. ..#.. .#... #####");
            yield return ('3', "##### ...#. ..#.. ...#. ....# #...# .###.");
            yield return ('4', "...#. ..##. .#.#. #..#. ##### ...#. ...#.");
            yield return ('5', "##### #.... ####. ....# ....# #...# .###.");
            yield return ('6', "..##. .#... #.... ####. #...# #...# .###.");
            yield return ('7', "##### ....# ...#. ..#.. .#... .#... .#...");
            yield return ('8', ".###. #...# #...# .###. #...# #...# .###.");
            yield return ('9', ".###. #...# #...# .#### ....# ...#. .##..");
            yield return (':', "..... .##.. .##.. ..... .##.. .##.. .....");
            yield return (';', "..... .##.. .##.. ..... .##.. .##.. ..#.. .#...");
            yield return ('<', "...#. ..#.. .#... #.... .#... ..#.. ...#.");
            yield return ('=', "..... ..... ##### ..... ##### ..... .....");
            yield return ('>', ".#... ..#.. ...#. ....# ...#. ..#.. .#...");
            yield return ('?', ".###. #...# ....# ...#. ..#.. ..... ..#..");
            yield return ('@', ".###. #...# ....# .##.# #.#.# #.#.# .###.");
            yield return ('A', ".###. #...# #...# ##### #...# #...# #...#");
            yield return ('B', "####. #...# #...# ####. #...# #...# ####.");
            yield return ('C', ".###. #...# #.... #.... #.... #...# .###.");
            yield return ('D', "###.. #..#. #...# #...# #...# #..#. ###..");
            yield return ('E', "##### #.... #.... ####. #.... #.... #####");
            yield return ('F', "##### #.... #.... ####. #.... #.... #....");
            yield return ('G', ".###. #...# #.... #.### #...# #...# .####");
            yield return ('H', "#...# #...# #...# ##### #...# #...# #...#");
            yield return ('I', ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.");
            yield return ('J', "..### ...#. ...#. ...#. ...#. #..#. .##..");
            yield return ('K', "#...# #..#. #.#.. ##... #.#.. #..#. #...#");
            yield return ('L', "#.... #.... #.... #.... #.... #.... #####");
            yield return ('M', "#...# ##.## #.#.# #.#.# #...# #...# #...#");
            yield return ('N', "#...# #...# ##..# #.#.# #..## #...# #...#");
            yield return ('O', ".###. #...# #...# #...# #...# #...# .###.");
            yield return ('P', "####. #...# #...# ####. #.... #.... #....");
            yield return ('Q', ".###. #...# #...# #...# #.#.# #..#. .##.#");
            yield return ('R', "####. #...# #...# ####. #.#.. #..#. #...#");
            yield return ('S', ".#### #.... #.... .###. ....# ....# ####.");
            yield return ('T', "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..");
            yield return ('U', "#...# #...# #...# #...# #...# #...# .###.");
            yield return ('V', "#...# #...# #...# #...# #...# .#.#. ..#..");
            yield return ('W', "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.");
            yield return ('X', "#...# #...# .#.#. ..#.. .#.#. #...# #...#");
            yield return ('Y', "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..");
            yield return ('Z', "##### ....# ...#. ..#.. .#... #.... #####");
            yield return ('[', ".###. .#... .#... .#... .#... .#... .###.");
            yield return ('\\', "..... #.... .#... ..#.. ...#. ....# .....");
            yield return (']', ".###. ...#. ...#. ...#. ...#. ...#. .###.");
            yield return ('^', "..#.. .#.#. #...#");
            yield return ('_', "..... ..... ..... ..... ..... ..... ..... #####");
            yield return ('`', ".#... ..#.. ...#.");
            yield return ('a', "..... ..... .###. ....# .#### #...# .####");
            yield return ('b', "#.... #.... #.##. ##..# #...# #...# ####.");
            yield return ('c', "..... ..... .###. #.... #.... #...# .###.");
            yield return ('d', "....# ....# .##.# #..## #...# #...# .####");
            yield return ('e', "..... ..... .###. #...# ##### #.... .###.");
            yield return ('f', "..##. .#..# .#... ###.. .#... .#... .#...");
            yield return ('g', "..... ..... .#### #...# #...# #...# .#### ....# .###.");
            yield return ('h', "#.... #.... #.##. ##..# #...# #...# #...#");
            yield return ('i', "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.");
            yield return ('j', "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..");
            yield return ('k', "#.... #.... #..#. #.#.. ##... #.#.. #..#.");
            yield return ('l', ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.");
            yield return ('m', "..... ..... ##.#. #.#.# #.#.# #...# #...#");
            yield return ('n', "..... ..... #.##. ##..# #...# #...# #...#");
            yield return ('o', "..... ..... .###. #...# #...# #...# .###.");
            yield return ('p', "..... ..... ####. #...# #...# #...# ####. #.... #....");
            yield return ('q', "..... ..... .#### #...# #...# #...# .#### ....# ....#");
            yield return ('r', "..... ..... #.##. ##..# #.... #.... #....");
            yield return ('s', "..... ..... .#### #.... .###. ....# ####.");
            yield return ('t', ".#... .#... ###.. .#... .#... .#..# ..##.");
            yield return ('u', "..... ..... #...# #...# #...# #..## .##.#");
            yield return ('v', "..... ..... #...# #...# #...# .#.#. ..#..");
            yield return ('w', "..... ..... #...# #...# #.#.# #.#.# .#.#.");
            yield return ('x', "..... ..... #...# .#.#. ..#.. .#.#. #...#");
            yield return ('y', "..... ..... #...# #...# #...# #...# .#### ....# .###.");
            yield return ('z', "..... ..... ##### ...#. ..#.. .#... #####");
            yield return ('{', "...## ..#.. ..#.. .#... ..#.. ..#.. ...##");
            yield return ('|', "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..");
            yield return ('}', "##... ..#.. ..#.. ...#. ..#.. ..#.. ##...");
            yield return ('~', "..... ..... .#... #.#.# ...#. ..... .....");
        }
    }
}
