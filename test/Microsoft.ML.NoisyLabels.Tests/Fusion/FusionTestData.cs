namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>Small synthetic annotations for the fusion tests.</summary>
    internal static class FusionTestData
    {
        /// <summary>A filled disc of radius <paramref name="radius"/> centred in a size x size image.</summary>
        public static byte[] Disc(int size, double radius, double centreX = -1, double centreY = -1)
        {
            double cx = centreX < 0 ? (size - 1) / 2.0 : centreX;
            double cy = centreY < 0 ? (size - 1) / 2.0 : centreY;
            var mask = new byte[size * size];
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    double dx = x - cx, dy = y - cy;
                    mask[(y * size) + x] = (byte)((dx * dx) + (dy * dy) <= radius * radius ? 1 : 0);
                }
            }

            return mask;
        }

        /// <summary>Flips each pixel of <paramref name="mask"/> with probability <paramref name="rate"/>.</summary>
        public static byte[] Noisy(byte[] mask, double rate, int seed, int classes = 2)
        {
            var random = new Random(seed);
            var noisy = (byte[])mask.Clone();
            for (int i = 0; i < noisy.Length; i++)
            {
                if (random.NextDouble() < rate)
                {
                    noisy[i] = (byte)((noisy[i] + 1 + random.Next(classes - 1)) % classes);
                }
            }

            return noisy;
        }

        /// <summary>
        /// Five discs of radii 6..10 in a 32 x 32 image plus a noisy disc (radius 8, 10% of the pixels flipped): the
        /// annotators [6, 1024].
        /// </summary>
        public static byte[][] DiscRaters(int size = 32)
        {
            var raters = new List<byte[]>();
            foreach (double radius in new[] { 6.0, 7, 8, 9, 10 })
            {
                raters.Add(Disc(size, radius));
            }

            raters.Add(Noisy(Disc(size, 8), 0.1, seed: 7));
            return raters.ToArray();
        }

        /// <summary>
        /// Multi-label annotators: concentric rings (classes 0..L-1 by distance from the centre) with rater-specific
        /// radii, plus per-rater label noise.
        /// </summary>
        public static byte[][] RingRaters(int classes, int raters, int size, int seed)
        {
            var random = new Random(seed);
            var result = new byte[raters][];
            double c = (size - 1) / 2.0;
            for (int r = 0; r < raters; r++)
            {
                double step = (size / 2.0 / classes) * (0.8 + (0.4 * random.NextDouble()));
                var mask = new byte[size * size];
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                    {
                        double d = Math.Sqrt(((x - c) * (x - c)) + ((y - c) * (y - c)));
                        mask[(y * size) + x] = (byte)(classes - 1 - Math.Min(classes - 1, (int)(d / step)));
                    }
                }

                result[r] = Noisy(mask, 0.03 + (0.03 * r), seed + r + 1, classes);
            }

            return result;
        }

        /// <summary>Concatenates annotators into the [R, P] layout.</summary>
        public static byte[] Stack(IReadOnlyList<byte[]> raters) => raters.SelectMany(r => r).ToArray();

        /// <summary>All annotators present.</summary>
        public static bool[] AllPresent(int raters) => Enumerable.Repeat(true, raters).ToArray();
    }
}
