namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// An opaque RGB raster that figures draw on, written as PNG by <see cref="PngEncoder"/>. Pixel (0, 0) is the top
    /// left. Every drawing call clips to the canvas, so figures may draw partly outside it.
    /// </summary>
    /// <remarks>
    /// The drawing calls live in partial files: rectangles and images here, lines in Canvas.Lines.cs, text in
    /// Canvas.Text.cs.
    /// </remarks>
    public sealed partial class Canvas
    {
        private readonly byte[] _rgb;

        // Drawing is limited to [_clipLeft, _clipRight) x [_clipTop, _clipBottom): the canvas, or a plot area.
        private int _clipLeft;
        private int _clipTop;
        private int _clipRight;
        private int _clipBottom;

        /// <summary>A canvas of <paramref name="width"/> x <paramref name="height"/> pixels filled with <paramref name="background"/> (white when omitted).</summary>
        public Canvas(int width, int height, Rgb? background = null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
            if ((long)width * height * 3 > Array.MaxLength)
            {
                throw new ArgumentException($"A {width} x {height} canvas is too large.");
            }

            Width = width;
            Height = height;
            _rgb = new byte[width * height * 3];
            ResetClip();
            Clear(background ?? Rgb.White);
        }

        /// <summary>Width in pixels.</summary>
        public int Width { get; }

        /// <summary>Height in pixels.</summary>
        public int Height { get; }

        /// <summary>The pixels, row-major, three bytes (R, G, B) each.</summary>
        public ReadOnlySpan<byte> Pixels => _rgb;

        /// <summary>
        /// Limits every later drawing call to the given rectangle (intersected with the canvas) until
        /// <see cref="ResetClip"/>, so that a chart's curves stay inside its plot area.
        /// </summary>
        public void SetClip(int x, int y, int width, int height)
        {
            _clipLeft = Math.Clamp(x, 0, Width);
            _clipTop = Math.Clamp(y, 0, Height);
            _clipRight = (int)Math.Clamp((long)x + Math.Max(width, 0), _clipLeft, Width);
            _clipBottom = (int)Math.Clamp((long)y + Math.Max(height, 0), _clipTop, Height);
        }

        /// <summary>Lets drawing reach the whole canvas again.</summary>
        public void ResetClip()
        {
            _clipLeft = 0;
            _clipTop = 0;
            _clipRight = Width;
            _clipBottom = Height;
        }

        /// <summary>The colour of pixel (<paramref name="x"/>, <paramref name="y"/>), which must lie on the canvas.</summary>
        public Rgb GetPixel(int x, int y)
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            {
                throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width} x {Height} canvas.");
            }

            int i = ((y * Width) + x) * 3;
            return new Rgb(_rgb[i], _rgb[i + 1], _rgb[i + 2]);
        }

        /// <summary>Sets pixel (<paramref name="x"/>, <paramref name="y"/>); does nothing outside the canvas or clip.</summary>
        public void SetPixel(int x, int y, Rgb color)
        {
            if (InClip(x, y))
            {
                int i = ((y * Width) + x) * 3;
                _rgb[i] = color.R;
                _rgb[i + 1] = color.G;
                _rgb[i + 2] = color.B;
            }
        }

        /// <summary>Mixes <paramref name="color"/> into pixel (<paramref name="x"/>, <paramref name="y"/>) with opacity <paramref name="alpha"/> in 0..1.</summary>
        public void Blend(int x, int y, Rgb color, double alpha)
        {
            if (!InClip(x, y) || !(alpha > 0))
            {
                return;
            }

            double a = Math.Min(alpha, 1);
            int i = ((y * Width) + x) * 3;
            _rgb[i] = Rgb.Mix(_rgb[i], color.R, a);
            _rgb[i + 1] = Rgb.Mix(_rgb[i + 1], color.G, a);
            _rgb[i + 2] = Rgb.Mix(_rgb[i + 2], color.B, a);
        }

        /// <summary>Fills the whole canvas (within the clip) with <paramref name="color"/>.</summary>
        public void Clear(Rgb color)
        {
            FillRect(0, 0, Width, Height, color);
        }

        /// <summary>Fills the <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is (<paramref name="x"/>, <paramref name="y"/>).</summary>
        public void FillRect(int x, int y, int width, int height, Rgb color)
        {
            int x0 = Math.Max(x, _clipLeft);
            int y0 = Math.Max(y, _clipTop);
            int x1 = (int)Math.Min((long)x + width, _clipRight);
            int y1 = (int)Math.Min((long)y + height, _clipBottom);
            for (int py = y0; py < y1; py++)
            {
                int i = ((py * Width) + x0) * 3;
                for (int px = x0; px < x1; px++, i += 3)
                {
                    _rgb[i] = color.R;
                    _rgb[i + 1] = color.G;
                    _rgb[i + 2] = color.B;
                }
            }
        }

        /// <summary>Draws the outline of a rectangle, <paramref name="thickness"/> pixels wide, inside its bounds.</summary>
        public void DrawRect(int x, int y, int width, int height, Rgb color, int thickness = 1)
        {
            int t = Math.Min(thickness, Math.Min(width, height));
            FillRect(x, y, width, t, color);
            FillRect(x, y + height - t, width, t, color);
            FillRect(x, y, t, height, color);
            FillRect(x + width - t, y, t, height, color);
        }

        /// <summary>
        /// Fills a rectangle with <paramref name="background"/> crossed by 45-degree lines of <paramref name="line"/>
        /// every <paramref name="spacing"/> pixels: the mark of a missing cell.
        /// </summary>
        public void FillHatched(int x, int y, int width, int height, Rgb background, Rgb line, int spacing = 6)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spacing);
            FillRect(x, y, width, height, background);
            int x0 = Math.Max(x, _clipLeft);
            int y0 = Math.Max(y, _clipTop);
            int x1 = (int)Math.Min((long)x + width, _clipRight);
            int y1 = (int)Math.Min((long)y + height, _clipBottom);
            for (int py = y0; py < y1; py++)
            {
                for (int px = x0; px < x1; px++)
                {
                    // Relative to the rectangle, so every missing cell shows the same pattern.
                    if ((px - x + py - y) % spacing == 0)
                    {
                        SetPixel(px, py, line);
                    }
                }
            }
        }

        /// <summary>
        /// Draws a <paramref name="rows"/> x <paramref name="columns"/> map of values in 0..1 (row-major) as grey
        /// levels, each value a <paramref name="scale"/> x <paramref name="scale"/> block (nearest neighbour), with its
        /// top-left pixel at (<paramref name="x"/>, <paramref name="y"/>). A value v becomes grey round(clamp(v) * 255)
        /// (see <see cref="Rgb.GrayLevel"/>); NaN becomes <see cref="Rgb.MissingGrey"/>.
        /// </summary>
        public void DrawGrayImage(ReadOnlySpan<float> values, int rows, int columns, int x, int y, int scale = 1)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
            if (values.Length != rows * columns)
            {
                throw new ArgumentException($"Expected {rows} x {columns} = {rows * columns} values, got {values.Length}.", nameof(values));
            }

            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    FillRect(x + (c * scale), y + (r * scale), scale, scale, Rgb.FromGray(values[(r * columns) + c]));
                }
            }
        }

        private bool InClip(int x, int y)
        {
            return x >= _clipLeft && x < _clipRight && y >= _clipTop && y < _clipBottom;
        }

        /// <summary>Encodes the canvas as PNG (see <see cref="PngEncoder"/>).</summary>
        public byte[] ToPng()
        {
            return PngEncoder.Encode(Width, Height, _rgb);
        }

        /// <summary>Writes the canvas as a PNG file, creating its folder if needed.</summary>
        public void SavePng(string path)
        {
            PngEncoder.Write(path, Width, Height, _rgb);
        }
    }
}
