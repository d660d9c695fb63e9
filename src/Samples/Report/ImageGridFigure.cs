namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A grid of grey-level maps, the paper's Fig. 2: one row per test image, one titled column per map (for example
    /// "image", "truth", "good", "over", "under", "wrong", "blank", then one per method).
    /// </summary>
    /// <remarks>
    /// Every cell is an H x W map of values in 0..1 (row-major; label maps are 0/1) drawn <see cref="Scale"/> times
    /// larger with nearest neighbour, so the cell pixel under map value v is exactly grey round(v * 255) (see
    /// <see cref="Rgb.GrayLevel"/>). A null cell, such as an annotation absent in the single-label regime, is drawn
    /// hatched grey. Column titles wider than a cell wrap at spaces, and a column widens for a word that still does
    /// not fit; cells are centred in their columns. A thin grey frame surrounds each cell, outside its pixels.
    /// </remarks>
    public sealed class ImageGridFigure : IFigure
    {
        private const int Margin = 8;

        private readonly int _imageHeight;
        private readonly int _imageWidth;
        private readonly string[] _columnTitles;
        private readonly List<(string? Label, float[]?[] Cells)> _rows = new List<(string?, float[]?[])>();

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

        /// <summary>How many canvas pixels wide and high each map value is drawn.</summary>
        public int Scale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 3;

        /// <summary>The space between cells in pixels (at least 2, for the frames).</summary>
        public int Gap { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 2); field = value; } } = 6;

        /// <summary>The font scale of column titles and row labels; the title is one larger.</summary>
        public int TextScale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 1;

        /// <summary>The number of columns.</summary>
        public int ColumnCount => _columnTitles.Length;

        /// <summary>The number of rows added so far.</summary>
        public int RowCount => _rows.Count;

        /// <summary>
        /// Adds a row: an optional label drawn at its left, and one map per column (<see cref="ColumnCount"/> of them),
        /// each of H x W values or null for a missing cell. The arrays are kept, not copied.
        /// </summary>
        public ImageGridFigure AddRow(string? label, IReadOnlyList<float[]?> cells)
        {
            ArgumentNullException.ThrowIfNull(cells);
            if (cells.Count != _columnTitles.Length)
            {
                throw new ArgumentException($"The grid has {_columnTitles.Length} columns; the row has {cells.Count} cells.", nameof(cells));
            }

            for (int c = 0; c < cells.Count; c++)
            {
                if (cells[c] is float[] map && map.Length != _imageHeight * _imageWidth)
                {
                    throw new ArgumentException($"Cell {c} has {map.Length} values, not {_imageHeight} x {_imageWidth}.", nameof(cells));
                }
            }

            _rows.Add((label, cells.ToArray()));
            return this;
        }

        /// <summary>The canvas pixel of the top-left corner of cell (<paramref name="row"/>, <paramref name="column"/>) in <see cref="Render"/>'s output.</summary>
        public (int X, int Y) CellOrigin(int row, int column)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columnTitles.Length);
            var layout = new GridLayout(this);
            return (layout.CellLeft(column), layout.RowTop(row));
        }

        /// <inheritdoc />
        public Canvas Render()
        {
            var layout = new GridLayout(this);
            var canvas = new Canvas(layout.Width, layout.Height);
            if (!string.IsNullOrEmpty(Title))
            {
                canvas.DrawText(Title, layout.Width / 2, Margin, Rgb.Black, TextScale + 1, TextAlign.Center);
            }

            int lineHeight = BitmapFont.LineHeight * TextScale;
            for (int c = 0; c < _columnTitles.Length; c++)
            {
                int middle = layout.ColumnLeft(c) + (layout.ColumnWidth(c) / 2);
                var lines = layout.TitleLines(c);

                // Titles sit on the bottom of the header, so one-line titles line up with the last line of others.
                int top = layout.HeaderTop + ((layout.HeaderLines - lines.Count) * lineHeight);
                for (int k = 0; k < lines.Count; k++)
                {
                    canvas.DrawText(lines[k], middle, top + (k * lineHeight), Rgb.Black, TextScale, TextAlign.Center);
                }
            }

            int cellWidth = _imageWidth * Scale;
            int cellHeight = _imageHeight * Scale;
            for (int r = 0; r < _rows.Count; r++)
            {
                var (label, cells) = _rows[r];
                int y = layout.RowTop(r);
                if (!string.IsNullOrEmpty(label))
                {
                    canvas.DrawText(label, Margin, y + (cellHeight / 2) - (7 * TextScale / 2), Rgb.Black, TextScale);
                }

                for (int c = 0; c < cells.Length; c++)
                {
                    int x = layout.CellLeft(c);
                    canvas.DrawRect(x - 1, y - 1, cellWidth + 2, cellHeight + 2, Rgb.LightGrey);
                    if (cells[c] is float[] map)
                    {
                        canvas.DrawGrayImage(map, _imageHeight, _imageWidth, x, y, Scale);
                    }
                    else
                    {
                        canvas.FillHatched(x, y, cellWidth, cellHeight, Rgb.MissingGrey, new Rgb(150, 150, 150), Math.Max(4, 2 * Scale));
                    }
                }
            }

            return canvas;
        }

        // Positions computed from the figure's current settings; Render and CellOrigin use the same.
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
                int scale = figure.TextScale;
                int cellWidth = figure._imageWidth * figure.Scale;
                HeaderTop = Margin + (string.IsNullOrEmpty(figure.Title) ? 0 : BitmapFont.MeasureHeight(scale + 1) + Margin);

                int labelWidth = 0;
                foreach (var (label, _) in figure._rows)
                {
                    labelWidth = Math.Max(labelWidth, label is null ? 0 : BitmapFont.MeasureWidth(label, scale));
                }

                int left = Margin + (labelWidth == 0 ? 0 : labelWidth + figure.Gap + 2);
                int count = figure._columnTitles.Length;
                _titles = new List<string>[count];
                _columnLefts = new int[count];
                _columnWidths = new int[count];
                for (int c = 0; c < count; c++)
                {
                    _titles[c] = TextWrap.Lines(figure._columnTitles[c], cellWidth, scale);
                    HeaderLines = Math.Max(HeaderLines, _titles[c].Count);
                    _columnWidths[c] = Math.Max(cellWidth, TextWrap.Width(_titles[c], scale));
                    _columnLefts[c] = left;
                    left += _columnWidths[c] + figure.Gap;
                }

                _gridTop = HeaderTop + (HeaderLines * BitmapFont.LineHeight * scale) + figure.Gap;
                // A title wider than the grid widens the canvas rather than being cut.
                int titleWidth = string.IsNullOrEmpty(figure.Title) ? 0 : BitmapFont.MeasureWidth(figure.Title, scale + 1);
                Width = Math.Max(left - figure.Gap + Margin, titleWidth + (2 * Margin));
                int rowHeight = (figure._imageHeight * figure.Scale) + figure.Gap;
                Height = _gridTop + (Math.Max(figure._rows.Count, 1) * rowHeight) - figure.Gap + Margin;
            }

            public int Width { get; }

            public int Height { get; }

            public int HeaderTop { get; }

            public int HeaderLines { get; }

            public List<string> TitleLines(int column) => _titles[column];

            public int ColumnLeft(int column) => _columnLefts[column];

            public int ColumnWidth(int column) => _columnWidths[column];

            public int CellLeft(int column)
            {
                return _columnLefts[column] + ((_columnWidths[column] - (_figure._imageWidth * _figure.Scale)) / 2);
            }

            public int RowTop(int row)
            {
                return _gridTop + (row * ((_figure._imageHeight * _figure.Scale) + _figure.Gap));
            }
        }
    }
}
