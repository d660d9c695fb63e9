using Microsoft.ML.NoisyLabels.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// The guard against the flipped solution (docs/METHOD.md, section 2). The trace term is smallest when every
    /// matrix's columns are swapped and p is the complement of the truth: that explains the annotations as well as the
    /// right solution and has the trace of the annotators' errors, so the trace term itself pulls towards it, harder
    /// with a larger lambda and longer training. The method's identifiability rests on the annotators' average
    /// confusion matrix being diagonally dominant (on average they are right more often than not about each class);
    /// this term holds training to that assumption, and is exactly zero (no gradient) while it holds.
    /// </summary>
    /// <remarks>
    /// Per batch, each annotator's matrix is averaged over the pixels of each true class as p sees it: column j of
    /// annotator r is sum_x p_j(x) A(r)(x)[:, j] / sum_x p_j(x) over the images r labelled; the annotators' average of
    /// those is the batch's average matrix M. For each class j the term is relu(margin - (M[j, j] - max over i != j of
    /// M[i, j])), summed over classes. p is detached: the term moves the matrices back, and the cross-entropy then moves
    /// p back with them; letting the term move p instead would let it pick which pixels count. Averaging over the batch,
    /// not per pixel, matters: where most annotators miss a stroke, that pixel's average matrix is rightly not
    /// dominant; it is the class-wide average that a flip reverses.
    /// </remarks>
    internal static class DiagonalDominance
    {
        /// <summary>The guard's penalty, a scalar.</summary>
        /// <param name="logProbabilities">log p, [N, L, H, W].</param>
        /// <param name="logConfusion">log A, [N or 1, R, L(observed), L(true), H or 1, W or 1].</param>
        /// <param name="present">1 where annotator r labelled image n, float [N, R].</param>
        /// <param name="margin">How far each diagonal entry must exceed the largest other entry of its column.</param>
        public static Tensor Penalty(Tensor logProbabilities, Tensor logConfusion, Tensor present, double margin)
        {
            var (columns, labelled) = ClassAverages(logProbabilities, logConfusion, present);
            long annotators = present.shape[1];
            long classes = logProbabilities.shape[1];
            using var tiny = 1e-6.ToScalar();
            using var marginScalar = margin.ToScalar();
            using var minusOne = (-1.0).ToScalar();

            // Average over the annotators who labelled something in the batch.
            var weights = labelled.to_type(columns.dtype);
            var average = (columns * weights.reshape(annotators, 1, 1)).sum(0, keepdim: false) / weights.sum().clamp_min(tiny); // [L, L]
            var diagonal = average.diagonal(); // [L]
            var largestOther = average.masked_fill(eye(classes, dtype: ScalarType.Bool, device: average.device), minusOne).max(0).values; // [L]
            return (largestOther - diagonal).add(marginScalar, HeldScalars.One).relu().sum();
        }

        /// <summary>
        /// The penalty of per-annotator priors (<see cref="AnnotatorConfusionTrainer.Options.AnnotatorDiagonalFloors"/>):
        /// for each annotator r with a floor f(r) who labelled something in the batch and each true class j, relu(f(r) -
        /// M(r)[j, j]), M(r) being r's matrix averaged over the pixels of each true class as p sees them; summed.
        /// </summary>
        /// <param name="logProbabilities">log p, [N, L, H, W].</param>
        /// <param name="logConfusion">log A, [N or 1, R, L(observed), L(true), H or 1, W or 1].</param>
        /// <param name="present">1 where annotator r labelled image n, float [N, R].</param>
        /// <param name="floors">Each annotator's floor, 0 for none, float [R].</param>
        public static Tensor FloorPenalty(Tensor logProbabilities, Tensor logConfusion, Tensor present, Tensor floors)
        {
            var (columns, labelled) = ClassAverages(logProbabilities, logConfusion, present);
            var diagonals = columns.diagonal(0, 1, 2); // [R, L]
            var shortfall = (floors.unsqueeze(1) - diagonals).relu() * labelled.to_type(columns.dtype).unsqueeze(1);
            return shortfall.sum();
        }

        // Each annotator's matrix averaged over the pixels of each true class as p (detached) sees them, over the images
        // that annotator labelled: [R, L, L]; and whether the annotator labelled any image of the batch: bool [R].
        private static (Tensor Columns, Tensor Labelled) ClassAverages(Tensor logProbabilities, Tensor logConfusion, Tensor present)
        {
            long images = logProbabilities.shape[0];
            long annotators = present.shape[1];
            long classes = logProbabilities.shape[1];
            using var tiny = 1e-6.ToScalar();

            // Weight of pixel x of image n for annotator r and true class j: [N, R, 1, L, H, W].
            var p = logProbabilities.detach().exp().reshape(images, 1, 1, classes, logProbabilities.shape[2], logProbabilities.shape[3]);
            var weights = p * present.reshape(images, annotators, 1, 1, 1, 1);
            long[] pixels = { 0, 4, 5 };
            var mass = weights.sum(pixels, keepdim: false); // [R, 1, L]
            var columns = (logConfusion.exp() * weights).sum(pixels, keepdim: false) / mass.clamp_min(tiny); // [R, L, L]
            var labelled = present.sum(0, keepdim: false).gt(HeldScalars.Zero); // [R]
            return (columns, labelled);
        }
    }
}
