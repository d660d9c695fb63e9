using Microsoft.ML.NoisyLabels.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>The loss of one batch and its two terms (scalars).</summary>
    internal readonly record struct LossTerms(Tensor Total, Tensor CrossEntropy, Tensor Trace);

    /// <summary>
    /// The loss of docs/METHOD.md, section 2: for each image n and each annotator r who labelled it, the mean over
    /// pixels of -log (A(r) p)[y~(r)], plus lambda times the mean over pixels of tr(A(r)); summed over annotators (the
    /// trace as <see cref="TraceNormalization"/> says) and averaged over the images of the batch. Missing annotations
    /// are multiplied by zero: they add nothing and receive no gradient. <see cref="AnnotationLikelihood.SharedTruth"/>
    /// replaces the sum of per-annotator cross-entropies by one term per pixel for all the image's annotators.
    /// </summary>
    internal static class NoisyLabelLoss
    {
        /// <summary>Computes the loss.</summary>
        /// <param name="logProbabilities">log p, [N, L, H, W].</param>
        /// <param name="logConfusion">log A, [N or 1, R, L(observed), L(true), H or 1, W or 1]; null for identity matrices
        /// (the warm-up, or a network without annotator heads): then each annotation is compared with p directly.</param>
        /// <param name="labels">Observed classes, int64 [N, R, H, W] (any value where the annotation is missing).</param>
        /// <param name="present">1 where annotator r labelled image n, else 0: float [N, R].</param>
        /// <param name="lambda">Weight of the trace term.</param>
        /// <param name="normalization">How the trace term is combined over annotators.</param>
        /// <param name="likelihood">How the annotations of a pixel are scored; identity matrices always use
        /// <see cref="AnnotationLikelihood.Independent"/>.</param>
        /// <param name="weighting">Which diagonal entries the trace term counts at each pixel.</param>
        public static LossTerms Compute(Tensor logProbabilities, Tensor? logConfusion, Tensor labels, Tensor present, double lambda, TraceNormalization normalization,
            AnnotationLikelihood likelihood = AnnotationLikelihood.Independent, TraceWeighting weighting = TraceWeighting.Uniform)
        {
            long images = logProbabilities.shape[0];
            long annotators = labels.shape[1];
            // Scalars are held through the calls that read them (docs/TORCHSHARP.md).
            using var imageCount = images.ToScalar();
            using var one = 1.ToScalar();
            var crossEntropy = logConfusion is not null && likelihood == AnnotationLikelihood.SharedTruth
                ? SharedTruthCrossEntropy(logProbabilities, logConfusion, labels, present)
                : IndependentCrossEntropy(logProbabilities, logConfusion, labels, present);

            Tensor trace;
            if (logConfusion is null || lambda == 0)
            {
                trace = zeros(1, device: logProbabilities.device).squeeze();
            }
            else
            {
                // tr(A) at each pixel, then the mean over pixels: [N or 1, R]. The diagonal is [N or 1, R, H or 1, W or 1, L].
                var diagonal = logConfusion.diagonal(offset: 0, dim1: 2, dim2: 3).exp();
                if (weighting == TraceWeighting.Predicted)
                {
                    // p detached: letting this term move p would push it towards the class whose column is least diagonal.
                    diagonal = diagonal * logProbabilities.detach().exp().permute(0, 2, 3, 1).unsqueeze(1);
                }

                var perPixelTrace = diagonal.sum(-1);
                var meanTrace = perPixelTrace.mean(new long[] { 2, 3 }).expand(images, annotators);
                var masked = meanTrace * present;
                trace = normalization == TraceNormalization.SumOverAnnotators
                    ? masked.sum().div(imageCount)
                    : (masked.sum(1) / present.sum(1).clamp_min(one)).sum().div(imageCount);
            }

            var total = crossEntropy;
            if (lambda != 0)
            {
                using var weight = lambda.ToScalar();
                total = crossEntropy.add(trace.mul(weight), HeldScalars.One);
            }

            return new LossTerms(total, crossEntropy, trace);
        }

        // Sum over present annotators of the mean over pixels of -log (A p)[y~], averaged over the images.
        private static Tensor IndependentCrossEntropy(Tensor logProbabilities, Tensor? logConfusion, Tensor labels, Tensor present)
        {
            long images = logProbabilities.shape[0];
            long annotators = labels.shape[1];
            long classes = logProbabilities.shape[1];
            Tensor logObserved;
            if (logConfusion is null)
            {
                logObserved = logProbabilities.unsqueeze(1).expand(images, annotators, classes, logProbabilities.shape[2], logProbabilities.shape[3]);
            }
            else
            {
                // log (A p)[i] = logsumexp_j (log A[i, j] + log p[j]): exact, no epsilon.
                var joint = logConfusion.add(logProbabilities.unsqueeze(1).unsqueeze(2), HeldScalars.One);
                logObserved = joint.logsumexp(3);
            }

            var logLikelihood = logObserved.gather(2, labels.unsqueeze(2)).squeeze(2);
            var perAnnotation = -logLikelihood.mean(new long[] { 2, 3 });
            using var imageCount = images.ToScalar();
            return (perAnnotation * present).sum().div(imageCount);
        }

        // Mean over pixels of -log sum_j p[j] prod_r A(r)[y~(r), j] (absent annotators contribute log 1), averaged over
        // the images.
        private static Tensor SharedTruthCrossEntropy(Tensor logProbabilities, Tensor logConfusion, Tensor labels, Tensor present)
        {
            long images = logProbabilities.shape[0];
            long annotators = labels.shape[1];
            long classes = logProbabilities.shape[1];
            long height = labels.shape[2], width = labels.shape[3];
            // log A(r)[y~(r), j] for every true class j: [N, R, L, H, W].
            var observed = labels.unsqueeze(2).unsqueeze(3).expand(images, annotators, 1, classes, height, width);
            var logAnnotation = logConfusion.expand(images, annotators, classes, classes, height, width).gather(2, observed).squeeze(2);
            var logAll = (logAnnotation * present.reshape(images, annotators, 1, 1, 1)).sum(1, keepdim: false);
            var logLikelihood = logAll.add(logProbabilities, HeldScalars.One).logsumexp(1);
            using var imageCount = images.ToScalar();
            return (-logLikelihood.mean(new long[] { 1, 2 }).sum()).div(imageCount);
        }

        /// <summary>
        /// The verified masks' term: for each image with a verified mask, the mean over pixels of -log p[v], summed over
        /// those images and divided by the batch's image count (the scale of one annotator's term). A verified mask is
        /// an annotation whose confusion matrix is known to be the identity: it pulls p towards the truth where it
        /// exists, and through p the annotator network learns what the others do on those images.
        /// </summary>
        /// <param name="logProbabilities">log p, [N, L, H, W].</param>
        /// <param name="verified">Verified classes, int64 [N, H, W] (any value where absent).</param>
        /// <param name="present">1 where image n has a verified mask, float [N].</param>
        public static Tensor VerifiedCrossEntropy(Tensor logProbabilities, Tensor verified, Tensor present)
        {
            var logLikelihood = logProbabilities.gather(1, verified.unsqueeze(1)).squeeze(1);
            var perImage = -logLikelihood.mean(new long[] { 1, 2 });
            using var imageCount = logProbabilities.shape[0].ToScalar();
            return (perImage * present).sum().div(imageCount);
        }

        /// <summary>
        /// Cross-entropy of a plain segmentation network against soft targets (class probabilities per pixel, such as
        /// a mean label), [N, L, H, W]: -sum over classes of target * log p, mean over pixels and images.
        /// </summary>
        public static Tensor SoftCrossEntropy(Tensor logProbabilities, Tensor targets)
            => -(targets * logProbabilities).sum(1).mean();
    }
}
