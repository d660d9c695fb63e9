namespace FusionBench
{
    /// <summary>Binary dilation and erosion with the 4- (2D) or 6-neighbourhood (3D), on byte masks [D, H, W].</summary>
    internal static class Morphology
    {
        public static byte[] Dilate(byte[] mask, int depth, int height, int width) => Apply(mask, depth, height, width, dilate: true);

        public static byte[] Erode(byte[] mask, int depth, int height, int width) => Apply(mask, depth, height, width, dilate: false);

        private static byte[] Apply(byte[] mask, int depth, int height, int width, bool dilate)
        {
            var result = new byte[mask.Length];
            int plane = height * width;
            Parallel.For(0, depth, z =>
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int i = (z * plane) + (y * width) + x;
                        // Outside the image counts as background.
                        bool any = mask[i] != 0, all = mask[i] != 0;
                        void Visit(bool inside, int j)
                        {
                            bool on = inside && mask[j] != 0;
                            any |= on;
                            all &= on;
                        }

                        Visit(x > 0, i - 1);
                        Visit(x < width - 1, i + 1);
                        Visit(y > 0, i - width);
                        Visit(y < height - 1, i + width);
                        if (depth > 1)
                        {
                            Visit(z > 0, i - plane);
                            Visit(z < depth - 1, i + plane);
                        }

                        result[i] = (byte)((dilate ? any : all) ? 1 : 0);
                    }
                }
            });

            return result;
        }

        /// <summary>Pixels that differ from at least one neighbour (the mask's inner and outer boundary).</summary>
        public static bool[] Boundary(byte[] mask, int depth, int height, int width)
        {
            var dilated = Dilate(mask, depth, height, width);
            var eroded = Erode(mask, depth, height, width);
            var boundary = new bool[mask.Length];
            for (int i = 0; i < mask.Length; i++)
            {
                boundary[i] = dilated[i] != eroded[i];
            }

            return boundary;
        }
    }
}
