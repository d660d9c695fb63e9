using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>Element-wise operations on spans, vectorised with <see cref="Vector{T}"/>.</summary>
    internal static class VectorOps
    {
        /// <summary>destination = source, class bytes written as floats (the fusion outputs' type).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Widen(ReadOnlySpan<byte> source, Span<float> destination)
        {
            int n = source.Length;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // One byte vector widens to four float vectors.
                int step = Vector<byte>.Count;
                var target = MemoryMarshal.Cast<float, Vector<float>>(destination.Slice(0, n));
                for (; i + step <= n; i += step)
                {
                    Vector.Widen(new Vector<byte>(source.Slice(i, step)), out var low, out var high);
                    Vector.Widen(low, out var a, out var b);
                    Vector.Widen(high, out var c, out var d);
                    int v = i / Vector<float>.Count;
                    target[v] = Vector.ConvertToSingle(a);
                    target[v + 1] = Vector.ConvertToSingle(b);
                    target[v + 2] = Vector.ConvertToSingle(c);
                    target[v + 3] = Vector.ConvertToSingle(d);
                }
            }

            for (; i < n; i++)
            {
                destination[i] = source[i];
            }
        }

        /// <summary>destination = source, rounded to floats (the fusion outputs' type).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
        {
            int n = source.Length;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int step = Vector<double>.Count;
                var target = MemoryMarshal.Cast<float, Vector<float>>(destination.Slice(0, n));
                var values = MemoryMarshal.Cast<double, Vector<double>>(source);
                for (int v = 0; v < target.Length; v++)
                {
                    target[v] = Vector.Narrow(values[2 * v], values[(2 * v) + 1]);
                }

                i = target.Length * 2 * step;
            }

            for (; i < n; i++)
            {
                destination[i] = (float)source[i];
            }
        }

        /// <summary>destination += source.</summary>
        public static void Add(Span<double> destination, ReadOnlySpan<double> source)
        {
            var d = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var s = MemoryMarshal.Cast<double, Vector<double>>(source.Slice(0, destination.Length));
            for (int i = 0; i < d.Length; i++)
            {
                d[i] += s[i];
            }

            for (int i = d.Length * Vector<double>.Count; i < destination.Length; i++)
            {
                destination[i] += source[i];
            }
        }

        /// <summary>
        /// destination = previous + add - remove, where an empty <paramref name="add"/> or <paramref name="remove"/>
        /// counts as zero: one step of a running window sum over whole rows.
        /// </summary>
        public static void Slide(Span<double> destination, ReadOnlySpan<double> previous, ReadOnlySpan<double> add, ReadOnlySpan<double> remove)
        {
            if (add.IsEmpty && remove.IsEmpty)
            {
                previous.CopyTo(destination);
                return;
            }

            int n = destination.Length;
            var d = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var p = MemoryMarshal.Cast<double, Vector<double>>(previous.Slice(0, n));
            int vectorEnd = d.Length * Vector<double>.Count;
            if (remove.IsEmpty)
            {
                var a = MemoryMarshal.Cast<double, Vector<double>>(add.Slice(0, n));
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = p[i] + a[i];
                }

                for (int i = vectorEnd; i < n; i++)
                {
                    destination[i] = previous[i] + add[i];
                }
            }
            else if (add.IsEmpty)
            {
                var r = MemoryMarshal.Cast<double, Vector<double>>(remove.Slice(0, n));
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = p[i] - r[i];
                }

                for (int i = vectorEnd; i < n; i++)
                {
                    destination[i] = previous[i] - remove[i];
                }
            }
            else
            {
                var a = MemoryMarshal.Cast<double, Vector<double>>(add.Slice(0, n));
                var r = MemoryMarshal.Cast<double, Vector<double>>(remove.Slice(0, n));
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = p[i] + a[i] - r[i];
                }

                for (int i = vectorEnd; i < n; i++)
                {
                    destination[i] = previous[i] + add[i] - remove[i];
                }
            }
        }
    }
}
