using SkiaSharp;

namespace Microsoft.ML.NoisyLabels.Samples.Report.Tests
{
    /// <summary>A PNG image decoded by SkiaSharp, with the pixel questions the figure tests ask.</summary>
    internal sealed class DecodedPng
    {
        private readonly SKColor[] _pixels;

        private DecodedPng(SKBitmap bitmap)
        {
            Width = bitmap.Width;
            Height = bitmap.Height;
            _pixels = bitmap.Pixels;
        }

        public int Width { get; }

        public int Height { get; }

        public static DecodedPng Decode(byte[] png)
        {
            // A PNG file starts with these eight bytes whatever wrote it.
            RequirePngSignature(png);
            using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("SkiaSharp cannot decode the PNG.");
            return new DecodedPng(bitmap);
        }

        public static DecodedPng Load(string path) => Decode(File.ReadAllBytes(path));

        public SKColor this[int x, int y] => _pixels[(y * Width) + x];

        /// <summary>How many pixels of the rectangle (clipped to the image) satisfy <paramref name="predicate"/>.</summary>
        public int Count(int x, int y, int width, int height, Func<SKColor, bool> predicate)
        {
            int count = 0;
            for (int py = Math.Max(y, 0); py < Math.Min(y + height, Height); py++)
            {
                for (int px = Math.Max(x, 0); px < Math.Min(x + width, Width); px++)
                {
                    if (predicate(this[px, py]))
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        /// <summary>Pixels of dark text or lines: luminance under a half.</summary>
        public int Ink(int x, int y, int width, int height) => Count(x, y, width, height, c => Luminance(c) < 0.5);

        /// <summary>Pixels within <paramref name="tolerance"/> of <paramref name="color"/> in every channel.</summary>
        public int Near(int x, int y, int width, int height, SKColor color, int tolerance = 8)
            => Count(x, y, width, height, c => IsNear(c, color, tolerance));

        public static bool IsNear(SKColor a, SKColor b, int tolerance = 8)
            => Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;

        public static double Luminance(SKColor c) => ((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)) / 255;

        private static void RequirePngSignature(byte[] png)
        {
            byte[] signature = { 137, 80, 78, 71, 13, 10, 26, 10 };
            if (png.Length < signature.Length || !png.AsSpan(0, signature.Length).SequenceEqual(signature))
            {
                throw new InvalidDataException("The bytes are not a PNG file.");
            }
        }
    }
}
