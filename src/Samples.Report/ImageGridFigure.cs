using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A grid of grey-level maps, the paper's Fig. 2: one row per test image, one titled column per map (for example
    /// "image", "truth", the annotators, then one per method), with optional titled groups of columns.
    /// </summary>
    /// <remarks>
    /// Every cell is an H x W map of values in 0..1 (row-major; label maps are 0/1) drawn <see cref="Scale"/> times
    /// larger, nearest-neighbour, black at 0 and white at 1. A null cell, such as a prediction the run did not keep,
    /// is drawn hatched grey. Column titles wider than a cell wrap at spaces, and a column widens for a word that still
    /// does not fit. A group (see <see cref="AddGroup"/>) gets its title over a rule above its columns and a wider gap
    /// before it.
    /// </remarks>
    public sealed class ImageGridFigure : IFigure
    {
        private const int Margin = 12;

        private readonly int _imageHeight;
        private readonly int _imageWidth;
        private readonly string[] _columnTitles;
        private readonly List<(string? Label, float[]?[] Cells)> _rows = new();
        private readonly List<(string Title, int First, int Count)> _groups = new();

        /// <summary>A grid of <paramref name="imageHeight"/> x <paramref name="imageWidth"/> maps under the given column titles.</summary>
        public ImageGridFigure(int imageHeight, int imageWidth, IReadOnlyList<string> columnTitles)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
            ArgumentNullException.ThrowIfNull(columnTitles);
            if (columnTitles.Count == 0)
            {
                throw new ArgumentException("The grid needs at least one column.", nameof(columnTitles));
            }

            _imageHeight = imageHeight;
            _imageWidth = imageWidth;
            _columnTitles = columnTitles.ToArray();
        }

        /// <summary>The title above the grid, or null.</summary>
        public string? Title { get; set; }

        /// <summary>How many image pixels wide and high each map value is drawn.</summary>
        public int Scale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 3;

        /// <summary>The space between cells in pixels.</summary>
        public int Gap { get; set { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; } } = 6;

        /// <summary>The number of columns.</summary>
        public int ColumnCount => _columnTitles.Length;

        /// <summary>The number of rows added so far.</summary>
        public int RowCount => _rows.Count;

        /// <inheritdoc />
        public int Width => new GridLayout(this).Width;

        /// <inheritdoc />
        public int Height => new GridLayout(this).Height;

        /// <summary>
        /// Adds a row: an optional label drawn at its left, and one map per column (<see cref="ColumnCount"/> of them),
        /// each of H x W values or null for a missing cell. The arrays are kept, not copied.
        /// </summary>
        public ImageGridFigure AddRow(string? label, IReadOnlyList<float[]?> cells)
        {
            _rows.Add((label, PanelRow.Checked(cells, _columnTitles.Length, _imageHeight, _imageWidth, ("the row", "cells"), nameof(cells))));
            return this;
        }

        /// <summary>
        /// Titles the <paramref name="count"/> columns from <paramref name="firstColumn"/> on as one group (for example
        /// "annotators"). Groups may not overlap.
        /// </summary>
        public ImageGridFigure AddGroup(string title, int firstColumn, int count)
        {
            ArgumentNullException.ThrowIfNull(title);
            ArgumentOutOfRangeException.ThrowIfNegative(firstColumn);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(firstColumn + count, _columnTitles.Length, nameof(count));
            if (_groups.Any(g => firstColumn < g.First + g.Count && g.First < firstColumn + count))
            {
                throw new ArgumentException($"Group '{title}' overlaps another group.", nameof(firstColumn));
            }

            _groups.Add((title, firstColumn, count));
            return this;
        }

        /// <summary>The image pixel of the top-left corner of cell (<paramref name="row"/>, <paramref name="column"/>).</summary>
        public (int X, int Y) CellOrigin(int row, int column)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columnTitles.Length);
            var layout = new GridLayout(this);
            return (layout.CellLeft(column), layout.RowTop(row));
        }

        /// <inheritdoc />
        public Plot Build()
        {
            var layout = new GridLayout(this);
            var sheet = new Sheet(layout.Width, layout.Height);
            if (!string.IsNullOrEmpty(Title))
            {
                sheet.Text(Title, layout.Width / 2.0, Margin, Alignment.UpperCenter, FigureStyle.TitleSize, bold: true);
            }

            double lineHeight = TextWrap.LineHeight(FigureStyle.LabelSize);
            foreach (var (title, first, count) in _groups)
            {
                double left = layout.ColumnLeft(first);
                double right = layout.ColumnLeft(first + count - 1) + layout.ColumnWidth(first + count - 1);
                sheet.Text(title, (left + right) / 2, layout.GroupTop, Alignment.UpperCenter, FigureStyle.LabelSize, bold: true);
                sheet.Fill(left, layout.GroupTop + lineHeight + 2, right - left, 1, Palette.Frame);
            }

            int cellWidth = _imageWidth * Scale;
            int cellHeight = _imageHeight * Scale;
            for (int c = 0; c < _columnTitles.Length; c++)
            {
                double middle = layout.ColumnLeft(c) + (layout.ColumnWidth(c) / 2.0);
                var lines = layout.TitleLines(c);

                // Titles sit on the bottom of the header, so one-line titles line up with the last line of others.
                double top = layout.HeaderTop + ((layout.HeaderLines - lines.Count) * lineHeight);
                for (int k = 0; k < lines.Count; k++)
                {
                    sheet.Text(lines[k], middle, top + (k * lineHeight), Alignment.UpperCenter, FigureStyle.LabelSize);
                }
            }

            for (int r = 0; r < _rows.Count; r++)
            {
                var (label, cells) = _rows[r];
                int y = layout.RowTop(r);
                if (!string.IsNullOrEmpty(label))
                {
                    sheet.Text(label, Margin, y + (cellHeight / 2.0), Alignment.MiddleLeft, FigureStyle.LabelSize);
                }

                for (int c = 0; c < cells.Length; c++)
                {
                    int x = layout.CellLeft(c);
                    if (cells[c] is float[] map)
                    {
                        sheet.Grey(map, _imageHeight, _imageWidth, x, y, cellWidth, cellHeight);
                    }
                    else
                    {
                        sheet.Missing(x, y, cellWidth, cellHeight);
                    }
                }
            }

            return sheet.Plot;
        }

        // Positions computed from the figure's current settings; Build and CellOrigin use the same.
        private sealed class GridLayout
        {
            private readonly ImageGridFigure _figure;
            private readonly List<string>[] _titles;
            private readonly int[] _columnLefts;
            private readonly int[] _columnWidths;
            private readonly int _gridTop;

            public GridLayout(ImageGridFigure figure)
            {
                _figure = figure;
                int cellWidth = figure._imageWidth * figure.Scale;
                double lineHeight = TextWrap.LineHeight(FigureStyle.LabelSize);
                GroupTop = Margin + (string.IsNullOrEmpty(figure.Title) ? 0 : (int)TextWrap.LineHeight(FigureStyle.TitleSize) + Margin);
                HeaderTop = GroupTop + (figure._groups.Count == 0 ? 0 : (int)lineHeight + 10);

                double labelWidth = TextWrap.Width(figure._rows.Select(r => r.Label ?? string.Empty), FigureStyle.LabelSize);
                int left = Margin + (labelWidth == 0 ? 0 : (int)Math.Ceiling(labelWidth) + (2 * figure.Gap));
                int count = figure._columnTitles.Length;
                _titles = new List<string>[count];
                _columnLefts = new int[count];
                _columnWidths = new int[count];
                for (int c = 0; c < count; c++)
                {
                    // A group starts after a triple gap, so that it reads as a block of its own.
                    if (c > 0 && figure._groups.Any(g => g.First == c || g.First + g.Count == c))
                    {
                        left += 2 * figure.Gap;
                    }

                    _titles[c] = TextWrap.Lines(figure._columnTitles[c], cellWidth, FigureStyle.LabelSize);
                    HeaderLines = Math.Max(HeaderLines, _titles[c].Count);
                    _columnWidths[c] = Math.Max(cellWidth, (int)Math.Ceiling(TextWrap.Width(_titles[c], FigureStyle.LabelSize)));
                    _columnLefts[c] = left;
                    left += _columnWidths[c] + figure.Gap;
                }

                _gridTop = HeaderTop + (int)TextWrap.Height(HeaderLines, FigureStyle.LabelSize) + figure.Gap;

                // A title wider than the grid widens the image rather than being cut.
                double titleWidth = string.IsNullOrEmpty(figure.Title) ? 0 : FigureFont.MeasureWidth(figure.Title, FigureStyle.TitleSize, bold: true);
                Width = Math.Max(left - figure.Gap + Margin, (int)Math.Ceiling(titleWidth) + (2 * Margin));
                int rowHeight = (figure._imageHeight * figure.Scale) + figure.Gap;
                Height = _gridTop + (Math.Max(figure._rows.Count, 1) * rowHeight) - figure.Gap + Margin;
            }

            public int Width { get; }

            public int Height { get; }

            public int GroupTop { get; }

            public int HeaderTop { get; }

            public int HeaderLines { get; }

            public List<string> TitleLines(int column) => _titles[column];

            public int ColumnLeft(int column) => _columnLefts[column];

            public int ColumnWidth(int column) => _columnWidths[column];

            public int CellLeft(int column) => _columnLefts[column] + ((_columnWidths[column] - (_figure._imageWidth * _figure.Scale)) / 2);

            public int RowTop(int row) => _gridTop + (row * ((_figure._imageHeight * _figure.Scale) + _figure.Gap));
        }
    }
}
