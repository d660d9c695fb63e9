namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Moves binary masks between the image grid and the fine grid the morphology works on (docs/METHOD.md, section 6):
    /// up by bicubic interpolation then binarisation at the midpoint 0.5, down by the fraction of each block that is
    /// foreground, thresholded at 0.5.
    /// </summary>
    /// <remarks>
    /// Bicubic is Keys' cubic convolution with a = -0.5 (the kernel of PIL and of Matlab's imresize), sampled at the
    /// fine pixels' centres, (Y + 0.5) / scale - 0.5 in coarse coordinates, with the border replicated. With that
    /// kernel a step between two pixels interpolates to exactly 0.5 at their shared edge, so a stroke keeps its width
    /// on the fine grid, and a one-pixel stroke keeps its four fine pixels (the kernel is 0.5625 at half a pixel).
    /// </remarks>
    internal static class Resampling
    {
        private const float KeysA = -0.5f;

        /// <summary>Keys' cubic convolution kernel.</summary>
        private static float Kernel(float x)
        {
            x = Math.Abs(x);
            if (x <= 1)
            {
                return ((KeysA + 2) * x * x * x) - ((KeysA + 3) * x * x) + 1;
            }

            if (x < 2)
            {
                return (KeysA * x * x * x) - (5 * KeysA * x * x) + (8 * KeysA * x) - (4 * KeysA);
            }

            return 0;
        }

        /// <summary>
        /// The four source offsets and weights for each of the scale fine positions inside a coarse pixel: fine pixel k * scale + m reads coarse pixels k + Offsets[m] .. k + Offsets[m] + 3.
        /// </summary>
        internal sealed class Taps
        {
            public Taps(int scale)
            {
                Scale = scale;
                Offsets = new int[scale];
                Weights = new float[scale * 4];
                for (int m = 0; m < scale; m++)
                {
                    double position = ((m + 0.5) / scale) - 0.5;
                    int floor = (int)Math.Floor(position);
                    float fraction = (float)(position - floor);
                    Offsets[m] = floor - 1;
                    for (int t = 0; t < 4; t++)
                    {
                        Weights[(m * 4) + t] = Kernel(fraction - (t - 1));
                    }
                }
            }

            public int Scale { get; }

            public int[] Offsets { get; }

            public float[] Weights { get; }
        }

        /// <summary>
        /// Upscales the 0/1 mask <paramref name="mask"/> (<paramref name="height"/> x <paramref name="width"/>) by
        /// <c>taps.Scale</c> into <paramref name="fine"/> (1 where the interpolated value exceeds 0.5).
        /// <paramref name="rows"/> is scratch of height * width * scale floats.
        /// </summary>
        public static void Upscale(ReadOnlySpan<byte> mask, int height, int width, Taps taps, Span<byte> fine, Span<float> rows)
        {
            int scale = taps.Scale;
            int fineWidth = width * scale;
            var offsets = taps.Offsets;
            var weights = taps.Weights;

            // Pass 1: along each coarse row.
            for (int y = 0; y < height; y++)
            {
                var source = mask.Slice(y * width, width);
                var target = rows.Slice(y * fineWidth, fineWidth);
                for (int x = 0; x < width; x++)
                {
                    for (int m = 0; m < scale; m++)
                    {
                        int first = x + offsets[m];
                        float sum = 0;
                        for (int t = 0; t < 4; t++)
                        {
                            int sx = Math.Clamp(first + t, 0, width - 1);
                            sum += weights[(m * 4) + t] * source[sx];
                        }

                        target[(x * scale) + m] = sum;
                    }
                }
            }

            // Pass 2: along the columns, four coarse rows at a time, then binarise.
            for (int y = 0; y < height; y++)
            {
                for (int m = 0; m < scale; m++)
                {
                    int first = y + offsets[m];
                    var r0 = rows.Slice(Math.Clamp(first, 0, height - 1) * fineWidth, fineWidth);
                    var r1 = rows.Slice(Math.Clamp(first + 1, 0, height - 1) * fineWidth, fineWidth);
                    var r2 = rows.Slice(Math.Clamp(first + 2, 0, height - 1) * fineWidth, fineWidth);
                    var r3 = rows.Slice(Math.Clamp(first + 3, 0, height - 1) * fineWidth, fineWidth);
                    float w0 = weights[m * 4], w1 = weights[(m * 4) + 1], w2 = weights[(m * 4) + 2], w3 = weights[(m * 4) + 3];
                    var target = fine.Slice(((y * scale) + m) * fineWidth, fineWidth);
                    for (int x = 0; x < fineWidth; x++)
                    {
                        float value = (w0 * r0[x]) + (w1 * r1[x]) + (w2 * r2[x]) + (w3 * r3[x]);
                        target[x] = value > 0.5f ? (byte)1 : (byte)0;
                    }
                }
            }
        }

        /// <summary>
        /// Downscales the fine mask: a coarse pixel is foreground when at least half of its scale x scale block is, so a
        /// stroke edge moved exactly half a pixel counts as covering it (our reading of "thresholded at 0.5"). A fine
        /// mask made by <see cref="Upscale"/> comes back to the mask it came from (checked on 5,000 MNIST digits).
        /// <paramref name="counts"/> is scratch of <paramref name="width"/> integers.
        /// </summary>
        public static void Downscale(ReadOnlySpan<byte> fine, int height, int width, int scale, Span<float> mask, Span<int> counts)
        {
            int fineWidth = width * scale;
            int half = scale * scale;
            for (int y = 0; y < height; y++)
            {
                counts.Slice(0, width).Clear();
                for (int m = 0; m < scale; m++)
                {
                    var row = fine.Slice(((y * scale) + m) * fineWidth, fineWidth);
                    for (int x = 0; x < width; x++)
                    {
                        int sum = 0;
                        var block = row.Slice(x * scale, scale);
                        for (int k = 0; k < block.Length; k++)
                        {
                            sum += block[k];
                        }

                        counts[x] += sum;
                    }
                }

                var target = mask.Slice(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    target[x] = 2 * counts[x] >= half ? 1f : 0f;
                }
            }
        }
    }
}
