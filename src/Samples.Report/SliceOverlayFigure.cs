using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>How <see cref="SliceOverlayFigure"/> draws a mask over its slice.</summary>
    public enum OverlayStyle
    {
        /// <summary>The mask's outline: its pixels that touch a pixel outside it (4-neighbours, or the border).</summary>
        Contour,

        /// <summary>Every pixel of the mask, see-through (<see cref="SliceOverlayFigure.FillOpacity"/>).</summary>
        Filled,
    }

    /// <summary>One mask drawn over a slice: H x W values, non-zero inside, and its colour.</summary>
    /// <param name="Mask">The mask, row-major; NaN counts as outside (a missing annotation draws nothing).</param>
    /// <param name="Color">The colour it is drawn in.</param>
    public sealed record MaskOverlay(float[] Mask, Color Color);

    /// <summary>
    /// Slices of a scan with masks drawn over them, in titled panels: one row per slice, one panel per column (for
    /// example "FLAIR", "truth", each annotator, each method), each panel the row's grey-level slice with that
    /// column's masks as coloured contours or fills. The grid, titles and labels are <see cref="ImageGridFigure"/>'s.
    /// </summary>
    /// <remarks>
    /// The slice's grey levels are scaled so that its 99.5th percentile is white (MR intensities have no fixed range);
    /// negative values and NaN are black. Masks are drawn in the order given, later ones on top, each pixel of a
    /// contour one map pixel wide (<see cref="Scale"/> image pixels).
    /// </remarks>
    public sealed class SliceOverlayFigure : IFigure
    {
        private readonly int _height;
        private readonly int _width;
        private readonly string[] _panelTitles;
        private readonly List<(string? Label, float[] Slice, MaskOverlay[]?[] Panels)> _rows = new();

        /// <summary>Panels of <paramref name="height"/> x <paramref name="width"/> slices under the given titles.</summary>
        public SliceOverlayFigure(int height, int width, IReadOnlyList<string> panelTitles)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
            ArgumentNullException.ThrowIfNull(panelTitles);
            if (panelTitles.Count == 0)
            {
                throw new ArgumentException("The figure needs at least one panel.", nameof(panelTitles));
            }

            _height = height;
            _width = width;
            _panelTitles = panelTitles.ToArray();
        }

        /// <summary>The title above the panels, or null.</summary>
        public string? Title { get; set; }

        /// <summary>How many image pixels wide and high each slice pixel is drawn.</summary>
        public int Scale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 2;

        /// <summary>How masks are drawn.</summary>
        public OverlayStyle Style { get; set; } = OverlayStyle.Contour;

        /// <summary>The opacity of filled masks, 0..1.</summary>
        public double FillOpacity { get; set { ArgumentOutOfRangeException.ThrowIfNegative(value); ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1); field = value; } } = 0.45;

        /// <summary>The number of rows added so far.</summary>
        public int RowCount => _rows.Count;

        /// <inheritdoc />
        public int Width => Grid().Width;

        /// <inheritdoc />
        public int Height => Grid().Height;

        /// <summary>
        /// Adds a row: an optional label at its left, the grey-level slice (H x W, row-major) and, per panel, the masks
        /// drawn over it (null or empty: the slice alone). The arrays are kept, not copied.
        /// </summary>
        public SliceOverlayFigure AddRow(string? label, float[] slice, IReadOnlyList<IReadOnlyList<MaskOverlay>?> panels)
        {
            ArgumentNullException.ThrowIfNull(slice);
            if (slice.Length != _height * _width)
            {
                throw new ArgumentException($"The slice has {slice.Length} values, not {_height} x {_width}.", nameof(slice));
            }

            ArgumentNullException.ThrowIfNull(panels);
            if (panels.Count != _panelTitles.Length)
            {
                throw new ArgumentException($"The figure has {_panelTitles.Length} panels; the row has {panels.Count}.", nameof(panels));
            }

            var masks = panels.Select(p => p?.ToArray()).ToArray();
            for (int c = 0; c < masks.Length; c++)
            {
                foreach (var overlay in masks[c] ?? Array.Empty<MaskOverlay>())
                {
                    ArgumentNullException.ThrowIfNull(overlay, nameof(panels));
                    if (overlay.Mask.Length != _height * _width)
                    {
                        throw new ArgumentException($"A mask of panel {c} ('{_panelTitles[c]}') has {overlay.Mask.Length} values, not {_height} x {_width}.", nameof(panels));
                    }
                }
            }

            _rows.Add((label, slice, masks));
            return this;
        }

        /// <summary>The image pixel of the top-left corner of panel (<paramref name="row"/>, <paramref name="column"/>).</summary>
        public (int X, int Y) PanelOrigin(int row, int column) => Grid().CellOrigin(row, column);

        /// <inheritdoc />
        public Plot Build()
        {
            var grid = Grid();
            var plot = grid.Build();
            int figureHeight = grid.Height;
            double panelWidth = _width * Scale, panelHeight = _height * Scale;
            for (int r = 0; r < _rows.Count; r++)
            {
                for (int c = 0; c < _panelTitles.Length; c++)
                {
                    var (left, top) = grid.CellOrigin(r, c);
                    foreach (var overlay in _rows[r].Panels[c] ?? Array.Empty<MaskOverlay>())
                    {
                        var (cells, drawn) = Pixels(overlay.Mask);
                        if (drawn == 0)
                        {
                            // An empty mask draws nothing (and a heatmap of nothing but NaN has no range).
                            continue;
                        }

                        var map = plot.Add.Heatmap(cells);
                        map.Colormap = new ScottPlot.Colormaps.Custom(new[] { overlay.Color, overlay.Color });
                        map.ManualRange = new ScottPlot.Range(0, 1);
                        map.NaNCellColor = Colors.Transparent;
                        map.Smooth = false;
                        map.Opacity = Style == OverlayStyle.Filled ? FillOpacity : 1;
                        // The grid's sheet puts the origin at the top left; ScottPlot's y axis points up.
                        map.Rectangle = new CoordinateRect(left, left + panelWidth, figureHeight - top - panelHeight, figureHeight - top);
                    }
                }
            }

            return plot;
        }

        /// <summary>The grid of grey slices the overlays are drawn on.</summary>
        private ImageGridFigure Grid()
        {
            var grid = new ImageGridFigure(_height, _width, _panelTitles) { Title = Title, Scale = Scale };
            foreach (var (label, slice, _) in _rows)
            {
                var grey = Normalised(slice);
                grid.AddRow(label, Enumerable.Repeat(grey, _panelTitles.Length).ToArray());
            }

            return grid;
        }

        /// <summary>The slice scaled so that its 99.5th percentile is 1, clamped to 0..1.</summary>
        private static float[] Normalised(float[] slice)
        {
            var finite = slice.Where(float.IsFinite).OrderBy(v => v).ToArray();
            float top = finite.Length == 0 ? 1 : finite[Math.Min(finite.Length - 1, (int)(0.995 * finite.Length))];
            top = top > 0 ? top : 1;
            return slice.Select(v => float.IsFinite(v) ? Math.Clamp(v / top, 0, 1) : 0).ToArray();
        }

        /// <summary>The overlay's cells: 1 where drawn, NaN (transparent) elsewhere.</summary>
        private (double[,] Cells, int Drawn) Pixels(float[] mask)
        {
            var cells = new double[_height, _width];
            int count = 0;
            for (int y = 0; y < _height; y++)
            {
                for (int x = 0; x < _width; x++)
                {
                    bool drawn = Inside(mask, y, x) && (Style == OverlayStyle.Filled
                        || !Inside(mask, y - 1, x) || !Inside(mask, y + 1, x) || !Inside(mask, y, x - 1) || !Inside(mask, y, x + 1));
                    cells[y, x] = drawn ? 1 : double.NaN;
                    count += drawn ? 1 : 0;
                }
            }

            return (cells, count);
        }

        private bool Inside(float[] mask, int y, int x)
            => (uint)y < (uint)_height && (uint)x < (uint)_width && mask[(y * _width) + x] is float v && v != 0 && !float.IsNaN(v);
    }
}
