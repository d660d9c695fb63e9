using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Window sums wanted only at a sorted list of pixels (Spatial STAPLE's estimated pixels), for several channels at
    /// once, stored interleaved (<c>stride</c> values per pixel); windows are clipped at the image borders. The image is
    /// cut into columns of <see cref="Tile"/> x <see cref="Tile"/> pixels in (y, x), each walked along z: a caller's
    /// <see cref="Filler"/> writes a slice of the column (grown by r in y) already summed along x, the sums along y are
    /// taken here with running sums, the last 2r+1 such slices stay in a ring, and each wanted pixel adds its entry of
    /// the slices within r of it. Slices of a column that no wanted pixel is near are skipped, a column's buffers stay
    /// in the cache, and no array the size of the image is needed; columns are spread over the cores when
    /// <c>parallel</c>.
    /// </summary>
    internal sealed class EstimatedWindowSums
    {
        /// <summary>The side of a column of the tiling, in pixels.</summary>
        public const int Tile = 32;

        private readonly ImageShape _shape;
        private readonly int _radius;
        private readonly int[] _points;
        private readonly int[] _rowStart;
        private readonly bool _parallel;
        private readonly ConcurrentBag<Buffers> _pool = new ConcurrentBag<Buffers>();

        /// <summary>
        /// Writes the channels of slice <paramref name="z"/>, rows [<paramref name="y0"/>, <paramref name="y1"/>) and
        /// columns [<paramref name="x0"/>, <paramref name="x1"/>), each summed over its window along x (clipped at the
        /// image border), into <paramref name="plane"/> at (((y - y0) * (x1 - x0)) + x - x0) * stride; or, as a clearer,
        /// sets back to 0 what the filler wrote there.
        /// </summary>
        public delegate void Filler(int z, int y0, int y1, int x0, int x1, double[] plane, int stride);

        public EstimatedWindowSums(ImageShape shape, int radius, int[] points, bool parallel)
        {
            _shape = shape;
            _radius = radius;
            _points = points;
            _parallel = parallel;
            int rows = shape.Depth * shape.Height;
            _rowStart = new int[rows + 1];
            int p = 0;
            for (int row = 0; row <= rows; row++)
            {
                while (p < points.Length && points[p] / shape.Width < row)
                {
                    p++;
                }

                _rowStart[row] = p;
            }
        }

        /// <summary>The first wanted pixel (index into the list) of each image row (z * Height + y); the last entry is the count.</summary>
        public ReadOnlySpan<int> RowStart => _rowStart;

        /// <summary>
        /// Window sums of the channels that <paramref name="fill"/> writes, at every wanted pixel, into
        /// <paramref name="result"/> [points, stride]. <paramref name="clear"/> null: the filler writes its whole part of
        /// the plane; otherwise the plane is all zeros before each fill and <paramref name="clear"/> restores that after
        /// it. <paramref name="stride"/> must be a multiple of <see cref="System.Numerics.Vector{T}.Count"/>.
        /// </summary>
        public void Sum(int stride, Filler fill, Filler? clear, double[] result)
        {
            int tilesY = (_shape.Height + Tile - 1) / Tile, tilesX = (_shape.Width + Tile - 1) / Tile;
            int tiles = tilesY * tilesX;
            if (!_parallel || tiles == 1)
            {
                var buffers = Rent(stride);
                for (int t = 0; t < tiles; t++)
                {
                    SumColumn(t / tilesX * Tile, t % tilesX * Tile, stride, fill, clear, result, buffers);
                }

                Return(buffers, clear);
                return;
            }

            Parallel.For(
                0,
                tiles,
                () => Rent(stride),
                (t, _, buffers) =>
                {
                    SumColumn(t / tilesX * Tile, t % tilesX * Tile, stride, fill, clear, result, buffers);
                    return buffers;
                },
                buffers => Return(buffers, clear));
        }

        private void SumColumn(int y0, int x0, int stride, Filler fill, Filler? clear, double[] result, Buffers buffers)
        {
            int r = _radius;
            int height = _shape.Height, width = _shape.Width;
            int y1 = Math.Min(height, y0 + Tile), x1 = Math.Min(width, x0 + Tile);
            int fy0 = Math.Max(0, y0 - r), fy1 = Math.Min(height, y1 + r);
            int columns = x1 - x0;
            int length = (fy1 - fy0) * columns * stride;
            int size = (2 * r) + 1;
            int computed = -1;
            for (int z = 0; z < _shape.Depth; z++)
            {
                if (!Any(z, y0, y1, x0, x1))
                {
                    continue;
                }

                int lo = Math.Max(0, z - r), hi = Math.Min(_shape.Depth - 1, z + r);
                computed = Math.Max(computed, lo - 1);
                while (computed < hi)
                {
                    computed++;
                    var plane = buffers.X;
                    fill(computed, fy0, fy1, x0, x1, plane, stride);
                    BoxFilter.AlongAxis(plane.AsSpan(0, length), buffers.Ring[computed % size].AsSpan(0, length), 1, fy1 - fy0, columns * stride, r);
                    clear?.Invoke(computed, fy0, fy1, x0, x1, plane, stride);
                }

                for (int y = y0; y < y1; y++)
                {
                    int row = (z * height) + y;
                    int offset = (y - fy0) * columns;
                    for (int i = _rowStart[row]; i < _rowStart[row + 1]; i++)
                    {
                        int x = _points[i] % width;
                        if (x < x0 || x >= x1)
                        {
                            continue;
                        }

                        int at = (offset + x - x0) * stride;
                        for (int v = 0; v < stride; v += Vector<double>.Count)
                        {
                            var sum = Vector<double>.Zero;
                            for (int s = lo; s <= hi; s++)
                            {
                                sum += Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(buffers.Ring[s % size]), (nuint)(at + v));
                            }

                            sum.CopyTo(result, (i * stride) + v);
                        }
                    }
                }
            }
        }

        /// <summary>Whether slice z of the column holds a wanted pixel.</summary>
        private bool Any(int z, int y0, int y1, int x0, int x1)
        {
            int width = _shape.Width;
            for (int y = y0; y < y1; y++)
            {
                int row = (z * _shape.Height) + y;
                for (int i = _rowStart[row]; i < _rowStart[row + 1]; i++)
                {
                    int x = _points[i] % width;
                    if (x >= x1)
                    {
                        break;
                    }

                    if (x >= x0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private Buffers Rent(int stride)
        {
            int length = Math.Min(_shape.Height, Tile + (2 * _radius)) * Math.Min(_shape.Width, Tile) * stride;
            if (_pool.TryTake(out var buffers) && buffers.X.Length >= length)
            {
                return buffers;
            }

            var ring = new double[(2 * _radius) + 1][];
            for (int s = 0; s < ring.Length; s++)
            {
                ring[s] = new double[length];
            }

            return new Buffers(new double[length], ring);
        }

        private void Return(Buffers buffers, Filler? clear)
        {
            if (clear is null)
            {
                // A filler that wrote the whole plane leaves it dirty for the next one, which expects zeros.
                Array.Clear(buffers.X);
            }

            _pool.Add(buffers);
        }

        private sealed record Buffers(double[] X, double[][] Ring);
    }
}
