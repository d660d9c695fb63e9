using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// Checks and converts one label map in the package's canonical float form (class index, NaN for "no label")
    /// into class bytes. The one place that decides what a valid annotation is.
    /// </summary>
    internal static class LabelValues
    {
        /// <summary>The most classes a label map may have: labels are stored as bytes.</summary>
        public const int MaxClasses = 255;

        /// <summary>Values above which a map is decoded in chunks on every core.</summary>
        private const int ParallelValues = 1 << 20;

        /// <summary>
        /// Converts <paramref name="values"/> into <paramref name="labels"/>. Returns false when every value is
        /// missing (the annotator did not label this image; <paramref name="labels"/> is then left as is).
        /// </summary>
        /// <param name="values">Canonical values: integral class indices 0..classes-1, or NaN.</param>
        /// <param name="classes">The number of classes L.</param>
        /// <param name="labels">Receives the classes; must be as long as <paramref name="values"/>.</param>
        /// <param name="describe">Describes where the values come from, for error messages (column and row).</param>
        /// <exception cref="InvalidOperationException">A value is not an integral class index below
        /// <paramref name="classes"/>, or only some values are missing. The message names the pixel and the value.</exception>
        public static bool TryDecode(ReadOnlySpan<float> values, int classes, Span<byte> labels, Func<string> describe)
        {
            if (values.Length == 0)
            {
                return false;
            }

            if (float.IsNaN(values[0]))
            {
                // An annotation is either complete or entirely missing.
                int present = FirstPresent(values);
                if (present >= 0)
                {
                    throw PartiallyMissing(describe, present);
                }

                return false;
            }

            // The fast pass converts the valid prefix; the exact check below reports the first bad value, if any.
            int decoded = DecodeValid(values, classes, labels);
            for (int i = decoded; i < values.Length; i++)
            {
                float v = values[i];
                if (float.IsNaN(v))
                {
                    throw PartiallyMissing(describe, i);
                }

                // One comparison rejects negatives, fractions and values >= classes.
                int label = (int)v;
                if (label != v || (uint)label >= (uint)classes)
                {
                    throw new InvalidOperationException(
                        $"{describe()}: value {v} at pixel {i} is not a class label: expected an integer in 0..{classes - 1} " +
                        $"(key columns: a key in 1..{classes}).");
                }

                labels[i] = (byte)label;
            }

            return true;
        }

        /// <summary>
        /// Converts the longest prefix of valid labels (integers in 0..classes-1) and returns its length; large maps are
        /// converted in chunks on every core, and then the prefix ends at the first chunk holding a bad value.
        /// </summary>
        private static unsafe int DecodeValid(ReadOnlySpan<float> values, int classes, Span<byte> labels)
        {
            int n = values.Length;
            if (n < ParallelValues || Environment.ProcessorCount == 1)
            {
                return DecodeRange(values, classes, labels);
            }

            int chunks = Environment.ProcessorCount * 4;
            var decoded = new int[chunks];
            fixed (float* source = values)
            fixed (byte* target = labels)
            {
                // Spans cannot enter the parallel lambda: the caller's memory is passed as pointers while it is pinned.
                float* s = source;
                byte* t = target;
                Parallel.For(0, chunks, c =>
                {
                    int start = (int)((long)c * n / chunks);
                    int end = (int)((long)(c + 1) * n / chunks);
                    decoded[c] = start + DecodeRange(new ReadOnlySpan<float>(s + start, end - start), classes, new Span<byte>(t + start, end - start));
                });
            }

            for (int c = 0; c < chunks; c++)
            {
                if (decoded[c] < (int)((long)(c + 1) * n / chunks))
                {
                    return decoded[c];
                }
            }

            return n;
        }

        /// <summary>
        /// Converts values while they are class labels (integers in 0..classes-1) and returns how many were converted:
        /// 32 at a time while all 32 are (equal to their floor, which NaN is not, and in range), then one at a time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int DecodeRange(ReadOnlySpan<float> values, int classes, Span<byte> labels)
        {
            int n = values.Length;
            int i = Vector256.IsHardwareAccelerated ? DecodeVectors(values, classes, labels) : 0;
            for (; i < n; i++)
            {
                float v = values[i];
                int label = (int)v;
                if (label != v || (uint)label >= (uint)classes)
                {
                    break;
                }

                labels[i] = (byte)label;
            }

            return i;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int DecodeVectors(ReadOnlySpan<float> values, int classes, Span<byte> labels)
        {
            int n = values.Length;
            int i = 0;
            ref float source = ref MemoryMarshal.GetReference(values);
            ref byte target = ref MemoryMarshal.GetReference(labels);
            var zero = Vector256<float>.Zero;
            var largest = Vector256.Create((float)(classes - 1));
            for (; i + 32 <= n; i += 32)
            {
                var a = Vector256.LoadUnsafe(ref source, (nuint)i);
                var b = Vector256.LoadUnsafe(ref source, (nuint)(i + 8));
                var c = Vector256.LoadUnsafe(ref source, (nuint)(i + 16));
                var d = Vector256.LoadUnsafe(ref source, (nuint)(i + 24));
                var valid = Valid(a, zero, largest) & Valid(b, zero, largest) & Valid(c, zero, largest) & Valid(d, zero, largest);
                if (!AllSet(valid))
                {
                    break;
                }

                var low = Vector256.Narrow(Vector256.ConvertToUInt32(a), Vector256.ConvertToUInt32(b));
                var high = Vector256.Narrow(Vector256.ConvertToUInt32(c), Vector256.ConvertToUInt32(d));
                Vector256.Narrow(low, high).StoreUnsafe(ref target, (nuint)i);
            }

            return i;
        }

        /// <summary>
        /// True when every lane of a comparison mask is set. Compared as integers: as floats, an all-bits-set lane is
        /// NaN, which equals nothing (not even itself), so <c>mask == Vector256&lt;float&gt;.AllBitsSet</c> is never true.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool AllSet(Vector256<float> mask) => mask.AsUInt32() == Vector256<uint>.AllBitsSet;

        /// <summary>All bits set in the lanes that hold a class label (an integer in 0..largest; NaN is not).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<float> Valid(Vector256<float> v, Vector256<float> zero, Vector256<float> largest)
            => Vector256.Equals(v, Vector256.Floor(v)) & Vector256.GreaterThanOrEqual(v, zero) & Vector256.LessThanOrEqual(v, largest);

        /// <summary>The index of the first value that is not NaN, or -1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static int FirstPresent(ReadOnlySpan<float> values)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref float source = ref MemoryMarshal.GetReference(values);
                for (; i + 8 <= values.Length; i += 8)
                {
                    var v = Vector256.LoadUnsafe(ref source, (nuint)i);
                    // NaN is the only value not equal to itself.
                    if (Vector256.Equals(v, v) != Vector256<float>.Zero)
                    {
                        break;
                    }
                }
            }

            for (; i < values.Length; i++)
            {
                if (!float.IsNaN(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static InvalidOperationException PartiallyMissing(Func<string> describe, int pixel)
            => new InvalidOperationException(
                $"{describe()}: the annotation is missing at some pixels only (first at pixel {pixel}). " +
                "An annotation is either complete or entirely missing (NaN, or the missing key, at every pixel).");
    }
}
