namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Binary dilation and erosion by a disk, and the mean stroke thickness, read off squared distance maps
    /// (<see cref="DistanceTransform"/>), so that their cost does not depend on the radius.
    /// </summary>
    /// <remarks>
    /// The disk of radius r is that of skimage's <c>disk(r)</c>: the pixels (dx, dy) with dx^2 + dy^2 &lt;= r^2. A
    /// pixel of the dilation is one within r of the foreground; a pixel of the erosion is a foreground pixel farther
    /// than r from every background pixel of the image. Outside the image counts as neither, so erosion does not eat
    /// strokes that touch the border from the border side (MNIST digits do not touch it).
    /// </remarks>
    internal static class Morphology
    {
        /// <summary>
        /// The radius Morpho-MNIST gives thickening and thinning: int(amount * scale * thickness / 2) fine pixels, capped
        /// at <paramref name="cap"/> (a radius as large as the image's diagonal already covers it all; a mask with no
        /// background has an unbounded thickness).
        /// </summary>
        public static int Radius(double amount, int scale, double thickness, int cap)
        {
            double radius = amount * scale * thickness / 2;
            return radius >= cap ? cap : (int)radius;
        }

        /// <summary>
        /// Dilation by disk(<paramref name="radius"/>), given the squared distance of every pixel to the foreground.
        /// </summary>
        public static void Dilate(ReadOnlySpan<float> squaredToForeground, int radius, Span<byte> result)
        {
            float limit = (float)radius * radius;
            for (int i = 0; i < squaredToForeground.Length; i++)
            {
                result[i] = squaredToForeground[i] <= limit ? (byte)1 : (byte)0;
            }
        }

        /// <summary>
        /// Erosion by disk(<paramref name="radius"/>), given the squared distance of every pixel to the background
        /// (0 on the background itself).
        /// </summary>
        public static void Erode(ReadOnlySpan<float> squaredToBackground, int radius, Span<byte> result)
        {
            float limit = (float)radius * radius;
            for (int i = 0; i < squaredToBackground.Length; i++)
            {
                result[i] = squaredToBackground[i] > limit ? (byte)1 : (byte)0;
            }
        }

        /// <summary>
        /// Morpho-MNIST's mean thickness in coarse pixels: twice the mean distance to the background over the skeleton,
        /// divided by the scale. 0 when the skeleton is empty.
        /// </summary>
        public static double MeanThickness(ReadOnlySpan<float> squaredToBackground, ReadOnlySpan<int> skeletonPoints, int scale)
        {
            if (skeletonPoints.Length == 0)
            {
                return 0;
            }

            double sum = 0;
            foreach (int p in skeletonPoints)
            {
                sum += Math.Sqrt(squaredToBackground[p]);
            }

            return 2 * sum / skeletonPoints.Length / scale;
        }
    }
}
