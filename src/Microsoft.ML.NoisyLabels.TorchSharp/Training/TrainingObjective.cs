using Microsoft.ML.NoisyLabels.Interop;
using Microsoft.ML.NoisyLabels.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// What a training run minimises, for every trainer of the package: the loss of docs/METHOD.md, section 2, with the
    /// network's confusion matrices; with identity matrices during the warm-up and for plain networks (each present
    /// annotation is then a target for p); with fixed matrices for the oracle; or cross-entropy against soft targets.
    /// </summary>
    internal sealed class TrainingObjective
    {
        public TrainingObjective(double lambda, TraceNormalization normalization, int warmupEpochs, int globalEpochs, double confusionLearningRate, AnnotationLikelihood likelihood = AnnotationLikelihood.Independent, double verifiedWeight = 1,
            double dominanceWeight = 0, double dominanceMargin = 0, double[]? diagonalFloors = null, double floorWeight = 0, TraceWeighting traceWeighting = TraceWeighting.Uniform)
        {
            TraceWeighting = traceWeighting;
            DiagonalFloors = diagonalFloors?.Select(f => (float)f).ToArray();
            FloorWeight = floorWeight;
            DominanceWeight = dominanceWeight;
            DominanceMargin = dominanceMargin;
            VerifiedWeight = verifiedWeight;
            Likelihood = likelihood;
            ConfusionLearningRate = confusionLearningRate;
            Lambda = lambda;
            Normalization = normalization;
            WarmupEpochs = warmupEpochs;
            GlobalEpochs = globalEpochs;
        }

        public double Lambda { get; }

        public TraceNormalization Normalization { get; }

        public TraceWeighting TraceWeighting { get; }

        public int WarmupEpochs { get; }

        public AnnotationLikelihood Likelihood { get; }

        public int GlobalEpochs { get; }

        /// <summary>Weight of the verified masks' term (batches that carry verified masks only).</summary>
        public double VerifiedWeight { get; }

        /// <summary>Weight of the guard against the flipped solution (<see cref="DiagonalDominance"/>); 0: off.</summary>
        public double DominanceWeight { get; }

        /// <summary>Per annotator, the floor of its class-averaged diagonal (0: none); null: no priors.</summary>
        public float[]? DiagonalFloors { get; }

        /// <summary>Weight of the floors' penalty.</summary>
        public double FloorWeight { get; }

        /// <summary>Whether the guard against the flipped solution is on.</summary>
        public bool HasFlipGuard => DominanceWeight > 0;

        /// <summary>Margin of that guard.</summary>
        public double DominanceMargin { get; }

        /// <summary>Learning rate of the image-independent confusion parameters.</summary>
        public double ConfusionLearningRate { get; }

        /// <summary>
        /// The stage of epoch <paramref name="epoch"/> (from 1): identity matrices for the warm-up; then, for pixel-wise
        /// heads, image-independent matrices for <see cref="GlobalEpochs"/> epochs; then the full annotator network.
        /// </summary>
        public ConfusionStage Stage(SegmentationNetwork network, int epoch)
        {
            var architecture = network.Architecture;
            if (!architecture.HasConfusion || epoch <= WarmupEpochs)
            {
                return ConfusionStage.Identity;
            }

            bool pixelWise = architecture.Confusion == ConfusionMatrixKind.PixelWise;
            return pixelWise && epoch <= WarmupEpochs + GlobalEpochs ? ConfusionStage.Global : ConfusionStage.Full;
        }

        /// <summary>The loss of a batch, and the tensors the epoch statistics need.</summary>
        public (LossTerms Terms, Tensor LogProbabilities, Tensor? LogConfusion) Loss(SegmentationNetwork network, TrainingBatch batch, ConfusionStage stage)
        {
            if (batch.SoftTargets is not null)
            {
                var (logP, _) = network.Forward(batch.Images, withConfusion: false);
                var ce = NoisyLabelLoss.SoftCrossEntropy(logP, batch.SoftTargets);
                return (new LossTerms(ce, ce, zeros(1, device: ce.device).squeeze()), logP, null);
            }

            var (logProbabilities, logConfusion) = network.Forward(batch.Images, stage);
            if (batch.FixedConfusion is not null)
            {
                var shape = batch.FixedConfusion.shape;
                using var floor = 1e-6.ToScalar();
                logConfusion = batch.FixedConfusion.clamp_min(floor).log().reshape(shape[0], shape[1], shape[2], shape[3], 1, 1);
            }

            LossTerms terms;
            if (batch.Verified is not null && batch.VerifiedPresent is not null)
            {
                terms = VerifiedLoss(batch, stage, logProbabilities, logConfusion);
            }
            else
            {
                // The trace term only means something once the matrices are learnt.
                double lambda = stage == ConfusionStage.Identity ? 0 : Lambda;
                terms = NoisyLabelLoss.Compute(logProbabilities, logConfusion, batch.Labels, batch.Present, lambda, Normalization, Likelihood, TraceWeighting);
            }

            // Fixed (oracle) matrices cannot flip, and identity ones are diagonal by construction.
            bool learnt = logConfusion is not null && batch.FixedConfusion is null && stage != ConfusionStage.Identity;
            if (learnt && DominanceWeight > 0)
            {
                using var weight = DominanceWeight.ToScalar();
                var guard = DiagonalDominance.Penalty(logProbabilities, logConfusion!, batch.Present, DominanceMargin).mul(weight);
                terms = terms with { Total = terms.Total.add(guard, HeldScalars.One) };
            }

            if (learnt && DiagonalFloors is not null)
            {
                using var weight = FloorWeight.ToScalar();
                var floors = tensor(DiagonalFloors, device: logProbabilities.device);
                var prior = DiagonalDominance.FloorPenalty(logProbabilities, logConfusion!, batch.Present, floors).mul(weight);
                terms = terms with { Total = terms.Total.add(prior, HeldScalars.One) };
            }

            return (terms, logProbabilities, logConfusion);
        }

        // With verified masks in the training set. During the warm-up the segmentation learns from them alone: taking
        // every annotation as true would start it in the basin of the annotators' shared bias, the very thing the
        // verified masks are there to overcome. Afterwards, on the images that have one, the verified mask stands in for
        // p in the annotators' terms, so that the matrices learn each annotator against the truth there; p learns from
        // the verified term on those images and from the annotations through the matrices on the others.
        private LossTerms VerifiedLoss(TrainingBatch batch, ConfusionStage stage, Tensor logProbabilities, Tensor? logConfusion)
        {
            using var weight = VerifiedWeight.ToScalar();
            var verified = NoisyLabelLoss.VerifiedCrossEntropy(logProbabilities, batch.Verified!, batch.VerifiedPresent!).mul(weight);
            if (stage == ConfusionStage.Identity)
            {
                return new LossTerms(verified, verified, zeros(1, device: verified.device).squeeze());
            }

            long classes = logProbabilities.shape[1];
            using var floor = 1e-6.ToScalar();
            var logVerified = nn.functional.one_hot(batch.Verified!, classes).permute(0, 3, 1, 2).to_type(logProbabilities.dtype).clamp_min(floor).log();
            var hasVerified = batch.VerifiedPresent!.reshape(-1, 1, 1, 1).gt(HeldScalars.Zero);
            var truthForAnnotators = where(hasVerified, logVerified, logProbabilities);
            var terms = NoisyLabelLoss.Compute(truthForAnnotators, logConfusion, batch.Labels, batch.Present, Lambda, Normalization, Likelihood, TraceWeighting);
            return new LossTerms(terms.Total.add(verified, HeldScalars.One), terms.CrossEntropy.add(verified, HeldScalars.One), terms.Trace);
        }
    }
}
