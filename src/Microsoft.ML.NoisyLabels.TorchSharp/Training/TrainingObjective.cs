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
        public TrainingObjective(double lambda, TraceNormalization normalization, int warmupEpochs, int globalEpochs, double confusionLearningRate, AnnotationLikelihood likelihood = AnnotationLikelihood.Independent)
        {
            Likelihood = likelihood;
            ConfusionLearningRate = confusionLearningRate;
            Lambda = lambda;
            Normalization = normalization;
            WarmupEpochs = warmupEpochs;
            GlobalEpochs = globalEpochs;
        }

        public double Lambda { get; }

        public TraceNormalization Normalization { get; }

        public int WarmupEpochs { get; }

        public AnnotationLikelihood Likelihood { get; }

        public int GlobalEpochs { get; }

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

            // The trace term only means something once the matrices are learnt.
            double lambda = stage == ConfusionStage.Identity ? 0 : Lambda;
            var terms = NoisyLabelLoss.Compute(logProbabilities, logConfusion, batch.Labels, batch.Present, lambda, Normalization, Likelihood);
            return (terms, logProbabilities, logConfusion);
        }
    }
}
