using System.Text;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>
    /// One configuration of the proposed model in the experiments: the paper's (pixel-wise 1x1 heads, its loss, the
    /// identity warm-up) at some lambda, or a named departure from it. Its key and title name every departure.
    /// </summary>
    /// <param name="Lambda">Weight of the trace term, on the paper's scale (summed over annotators).</param>
    /// <param name="Warmup">Whether the profile's identity warm-up runs.</param>
    /// <param name="HeadBlocks">3x3 blocks in each annotator's pixel-wise head (0: a 1x1 head).</param>
    /// <param name="Likelihood">How a pixel's annotations are scored.</param>
    /// <param name="Kind">Pixel-wise or global confusion matrices.</param>
    internal sealed record OursVariant(
        double Lambda,
        bool Warmup = true,
        int HeadBlocks = 0,
        AnnotationLikelihood Likelihood = AnnotationLikelihood.Independent,
        ConfusionMatrixKind Kind = ConfusionMatrixKind.PixelWise)
    {
        /// <summary>The method key: ours-lambda, then -no-warmup, -heads-N, -global, -shared for each departure.</summary>
        public string Key
        {
            get
            {
                var key = new StringBuilder(FormattableString.Invariant($"ours-{Lambda}"));
                key.Append(Warmup ? string.Empty : "-no-warmup");
                key.Append(HeadBlocks == 0 ? string.Empty : FormattableString.Invariant($"-heads-{HeadBlocks}"));
                key.Append(Kind == ConfusionMatrixKind.Global ? "-global" : string.Empty);
                key.Append(Likelihood == AnnotationLikelihood.SharedTruth ? "-shared" : string.Empty);
                return key.ToString();
            }
        }

        /// <summary>The row title in the report's tables.</summary>
        public string Title
        {
            get
            {
                var title = new StringBuilder(FormattableString.Invariant($"Ours, lambda = {Lambda}"));
                title.Append(Warmup ? string.Empty : ", no warm-up");
                title.Append(HeadBlocks == 0 ? string.Empty : FormattableString.Invariant($", {HeadBlocks}-block heads"));
                title.Append(Kind == ConfusionMatrixKind.Global ? ", global matrices" : string.Empty);
                title.Append(Likelihood == AnnotationLikelihood.SharedTruth ? ", shared-truth likelihood" : string.Empty);
                return title.ToString();
            }
        }
    }
}
