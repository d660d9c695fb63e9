namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Breaks a header into lines at spaces so that it fits a width where it can (in the bundled font).</summary>
    internal static class TextWrap
    {
        /// <summary>
        /// The lines of <paramref name="text"/>, each at most <paramref name="maxWidth"/> pixels wide at
        /// <paramref name="size"/> pixels where it can be: broken at spaces, a word wider than that keeps its own line.
        /// </summary>
        public static List<string> Lines(string text, double maxWidth, float size, bool bold = false)
        {
            var lines = new List<string>();
            string current = string.Empty;
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string joined = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && FigureFont.MeasureWidth(joined, size, bold) > maxWidth)
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

        /// <summary>The width in pixels of the widest of <paramref name="lines"/>.</summary>
        public static double Width(IEnumerable<string> lines, float size, bool bold = false)
            => lines.Select(l => (double)FigureFont.MeasureWidth(l, size, bold)).DefaultIfEmpty(0).Max();

        /// <summary>The height in pixels of <paramref name="count"/> lines of text at <paramref name="size"/> pixels.</summary>
        public static double Height(int count, float size) => count * LineHeight(size);

        /// <summary>The distance between baselines of text at <paramref name="size"/> pixels.</summary>
        public static double LineHeight(float size) => Math.Ceiling(size * 1.25);
    }
}
