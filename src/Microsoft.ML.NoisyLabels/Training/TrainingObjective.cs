using Microsoft.ML.NoisyLabels.Networks;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// What a training run minimises, for every trainer of the package: the loss of SPEC section 2 with the
    /// network's confusion matrices; with identity matrices during the warm-up and for plain networks (each present
    /// annotation is then a target for p); with fixed matrices for the oracle; or cross-entropy against soft targets.
    /// </summary>
    internal sealed class TrainingObjective
    {
        public TrainingObjective(double lambda, TraceNormalization normalization, int warmupEpochs)
        {
            Lambda = lambda;
            Normalization = normalization;
            WarmupEpochs = warmupEpochs;
        }

        public double Lambda { get; }

        public TraceNormalization Normalization { get; }

        public int WarmupEpochs { get; }

        /// <summary>Whether epoch <paramref name="epoch"/> (from 1) holds the confusion matrices at identity.</summary>
        public bool IsWarmup(SegmentationNetwork network, int epoch) => network.Architecture.HasConfusion && epoch <= WarmupEpochs;

        /// <summary>The loss of a batch, and the tensors the epoch statistics need.</summary>
        public (LossTerms Terms, Tensor LogProbabilities, Tensor? LogConfusion) Loss(SegmentationNetwork network, TrainingBatch batch, bool warmup)
        {
            if (batch.SoftTargets is not null)
            {
                var (logP, _) = network.Forward(batch.Images, withConfusion: false);
                var ce = NoisyLabelLoss.SoftCrossEntropy(logP, batch.SoftTargets);
                return (new LossTerms(ce, ce, zeros(1, device: ce.device).squeeze()), logP, null);
            }

            var (logProbabilities, logConfusion) = network.Forward(batch.Images, withConfusion: !warmup);
            if (batch.FixedConfusion is not null)
            {
                var shape = batch.FixedConfusion.shape;
                logConfusion = batch.FixedConfusion.clamp_min(1e-6).log().reshape(shape[0], shape[1], shape[2], shape[3], 1, 1);
            }

            var terms = NoisyLabelLoss.Compute(logProbabilities, logConfusion, batch.Labels, batch.Present, warmup ? 0 : Lambda, Normalization);
            return (terms, logProbabilities, logConfusion);
        }
    }
}
