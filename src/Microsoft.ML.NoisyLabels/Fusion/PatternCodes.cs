using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The label patterns of one image read straight from the annotators' canonical float buffers (as the fusion
    /// mappings receive them), in one pass: each pixel's values are checked (<see cref="LabelValues.Valid"/>: integral
    /// class indices) and combined into its code, sum_k label_k L^k over the present annotators (the code of
    /// <see cref="LabelPatterns"/>), stored as a byte and counted. Nothing else is written per pixel: no decoded
    /// labels [R, P], no copy. A method whose result per pattern is known beforehand (voting) also writes its fused
    /// label in that pass; the others write theirs in a second pass over the codes (<see cref="Spread"/>).
    /// Codes fit in a byte: L^R' &lt;= <see cref="MaxCodes"/> (two classes and up to eight annotators, three classes and
    /// up to five); beyond, the mappings decode the labels first.
    /// </summary>
    internal static unsafe class PatternCodes
    {
        /// <summary>The most codes (L^R') coded in a byte.</summary>
        public const int MaxCodes = 256;

        /// <summary>The entries of the scratch counts <see cref="Encode"/> needs for <paramref name="tableSize"/> codes.</summary>
        public static int ScratchLength(int tableSize) => Tables * tableSize;

        /// <summary>The most annotators read at once (the fusion mappings' input slots).</summary>
        public const int MaxRaters = 8;

        /// <summary>Pixels above which the passes run in chunks on every core.</summary>
        private const int ParallelPixels = 1 << 20;

        /// <summary>Count tables per chunk: consecutive pixels count into different tables, so that a run of pixels
        /// with one code does not wait on one counter.</summary>
        private const int Tables = 4;

        /// <summary>
        /// Codes the pixels of the annotators in <paramref name="rows"/> (each <paramref name="pixels"/> values, pinned),
        /// writes each pixel's code to <paramref name="codes"/>, the pixels of each code to
        /// <paramref name="counts"/>[0..L^R'), and, when <paramref name="fusedOfCode"/> is not null, each pixel's fused
        /// label fusedOfCode[code] to <paramref name="fused"/>. <paramref name="scratch"/> (at least 4 L^R' entries)
        /// holds the counts of a small image. Returns false as soon as a value is not a class label:
        /// the caller then decodes the labels one annotator at a time, which reports the value.
        /// </summary>
        public static bool Encode(float** rows, int raters, int classes, int pixels, byte* codes, int[] counts, int[] scratch, float* fusedOfCode, float* fused)
        {
            int tableSize = 1;
            for (int k = 0; k < raters; k++)
            {
                tableSize *= classes;
            }

            Array.Clear(counts, 0, tableSize);
            if (pixels < ParallelPixels || Environment.ProcessorCount == 1)
            {
                var local = scratch;
                Array.Clear(local, 0, Tables * tableSize);
                bool ok = EncodeRange(rows, raters, classes, 0, pixels, codes, local, tableSize, fusedOfCode, fused);
                Merge(local, counts, tableSize);
                return ok;
            }

            int chunks = Environment.ProcessorCount * 4;
            bool valid = true;
            var sync = new object();
            Parallel.For(0, chunks, () => new int[Tables * tableSize], (c, state, local) =>
            {
                int start = (int)((long)c * pixels / chunks);
                int end = (int)((long)(c + 1) * pixels / chunks);
                if (!EncodeRange(rows, raters, classes, start, end, codes, local, tableSize, fusedOfCode, fused))
                {
                    valid = false;
                    state.Stop();
                }

                return local;
            }, local =>
            {
                lock (sync)
                {
                    Merge(local, counts, tableSize);
                }
            });
            return valid;
        }

        /// <summary>
        /// Writes the per-pixel outputs from the codes: fused[i] = fusedOfCode[code] when <paramref name="fused"/> is
        /// not null, and posterior[c, i] = posteriorOfCode[c, code] ([L, L^R'], class-major) when
        /// <paramref name="posterior"/> is not null.
        /// </summary>
        public static void Spread(byte* codes, int pixels, float[] fusedOfCode, float* fused, float[] posteriorOfCode, float* posterior, int classes, int tableSize)
        {
            if (pixels < ParallelPixels || Environment.ProcessorCount == 1)
            {
                SpreadRange(codes, 0, pixels, pixels, fusedOfCode, fused, posteriorOfCode, posterior, classes, tableSize);
                return;
            }

            int chunks = Environment.ProcessorCount * 4;
            Parallel.For(0, chunks, c => SpreadRange(
                codes, (int)((long)c * pixels / chunks), (int)((long)(c + 1) * pixels / chunks), pixels, fusedOfCode, fused, posteriorOfCode, posterior, classes, tableSize));
        }

        private static void Merge(int[] local, int[] counts, int tableSize)
        {
            for (int t = 0; t < Tables; t++)
            {
                for (int code = 0; code < tableSize; code++)
                {
                    counts[code] += local[(t * tableSize) + code];
                }
            }
        }

        // Hot loops over every pixel, run once per image: compiled optimised at once (see LabelPatterns.Code).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool EncodeRange(float** rows, int raters, int classes, int start, int end, byte* codes, int[] counts, int tableSize, float* fusedOfCode, float* fused)
        {
            int i = start;
            fixed (int* table = counts)
            {
                if (Vector256.IsHardwareAccelerated)
                {
                    var zero = Vector256<float>.Zero;
                    var largest = Vector256.Create((float)(classes - 1));
                    for (; i + 32 <= end; i += 32)
                    {
                        // 32 pixels at a time: the codes add up as floats (exact: integers below 256), in registers.
                        Vector256<float> a = zero, b = zero, c = zero, d = zero;
                        var valid = Vector256<float>.AllBitsSet;
                        float multiplier = 1;
                        for (int k = 0; k < raters; k++)
                        {
                            float* row = rows[k] + i;
                            var va = Vector256.Load(row);
                            var vb = Vector256.Load(row + 8);
                            var vc = Vector256.Load(row + 16);
                            var vd = Vector256.Load(row + 24);
                            valid &= LabelValues.Valid(va, zero, largest) & LabelValues.Valid(vb, zero, largest)
                                & LabelValues.Valid(vc, zero, largest) & LabelValues.Valid(vd, zero, largest);
                            var m = Vector256.Create(multiplier);
                            a += va * m;
                            b += vb * m;
                            c += vc * m;
                            d += vd * m;
                            multiplier *= classes;
                        }

                        if (!LabelValues.AllSet(valid))
                        {
                            return false;
                        }

                        var low = Vector256.Narrow(Vector256.ConvertToUInt32(a), Vector256.ConvertToUInt32(b));
                        var high = Vector256.Narrow(Vector256.ConvertToUInt32(c), Vector256.ConvertToUInt32(d));
                        byte* block = codes + i;
                        Vector256.Narrow(low, high).Store(block);
                        for (int j = 0; j < 32; j += Tables)
                        {
                            table[block[j]]++;
                            table[tableSize + block[j + 1]]++;
                            table[(2 * tableSize) + block[j + 2]]++;
                            table[(3 * tableSize) + block[j + 3]]++;
                        }

                        if (fusedOfCode != null)
                        {
                            float* target = fused + i;
                            for (int j = 0; j < 32; j++)
                            {
                                target[j] = fusedOfCode[block[j]];
                            }
                        }
                    }
                }

                for (; i < end; i++)
                {
                    int code = 0;
                    int multiplier = 1;
                    for (int k = 0; k < raters; k++)
                    {
                        float v = rows[k][i];
                        int label = (int)v;
                        if (label != v || (uint)label >= (uint)classes)
                        {
                            return false;
                        }

                        code += label * multiplier;
                        multiplier *= classes;
                    }

                    codes[i] = (byte)code;
                    table[code]++;
                    if (fusedOfCode != null)
                    {
                        fused[i] = fusedOfCode[code];
                    }
                }
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void SpreadRange(byte* codes, int start, int end, int pixels, float[] fusedOfCode, float* fused, float[] posteriorOfCode, float* posterior, int classes, int tableSize)
        {
            fixed (float* fusedTable = fusedOfCode)
            fixed (float* posteriorTable = posteriorOfCode)
            {
                if (fused != null)
                {
                    for (int i = start; i < end; i++)
                    {
                        fused[i] = fusedTable[codes[i]];
                    }
                }

                if (posterior != null)
                {
                    for (int c = 0; c < classes; c++)
                    {
                        float* target = posterior + ((long)c * pixels);
                        float* source = posteriorTable + (c * tableSize);
                        for (int i = start; i < end; i++)
                        {
                            target[i] = source[codes[i]];
                        }
                    }
                }
            }
        }
    }
}
