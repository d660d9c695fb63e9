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
    /// <param name="HeldOut">Whether a tenth of the training images is held out, annotations only, to keep the epoch
    /// whose held-out annotations are likeliest (no ground truth needed).</param>
    /// <param name="Guard">Whether the trainer's guard against the flipped solution is on (its default); without it,
    /// the paper's loss as published.</param>
    /// <param name="Trace">Which diagonal entries the trace term counts (the paper's: every one).</param>
    internal sealed record OursVariant(
        double Lambda,
        bool Warmup = true,
        int HeadBlocks = 0,
        AnnotationLikelihood Likelihood = AnnotationLikelihood.Independent,
        ConfusionMatrixKind Kind = ConfusionMatrixKind.PixelWise,
        bool HeldOut = false,
        bool Guard = true,
        TraceWeighting Trace = TraceWeighting.Uniform)
    {
        /// <summary>The method key: ours-lambda, then -no-warmup, -heads-N, -global, -shared, -heldout, -weighted, -unguarded for each departure.</summary>
        public string Key => FormattableString.Invariant($"ours-{Lambda}") + string.Concat(Departures().Select(d => d.Key));

        /// <summary>The row title in the report's tables.</summary>
        public string Title => FormattableString.Invariant($"Ours, lambda = {Lambda}") + string.Concat(Departures().Select(d => d.Title));

        // Each departure from the paper's configuration, as a key suffix and a title suffix, in a fixed order.
        private IEnumerable<(string Key, string Title)> Departures()
        {
            if (!Warmup)
            {
                yield return ("-no-warmup", ", no warm-up");
            }

            if (HeadBlocks != 0)
            {
                yield return (FormattableString.Invariant($"-heads-{HeadBlocks}"), FormattableString.Invariant($", {HeadBlocks}-block heads"));
            }

            if (Kind == ConfusionMatrixKind.Global)
            {
                yield return ("-global", ", global matrices");
            }

            if (Likelihood == AnnotationLikelihood.SharedTruth)
            {
                yield return ("-shared", ", shared-truth likelihood");
            }

            if (HeldOut)
            {
                yield return ("-heldout", ", epoch chosen on held-out annotations");
            }

            if (Trace == TraceWeighting.Predicted)
            {
                yield return ("-weighted", ", trace weighted by p");
            }

            if (!Guard)
            {
                yield return ("-unguarded", ", no flip guard");
            }
        }
    }
}
