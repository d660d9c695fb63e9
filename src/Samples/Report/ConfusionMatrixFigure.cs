using System.Globalization;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Annotator confusion matrices side by side, the paper's Fig. 3: one column per annotator, one row per source
    /// ("true", then each method such as "ours", "STAPLE", "Spatial STAPLE"), each an L x L heat map with its values
    /// printed in the cells.
    /// </summary>
    /// <remarks>
    /// Matrices are row-major [observed][true], as the library stores them: element (o, t) at index o * L + t is the
    /// probability that the annotator marks class o where the truth is t, so columns sum to 1. The figure says so in
    /// a note under the panels ("rows: observed, columns: true"). Cells are coloured white (0) to dark blue (1); a NaN
    /// entry (a class absent from the data) is grey with "n/a", and a null matrix (an estimate the source does not
    /// make) is a hatched grey panel.
    /// </remarks>
    public sealed class ConfusionMatrixFigure : IFigure
    {
        private const int Margin = 8;

        private readonly string[] _annotators;
        private readonly int _classes;
        private readonly List<(string Name, double[]?[] Matrices)> _sources = new List<(string, double[]?[])>();

        /// <summary>A figure with one column per annotator for <paramref name="classes"/> x <paramref name="classes"/> matrices.</summary>
        public ConfusionMatrixFigure(IReadOnlyList<string> annotators, int classes = 2)
        {
            ArgumentNullException.ThrowIfNull(annotators);
            if (annotators.Count == 0)
            {
                throw new ArgumentException("The figure needs at least one annotator.", nameof(annotators));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
            _annotators = annotators.ToArray();
            _classes = classes;
        }

        /// <summary>The title above the panels, or null.</summary>
        public string? Title { get; set; }

        /// <summary>The note under the panels.</summary>
        public string Note { get; set { ArgumentNullException.ThrowIfNull(value); field = value; } } = "rows: observed, columns: true";

        /// <summary>The side of one matrix cell in pixels (36 fits "0.00" at text scale 1).</summary>
        public int CellSize { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 36;

        /// <summary>The space between panels in pixels.</summary>
        public int Gap { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 2); field = value; } } = 12;

        /// <summary>The decimals printed in the cells.</summary>
        public int Decimals { get; set { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; } } = 2;

        /// <summary>The font scale of all text; the title is one larger.</summary>
        public int TextScale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 1;

        /// <summary>The number of sources (rows of panels) added so far.</summary>
        public int SourceCount => _sources.Count;

        /// <summary>
        /// Adds a row of panels: <paramref name="name"/> and one matrix per annotator (L * L values, row-major
        /// [observed][true]) or null where the source has no estimate. The arrays are kept, not copied.
        /// </summary>
        public ConfusionMatrixFigure AddSource(string name, IReadOnlyList<double[]?> matrices)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(matrices);
            if (matrices.Count != _annotators.Length)
            {
                throw new ArgumentException($"The figure has {_annotators.Length} annotators; source '{name}' has {matrices.Count} matrices.", nameof(matrices));
            }

            for (int a = 0; a < matrices.Count; a++)
            {
                if (matrices[a] is double[] m && m.Length != _classes * _classes)
                {
                    throw new ArgumentException($"Matrix {a} of source '{name}' has {m.Length} values, not {_classes} x {_classes}.", nameof(matrices));
                }
            }

            _sources.Add((name, matrices.ToArray()));
            return this;
        }

        /// <summary>
        /// The canvas pixel of the top-left corner of cell (<paramref name="observed"/>, <paramref name="truth"/>)
        /// of the panel of <paramref name="source"/> and <paramref name="annotator"/> in <see cref="Render"/>'s output.
        /// </summary>
        public (int X, int Y) CellOrigin(int source, int annotator, int observed, int truth)
        {
            var layout = new PanelLayout(this);
            return (layout.PanelLeft(annotator) + (truth * CellSize), layout.PanelTop(source) + (observed * CellSize));
        }

        /// <inheritdoc />
        public Canvas Render()
        {
            var layout = new PanelLayout(this);
            var canvas = new Canvas(layout.Width, layout.Height);
            int panel = _classes * CellSize;
            int lineHeight = BitmapFont.LineHeight * TextScale;
            int capHalf = 7 * TextScale / 2;
            if (!string.IsNullOrEmpty(Title))
            {
                canvas.DrawText(Title, layout.Width / 2, Margin, Rgb.Black, TextScale + 1, TextAlign.Center);
            }

            for (int a = 0; a < _annotators.Length; a++)
            {
                var lines = layout.HeaderLines(a);
                int top = layout.HeaderTop + ((layout.HeaderLineCount - lines.Count) * lineHeight);
                for (int k = 0; k < lines.Count; k++)
                {
                    canvas.DrawText(lines[k], layout.PanelLeft(a) + (panel / 2), top + (k * lineHeight), Rgb.Black, TextScale, TextAlign.Center);
                }
            }

            string format = "F" + Decimals.ToString(CultureInfo.InvariantCulture);
            for (int s = 0; s < _sources.Count; s++)
            {
                var (name, matrices) = _sources[s];
                int top = layout.PanelTop(s);
                canvas.DrawText(name, Margin, top + (panel / 2) - capHalf, Rgb.Black, TextScale);
                for (int a = 0; a < matrices.Length; a++)
                {
                    int left = layout.PanelLeft(a);
                    if (matrices[a] is double[] matrix)
                    {
                        DrawMatrix(canvas, matrix, left, top, format, capHalf);
                    }
                    else
                    {
                        canvas.FillHatched(left, top, panel, panel, Rgb.MissingGrey, new Rgb(150, 150, 150), 8);
                    }

                    canvas.DrawRect(left - 1, top - 1, panel + 2, panel + 2, new Rgb(96, 96, 96));
                }
            }

            canvas.DrawText(Note, Margin, layout.NoteTop, new Rgb(64, 64, 64), TextScale);
            return canvas;
        }

        private void DrawMatrix(Canvas canvas, double[] matrix, int left, int top, string format, int capHalf)
        {
            for (int o = 0; o < _classes; o++)
            {
                for (int t = 0; t < _classes; t++)
                {
                    double value = matrix[(o * _classes) + t];
                    Rgb fill = Palette.Heat(value);
                    int x = left + (t * CellSize);
                    int y = top + (o * CellSize);
                    canvas.FillRect(x, y, CellSize, CellSize, fill);
                    string text = double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
                    canvas.DrawText(text, x + (CellSize / 2), y + (CellSize / 2) - capHalf, Palette.TextOn(fill), TextScale, TextAlign.Center);
                }
            }
        }

        // Positions computed from the figure's current settings; Render and CellOrigin use the same.
        private sealed class PanelLayout
        {
            private readonly List<string>[] _headers;
            private readonly int _left;
            private readonly int _gridTop;
            private readonly int _pitch;

            public PanelLayout(ConfusionMatrixFigure figure)
            {
                int scale = figure.TextScale;
                int panel = figure._classes * figure.CellSize;
                HeaderTop = Margin + (string.IsNullOrEmpty(figure.Title) ? 0 : BitmapFont.MeasureHeight(scale + 1) + Margin);

                // Panels share one pitch, so a long annotator name widens every column alike.
                _headers = new List<string>[figure._annotators.Length];
                int columnWidth = panel;
                for (int a = 0; a < _headers.Length; a++)
                {
                    _headers[a] = TextWrap.Lines(figure._annotators[a], panel, scale);
                    HeaderLineCount = Math.Max(HeaderLineCount, _headers[a].Count);
                    columnWidth = Math.Max(columnWidth, TextWrap.Width(_headers[a], scale));
                }

                int labelWidth = 0;
                foreach (var (name, _) in figure._sources)
                {
                    labelWidth = Math.Max(labelWidth, BitmapFont.MeasureWidth(name, scale));
                }

                _pitch = columnWidth + figure.Gap;
                _left = Margin + (labelWidth == 0 ? 0 : labelWidth + figure.Gap) + ((columnWidth - panel) / 2);
                _gridTop = HeaderTop + (HeaderLineCount * BitmapFont.LineHeight * scale) + 4;
                RowPitch = panel + figure.Gap;
                NoteTop = _gridTop + (Math.Max(figure._sources.Count, 1) * RowPitch) - figure.Gap + Margin;
                Height = NoteTop + BitmapFont.MeasureHeight(scale) + Margin;

                int gridRight = _left + ((_headers.Length - 1) * _pitch) + panel + ((columnWidth - panel) / 2);
                int titleWidth = string.IsNullOrEmpty(figure.Title) ? 0 : BitmapFont.MeasureWidth(figure.Title, scale + 1);
                int noteWidth = BitmapFont.MeasureWidth(figure.Note, scale);
                Width = Math.Max(gridRight + Margin, Math.Max(titleWidth, noteWidth) + (2 * Margin));
            }

            public int Width { get; }

            public int Height { get; }

            public int HeaderTop { get; }

            public int HeaderLineCount { get; }

            public int RowPitch { get; }

            public int NoteTop { get; }

            public List<string> HeaderLines(int annotator) => _headers[annotator];

            public int PanelLeft(int annotator) => _left + (annotator * _pitch);

            public int PanelTop(int source) => _gridTop + (source * RowPitch);
        }
    }
}
