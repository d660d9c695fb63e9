namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>How a legend entry's swatch is drawn.</summary>
    internal enum LegendMark
    {
        /// <summary>A short horizontal line, for line series.</summary>
        Line,

        /// <summary>A filled square, for bars.</summary>
        Box,
    }

    /// <summary>A vertical list of coloured swatches with names, in a frame.</summary>
    internal sealed class Legend
    {
        private const int Padding = 4;
        private const int SwatchWidth = 16;
        private const int SwatchGap = 5;

        private readonly List<(string Name, Rgb Color)> _entries = new List<(string, Rgb)>();
        private readonly LegendMark _mark;
        private readonly int _scale;

        public Legend(LegendMark mark, int scale)
        {
            _mark = mark;
            _scale = scale;
        }

        public int Count => _entries.Count;

        public int Width
        {
            get
            {
                int text = 0;
                foreach (var (name, _) in _entries)
                {
                    text = Math.Max(text, BitmapFont.MeasureWidth(name, _scale));
                }

                return _entries.Count == 0 ? 0 : (2 * Padding) + (SwatchWidth * _scale) + SwatchGap + text;
            }
        }

        public int Height => _entries.Count == 0 ? 0 : (2 * Padding) + (_entries.Count * RowHeight) - (2 * _scale);

        private int RowHeight => BitmapFont.LineHeight * _scale;

        public void Add(string name, Rgb color)
        {
            _entries.Add((name, color));
        }

        /// <summary>Draws the legend with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
        public void Draw(Canvas canvas, int x, int y)
        {
            if (_entries.Count == 0)
            {
                return;
            }

            canvas.FillRect(x, y, Width, Height, Rgb.White);
            canvas.DrawRect(x, y, Width, Height, Rgb.LightGrey);
            int capHalf = 7 * _scale / 2;
            for (int k = 0; k < _entries.Count; k++)
            {
                var (name, color) = _entries[k];
                int top = y + Padding + (k * RowHeight);
                int swatchLeft = x + Padding;
                int swatchWidth = SwatchWidth * _scale;
                if (_mark == LegendMark.Line)
                {
                    canvas.FillRect(swatchLeft, top + capHalf - _scale, swatchWidth, 2 * _scale, color);
                }
                else
                {
                    canvas.FillRect(swatchLeft + (swatchWidth / 4), top, swatchWidth / 2, 7 * _scale, color);
                }

                canvas.DrawText(name, swatchLeft + swatchWidth + SwatchGap, top, Rgb.Black, _scale);
            }
        }
    }
}
