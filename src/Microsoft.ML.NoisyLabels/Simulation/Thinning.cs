namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Skeletonisation of a binary image by Zhang-Suen thinning (Zhang and Suen, CACM 27(3), 1984), the method behind
    /// skimage's <c>skeletonize</c> that Morpho-MNIST uses. Each sub-iteration marks its deletable border pixels in
    /// parallel, as Zhang-Suen does, then deletes them in raster order, deleting a pixel only if it is still deletable
    /// given the deletions before it. The conditions (one run of foreground neighbours, 2..6 of them) make every
    /// deletion that of a simple point, so the skeleton keeps every stroke's connectivity; plain parallel Zhang-Suen
    /// would erase a 2 x 2 block entirely. Cost: O(foreground pixels x iterations), the iterations being about half the
    /// widest stroke.
    /// </summary>
    internal sealed class Thinning
    {
        // Neighbour bits, clockwise from the north: P2 = N (bit 0), P3 = NE, P4 = E, P5 = SE, P6 = S, P7 = SW, P8 = W,
        // P9 = NW (bit 7), Zhang and Suen's names.
        private static readonly bool[][] s_deletable = { BuildTable(first: true), BuildTable(first: false) };

        private readonly int _height;
        private readonly int _width;
        private readonly int _paddedWidth;
        private readonly byte[] _padded;
        private readonly int[] _foreground;
        private readonly int[] _candidates;
        private readonly int[] _offsets;

        public Thinning(int height, int width)
        {
            _height = height;
            _width = width;
            _paddedWidth = width + 2;
            _padded = new byte[(height + 2) * _paddedWidth];
            _foreground = new int[height * width];
            _candidates = new int[height * width];
            int pw = _paddedWidth;
            _offsets = new[] { -pw, -pw + 1, 1, pw + 1, pw, pw - 1, -1, -pw - 1 };
        }

        /// <summary>
        /// Skeletonises <paramref name="image"/> (0/1) into <paramref name="skeleton"/> (0/1, same size) and writes the
        /// skeleton's pixel indices, in raster order, into <paramref name="points"/>. Returns their number.
        /// </summary>
        public int Skeletonise(ReadOnlySpan<byte> image, Span<byte> skeleton, Span<int> points)
        {
            int pw = _paddedWidth;
            var padded = _padded;
            Array.Clear(padded);
            int count = 0;
            for (int y = 0; y < _height; y++)
            {
                for (int x = 0; x < _width; x++)
                {
                    if (image[(y * _width) + x] != 0)
                    {
                        int p = ((y + 1) * pw) + x + 1;
                        padded[p] = 1;
                        _foreground[count++] = p;
                    }
                }
            }

            bool changed = true;
            while (changed)
            {
                changed = false;
                for (int pass = 0; pass < s_deletable.Length; pass++)
                {
                    var table = s_deletable[pass];
                    int marked = 0;
                    for (int i = 0; i < count; i++)
                    {
                        int p = _foreground[i];
                        if (table[Code(p)])
                        {
                            _candidates[marked++] = p;
                        }
                    }

                    if (marked == 0)
                    {
                        continue;
                    }

                    for (int i = 0; i < marked; i++)
                    {
                        int p = _candidates[i];
                        if (table[Code(p)])
                        {
                            padded[p] = 0;
                            changed = true;
                        }
                    }

                    int kept = 0;
                    for (int i = 0; i < count; i++)
                    {
                        int p = _foreground[i];
                        if (padded[p] != 0)
                        {
                            _foreground[kept++] = p;
                        }
                    }

                    count = kept;
                }
            }

            skeleton.Slice(0, _height * _width).Clear();
            int n = 0;
            for (int y = 0; y < _height; y++)
            {
                int row = (y + 1) * pw;
                for (int x = 0; x < _width; x++)
                {
                    if (padded[row + x + 1] != 0)
                    {
                        int i = (y * _width) + x;
                        skeleton[i] = 1;
                        points[n++] = i;
                    }
                }
            }

            return n;
        }

        private int Code(int p)
        {
            var padded = _padded;
            var offsets = _offsets;
            int code = 0;
            for (int b = 0; b < 8; b++)
            {
                code |= padded[p + offsets[b]] << b;
            }

            return code;
        }

        /// <summary>The number of foreground neighbours in the code.</summary>
        internal static int Neighbours(int code) => System.Numerics.BitOperations.PopCount((uint)code);

        /// <summary>The number of runs of foreground neighbours around the ring (Zhang-Suen's A, the crossing number).</summary>
        internal static int Runs(int code)
        {
            int runs = 0;
            for (int b = 0; b < 8; b++)
            {
                bool here = ((code >> b) & 1) != 0;
                bool next = ((code >> ((b + 1) & 7)) & 1) != 0;
                if (!here && next)
                {
                    runs++;
                }
            }

            return runs;
        }

        private static bool[] BuildTable(bool first)
        {
            var table = new bool[256];
            for (int code = 0; code < 256; code++)
            {
                bool p2 = (code & 1) != 0, p4 = (code & 4) != 0, p6 = (code & 16) != 0, p8 = (code & 64) != 0;
                int b = Neighbours(code);
                bool border = first ? !(p2 && p4 && p6) && !(p4 && p6 && p8) : !(p2 && p4 && p8) && !(p2 && p6 && p8);
                table[code] = b >= 2 && b <= 6 && Runs(code) == 1 && border;
            }

            return table;
        }
    }
}
