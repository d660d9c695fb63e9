using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    /// <summary>Small binary images drawn by the tests, and measurements on them.</summary>
    internal static class Strokes
    {
        public const int Size = 28;

        /// <summary>A horizontal bar over rows [top, top + thickness) and columns [left, right).</summary>
        public static byte[] HorizontalBar(int top, int thickness, int left = 4, int right = 24)
        {
            var mask = new byte[Size * Size];
            for (int y = top; y < top + thickness; y++)
            {
                for (int x = left; x < right; x++)
                {
                    mask[(y * Size) + x] = 1;
                }
            }

            return mask;
        }

        /// <summary>A ring centred in the image: pixels whose centre lies within [inner, outer) of the centre.</summary>
        public static byte[] Ring(double inner, double outer)
        {
            var mask = new byte[Size * Size];
            double c = (Size - 1) / 2.0;
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    double d = Math.Sqrt(((y - c) * (y - c)) + ((x - c) * (x - c)));
                    mask[(y * Size) + x] = d >= inner && d < outer ? (byte)1 : (byte)0;
                }
            }

            return mask;
        }

        public static int Count(ReadOnlySpan<float> mask)
        {
            int n = 0;
            foreach (float v in mask)
            {
                n += v != 0 ? 1 : 0;
            }

            return n;
        }

        public static int Count(ReadOnlySpan<byte> mask)
        {
            int n = 0;
            foreach (byte v in mask)
            {
                n += v;
            }

            return n;
        }

        /// <summary>Foreground pixels in column <paramref name="x"/>.</summary>
        public static int ColumnCount(float[] mask, int x, int width = Size)
        {
            int n = 0;
            for (int y = 0; y < mask.Length / width; y++)
            {
                n += mask[(y * width) + x] != 0 ? 1 : 0;
            }

            return n;
        }

        /// <summary>The number of 8-connected foreground components.</summary>
        public static int Components(float[] mask, int width = Size)
        {
            int height = mask.Length / width;
            var label = new int[mask.Length];
            int components = 0;
            var stack = new Stack<int>();
            for (int start = 0; start < mask.Length; start++)
            {
                if (mask[start] == 0 || label[start] != 0)
                {
                    continue;
                }

                components++;
                label[start] = components;
                stack.Push(start);
                while (stack.Count > 0)
                {
                    int p = stack.Pop();
                    int py = p / width, px = p % width;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int y = py + dy, x = px + dx;
                            if (y < 0 || y >= height || x < 0 || x >= width)
                            {
                                continue;
                            }

                            int q = (y * width) + x;
                            if (mask[q] != 0 && label[q] == 0)
                            {
                                label[q] = components;
                                stack.Push(q);
                            }
                        }
                    }
                }
            }

            return components;
        }

        public static byte[] ToBytes(float[] mask) => mask.Select(v => (byte)(v != 0 ? 1 : 0)).ToArray();

        /// <summary>The first <paramref name="count"/> MNIST test masks (intensity &gt; 0.5).</summary>
        public static byte[][] MnistMasks(int count)
        {
            var ml = new MLContext(seed: 1);
            var data = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, count);
            return data.GetColumn<float[]>(Microsoft.ML.NoisyLabels.Data.MnistColumnNames.Mask).Select(ToBytes).ToArray();
        }
    }
}
