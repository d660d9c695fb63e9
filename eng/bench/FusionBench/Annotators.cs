namespace FusionBench
{
    /// <summary>
    /// Five simulated annotators of a ground-truth mask, in the spirit of the paper's MNIST set: a good one, an
    /// over-segmenter (dilation), an under-segmenter (erosion), a careless one (30% of the boundary pixels flipped) and a
    /// wrong one (dilation with pieces cut out). Seeded.
    /// </summary>
    internal static class Annotators
    {
        public const int Count = 5;

        public static byte[][] Simulate(byte[] truth, int depth, int height, int width, int seed)
        {
            var random = new Random(seed);
            var over = Morphology.Dilate(truth, depth, height, width);
            var under = Morphology.Erode(truth, depth, height, width);
            var boundary = Morphology.Boundary(truth, depth, height, width);
            var careless = (byte[])truth.Clone();
            for (int i = 0; i < careless.Length; i++)
            {
                if (boundary[i] && random.NextDouble() < 0.3)
                {
                    careless[i] ^= 1;
                }
            }

            var wrong = Morphology.Dilate(truth, depth, height, width);
            int cuts = depth == 1 ? 3 : 300;
            int radius = depth == 1 ? 1 : 3;
            var foreground = Enumerable.Range(0, wrong.Length).Where(i => wrong[i] != 0).ToArray();
            for (int c = 0; c < cuts && foreground.Length > 0; c++)
            {
                int centre = foreground[random.Next(foreground.Length)];
                int cz = centre / (height * width), cy = centre / width % height, cx = centre % width;
                for (int z = Math.Max(0, cz - radius); z <= Math.Min(depth - 1, cz + radius); z++)
                {
                    for (int y = Math.Max(0, cy - radius); y <= Math.Min(height - 1, cy + radius); y++)
                    {
                        for (int x = Math.Max(0, cx - radius); x <= Math.Min(width - 1, cx + radius); x++)
                        {
                            wrong[(((z * height) + y) * width) + x] = 0;
                        }
                    }
                }
            }

            return new[] { (byte[])truth.Clone(), over, under, careless, wrong };
        }
    }
}
