using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The coded path of the fusion mappings, for the methods whose result at a pixel depends only on the labels there
    /// (majority vote, mean label, STAPLE): the annotators' float buffers are read once, in place, into one byte code
    /// per pixel and the pixels of each code (<see cref="PatternCodes"/>); the method runs on the patterns; each output
    /// is written once, as floats, from per-code tables. It gives the values of the decoding path (same patterns, in
    /// the same order, same arithmetic) and leaves to it every case it does not cover: Spatial STAPLE, sparse or
    /// concatenated inputs, more codes than a byte holds, rows with no annotation or with a bad value (which the
    /// decoding path reports).
    /// </summary>
    internal sealed partial class FusionKernel
    {
        private unsafe bool TryMapCoded(
            FusionMappingSettings settings, SlotMappingInput source, int pixels, Buffers buffers, float[] fused, float[] posterior, float[] confusion, out FusionStatistics statistics)
        {
            statistics = default;
            int raters = settings.Names.Length;
            int classes = settings.Classes;
            if (_method == FusionMethod.SpatialStaple || raters > PatternCodes.MaxRaters || pixels == 0)
            {
                return false;
            }

            // Which annotators labelled the row: a missing annotation is NaN everywhere (a partial one is reported by
            // the decoding path).
            var present = buffers.Present.AsSpan(0, raters);
            int presentCount = 0;
            for (int r = 0; r < raters; r++)
            {
                ref readonly var buffer = ref source.Slot(r);
                if (!buffer.IsDense || buffer.Length != pixels)
                {
                    return false;
                }

                var values = buffer.GetValues();
                present[r] = !float.IsNaN(values[0]);
                if (!present[r] && LabelValues.FirstPresent(values) >= 0)
                {
                    return false;
                }

                presentCount += present[r] ? 1 : 0;
            }

            long tableSize = LabelPatterns.TableSize(presentCount, classes);
            if (presentCount == 0 || tableSize > PatternCodes.MaxCodes)
            {
                return false;
            }

            settings.Staple?.Validate(classes);
            int codes = (int)tableSize;
            buffers.EnsureCoded(pixels, presentCount, classes, posterior.Length > 0);
            var indices = buffers.PresentIndices;
            for (int r = 0, k = 0; r < raters; r++)
            {
                if (present[r])
                {
                    indices[k++] = r;
                }
            }

            var workspace = buffers.Workspace;
            var counts = workspace.Ints(FusionWorkspace.Slot.PatternTable, codes);
            var scratch = workspace.Ints(FusionWorkspace.Slot.PatternCounts, PatternCodes.ScratchLength(codes));
            var confusionValues = confusion.Length > 0 ? buffers.Confusion.AsSpan(0, confusion.Length) : Span<double>.Empty;
            var fusedOfCode = buffers.FusedOfCode;
            bool vote = _method != FusionMethod.Staple;
            LabelPatterns patterns;
            double[] patternPosterior;
            fixed (float* a0 = source.A0.GetValues(), a1 = source.A1.GetValues(), a2 = source.A2.GetValues(), a3 = source.A3.GetValues(),
                a4 = source.A4.GetValues(), a5 = source.A5.GetValues(), a6 = source.A6.GetValues(), a7 = source.A7.GetValues())
            fixed (byte* codesOfPixels = buffers.Codes)
            fixed (float* fusedTarget = fused)
            fixed (float* fusedTable = fusedOfCode)
            {
                var slots = stackalloc float*[PatternCodes.MaxRaters] { a0, a1, a2, a3, a4, a5, a6, a7 };
                var rows = stackalloc float*[presentCount];
                for (int k = 0; k < presentCount; k++)
                {
                    rows[k] = slots[indices[k]];
                }

                if (vote)
                {
                    // A vote's result per pattern does not depend on the counts: known for every code before the pass,
                    // which then writes the fused labels too.
                    patterns = LabelPatterns.AllCodes(codes, presentCount, classes, workspace);
                    (var fusedOfPattern, patternPosterior) = VoteFractions.PerPattern(patterns, classes, workspace, oneHot: _method == FusionMethod.MajorityVote);
                    for (int code = 0; code < codes; code++)
                    {
                        fusedOfCode[code] = fusedOfPattern[code];
                    }

                    if (!PatternCodes.Encode(rows, presentCount, classes, pixels, codesOfPixels, counts, scratch, fusedTable, fusedTarget))
                    {
                        return false;
                    }

                    patterns.SetWeights(counts);
                    PatternOutputs.Confusion(patterns, patternPosterior, classes, indices, present, confusionValues);
                }
                else
                {
                    if (!PatternCodes.Encode(rows, presentCount, classes, pixels, codesOfPixels, counts, scratch, null, null))
                    {
                        return false;
                    }

                    patterns = LabelPatterns.FromCounts(counts, codes, presentCount, classes, workspace);
                    statistics = Staple.PerPattern(patterns, indices, present, classes, settings.Staple!, confusionValues, workspace, out var fusedOfPattern, out patternPosterior);
                    for (int code = 0; code < codes; code++)
                    {
                        fusedOfCode[code] = fusedOfPattern[patterns.PatternOfCode(code)];
                    }
                }

                if (posterior.Length > 0)
                {
                    var posteriorOfCode = buffers.PosteriorOfCode;
                    for (int code = 0; code < codes; code++)
                    {
                        int u = patterns.PatternOfCode(code);
                        for (int c = 0; c < classes; c++)
                        {
                            posteriorOfCode[(c * codes) + code] = (float)patternPosterior[(u * classes) + c];
                        }
                    }
                }

                fixed (float* posteriorTarget = posterior)
                {
                    if (!vote || posterior.Length > 0)
                    {
                        PatternCodes.Spread(codesOfPixels, pixels, fusedOfCode, vote ? null : fusedTarget, buffers.PosteriorOfCode, posterior.Length > 0 ? posteriorTarget : null, classes, codes);
                    }
                }
            }

            VectorOps.Narrow(confusionValues, confusion);
            return true;
        }
    }
}
