namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The exact Euclidean distance transform of Felzenszwalb and Huttenlocher ("Distance Transforms of Sampled
    /// Functions", Theory of Computing 8, 2012): the squared distance from every pixel to the nearest pixel of a
    /// target value, in O(pixels), by two passes of the 1-D lower envelope of parabolas. Distances are between pixel
    /// centres, as in scipy's distance_transform_edt (a foreground pixel next to the background is at distance 1).
    /// Pixels outside the image are not targets: with no target anywhere every distance is <see cref="Infinity"/>.
    /// </summary>
    internal sealed class DistanceTransform
    {
        /// <summary>The squared distance reported when no target pixel exists (in that row and column pass).</summary>
        public const float Infinity = 1e20f;

        private readonly float[] _line;
        private readonly float[] _out;
        private readonly int[] _v;
        private readonly float[] _z;

        public DistanceTransform(int maxLength)
        {
            _line = new float[maxLength];
            _out = new float[maxLength];
            _v = new int[maxLength];
            _z = new float[maxLength + 1];
        }

        /// <summary>
        /// Writes into <paramref name="squared"/> the squared distance from each pixel to the nearest pixel whose value
        /// in <paramref name="image"/> equals <paramref name="target"/> (0 on the targets themselves).
        /// </summary>
        public void Compute(ReadOnlySpan<byte> image, int height, int width, byte target, Span<float> squared)
        {
            // Columns: the distance along the column to the nearest target, by two scans (the 1-D transform of a
            // 0 / infinity function).
            for (int x = 0; x < width; x++)
            {
                float run = Infinity;
                for (int y = 0; y < height; y++)
                {
                    int i = (y * width) + x;
                    run = image[i] == target ? 0 : run >= Infinity ? Infinity : run + 1;
                    squared[i] = run;
                }

                run = Infinity;
                for (int y = height - 1; y >= 0; y--)
                {
                    int i = (y * width) + x;
                    run = image[i] == target ? 0 : run >= Infinity ? Infinity : run + 1;
                    float best = Math.Min(run, squared[i]);
                    squared[i] = best >= Infinity ? Infinity : best * best;
                }
            }

            // Rows: the lower envelope of the column distances' parabolas.
            for (int y = 0; y < height; y++)
            {
                var row = squared.Slice(y * width, width);
                bool any = false;
                for (int x = 0; x < width; x++)
                {
                    _line[x] = row[x];
                    any |= row[x] < Infinity;
                }

                if (!any)
                {
                    continue;
                }

                Envelope(width);
                _out.AsSpan(0, width).CopyTo(row);
            }
        }

        /// <summary>
        /// One step of the separable transform on a line of squared distances (at most the constructor's length): each
        /// value becomes the least of f(p) + (q - p)^2 over the line. The volume transform applies it along each axis.
        /// </summary>
        public void EnvelopeInPlace(Span<float> values)
        {
            values.CopyTo(_line);
            Envelope(values.Length);
            _out.AsSpan(0, values.Length).CopyTo(values);
        }

        /// <summary>Where the parabolas rooted at <paramref name="q"/> and <paramref name="p"/> intersect.</summary>
        private static float Intersection(float[] f, int q, int p)
            => ((f[q] + (q * q)) - (f[p] + (p * p))) / (2f * (q - p));

        private void Envelope(int n)
        {
            var f = _line;
            var v = _v;
            var z = _z;
            int k = 0;
            v[0] = 0;
            z[0] = float.NegativeInfinity;
            z[1] = float.PositiveInfinity;
            for (int q = 1; q < n; q++)
            {
                // z[0] is minus infinity and every s is finite (Infinity is a large finite value), so k stays >= 0.
                float s = Intersection(f, q, v[k]);
                while (s <= z[k])
                {
                    k--;
                    s = Intersection(f, q, v[k]);
                }

                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = float.PositiveInfinity;
            }

            k = 0;
            for (int q = 0; q < n; q++)
            {
                while (z[k + 1] < q)
                {
                    k++;
                }

                int p = v[k];
                float d = ((q - p) * (q - p)) + f[p];
                _out[q] = d >= Infinity ? Infinity : d;
            }
        }
    }
}
