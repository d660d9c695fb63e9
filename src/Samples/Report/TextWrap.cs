namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Breaks a title into lines at spaces so that it fits a width where it can.</summary>
    internal static class TextWrap
    {
        /// <summary>
        /// The lines of <paramref name="text"/> each at most <paramref name="maxWidth"/> pixels wide at
        /// <paramref name="scale"/>, broken at spaces; a single word wider than that keeps its own line.
        /// </summary>
        public static List<string> Lines(string text, int maxWidth, int scale)
        {
            var lines = new List<string>();
            string current = string.Empty;
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string joined = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && BitmapFont.MeasureWidth(joined, scale) > maxWidth)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = joined;
                }
            }

            if (current.Length > 0 || lines.Count == 0)
            {
                lines.Add(current);
            }

            return lines;
        }

        /// <summary>The width of the widest line.</summary>
        public static int Width(IReadOnlyList<string> lines, int scale)
        {
            int width = 0;
            foreach (string line in lines)
            {
                width = Math.Max(width, BitmapFont.MeasureWidth(line, scale));
            }

            return width;
        }
    }
}
