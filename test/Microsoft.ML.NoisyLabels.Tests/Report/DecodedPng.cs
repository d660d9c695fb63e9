using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Tests.Report
{
    /// <summary>A PNG file decoded by MLImage (SkiaSharp), an implementation independent of the encoder under test.</summary>
    internal sealed class DecodedPng
    {
        private readonly byte[] _pixels;
        private readonly int _red;
        private readonly int _blue;

        private DecodedPng(MLImage image)
        {
            Width = image.Width;
            Height = image.Height;
            _pixels = image.Pixels.ToArray();

            // MLImage holds 32-bit pixels in one of two byte orders.
            (_red, _blue) = image.PixelFormat == MLPixelFormat.Rgba32 ? (0, 2) : (2, 0);
        }

        public int Width { get; }

        public int Height { get; }

        public static DecodedPng Load(string path)
        {
            using var image = MLImage.CreateFromFile(path);
            return new DecodedPng(image);
        }

        /// <summary>Renders the canvas to a PNG file in a new temporary folder and decodes it.</summary>
        public static DecodedPng RoundTrip(Canvas canvas)
        {
            string folder = Path.Combine(Path.GetTempPath(), "noisylabels-report-" + Guid.NewGuid().ToString("N"));
            try
            {
                string path = Path.Combine(folder, "figure.png");
                canvas.SavePng(path);
                return Load(path);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        public Rgb this[int x, int y]
        {
            get
            {
                int i = ((y * Width) + x) * 4;
                return new Rgb(_pixels[i + _red], _pixels[i + 1], _pixels[i + _blue]);
            }
        }

        public byte Alpha(int x, int y)
        {
            return _pixels[(((y * Width) + x) * 4) + 3];
        }
    }
}
