using System.Numerics;
using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>Element-wise operations on spans of doubles, vectorised with <see cref="Vector{T}"/>.</summary>
    internal static class VectorOps
    {
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
