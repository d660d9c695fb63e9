using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.NoisyLabels.Evaluation;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training.Optimization;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>Validation data for the loop: tensors scored with the loss, and optionally ground truth for Dice.</summary>
    internal sealed record ValidationTensors(TrainingTensors Annotations, Tensor? GroundTruth) : IDisposable
    {
        public void Dispose()
        {
            Annotations.Dispose();
            GroundTruth?.Dispose();
        }
    }

    /// <summary>
    /// The one training loop of the package: AdamW over shuffled batches with optional 180-degree flips, a warm-up with
    /// identity confusion matrices, per-epoch statistics in the log, detection of a flipped segmentation, validation
    /// with early stopping. The networks and the objective are the caller's.
    /// </summary>
    internal sealed class TrainingLoop
    {
        private readonly SegmentationTrainerOptionsBase _options;
        private readonly IChannel _channel;
        private readonly Device _device;
        private readonly int _seed;

        public TrainingLoop(SegmentationTrainerOptionsBase options, IChannel channel, Device device, int seed)
        {
            _options = options;
            _channel = channel;
            _device = device;
            _seed = seed;
        }

        /// <summary>Trains <paramref name="network"/> in place and returns the per-epoch history.</summary>
        public IReadOnlyList<EpochSummary> Run(SegmentationNetwork network, TrainingObjective objective, TrainingTensors data, ValidationTensors? validation, string label)
        {
            network.to(_device);
            var random = new Random(_seed);
            var order = Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray();
            int batches = (data.Count + _options.BatchSize - 1) / _options.BatchSize;
            int classes = network.Architecture.Classes;
            var history = new List<EpochSummary>();
            Dictionary<string, Tensor>? best = null;
            double bestScore = double.NegativeInfinity;
            int sinceBest = 0;
            bool flipReported = false;
            using var guard = new NonFiniteGuard(network, _options, _channel, label);
            CheckKernels(network, data, label);
            var optimizer = CreateOptimizer(network, objective, guard.LearningRateScale);
            bool rolledBack = false;

            try
            {
                for (int epoch = 1; epoch <= _options.Epochs; epoch++)
                {
                    var stage = objective.Stage(network, epoch);
                    SetConfusionLearningRate(optimizer, network, objective, stage, guard.LearningRateScale);
                    Shuffle(order, random);
                    var statistics = new EpochStatistics(data.Annotators);
                    var clock = Stopwatch.StartNew();
                    guard.Remember();
                    network.train();
                    for (int b = 0; b < batches; b++)
                    {
                        if (rolledBack)
                        {
                            // The guard restored the last finite weights and lowered the learning rate: new moments too.
                            // Built here, outside the batch's dispose scope, which would free the optimizer's moments.
                            optimizer.Dispose();
                            optimizer = CreateOptimizer(network, objective, guard.LearningRateScale);
                            SetConfusionLearningRate(optimizer, network, objective, stage, guard.LearningRateScale);
                            rolledBack = false;
                        }

                        using var scope = NewDisposeScope();
                        var indices = order.AsSpan(b * _options.BatchSize, Math.Min(_options.BatchSize, data.Count - (b * _options.BatchSize))).ToArray();
                        bool[]? flips = _options.FlipAugmentation ? indices.Select(_ => random.Next(2) == 1).ToArray() : null;
                        var batch = data.Gather(indices, flips, _device);
                        var step = Step(network, objective, optimizer, batch, stage, guard, epoch, b, batches);
                        if (step is not { } computed)
                        {
                            rolledBack = true;
                            continue;
                        }

                        var (terms, logP, logA, loss) = computed;
                        optimizer.Step();
                        using (no_grad())
                        {
                            statistics.Add(batch, terms, logP.detach(), logA?.detach(), classes);
                        }

                        _options.Progress?.Report(new TrainingProgress(epoch, _options.Epochs, b + 1, batches, loss));
                    }

                    double imagesPerSecond = data.Count / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                    double? validationLoss = null, validationDice = null;
                    if (validation is not null)
                    {
                        (validationLoss, validationDice) = Validate(network, objective, validation, stage);
                    }

                    var summary = new EpochSummary(epoch, network.Architecture.HasConfusion, stage, statistics.Loss, statistics.CrossEntropy, statistics.Trace, statistics.MeanDiagonal,
                        statistics.Disagreement, validationLoss, validationDice, imagesPerSecond);
                    history.Add(summary);
                    _channel.Info(MessageSensitivity.None, $"{label}: {summary}");
                    // With verified masks, disagreeing with the annotators' majority is what they are there to allow.
                    if (stage != ConfusionStage.Identity && !flipReported && !data.HasVerifiedMasks)
                    {
                        flipReported = ReportFlip(summary, objective, label);
                    }

                    if (validation is not null && _options.KeepBestEpoch)
                    {
                        double score = validationDice ?? -validationLoss!.Value;
                        if (score > bestScore)
                        {
                            bestScore = score;
                            sinceBest = 0;
                            DisposeAll(best);
                            best = network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
                        }
                        else if (_options.EarlyStoppingPatience > 0 && ++sinceBest >= _options.EarlyStoppingPatience)
                        {
                            _channel.Info(MessageSensitivity.None, $"{label}: no improvement for {sinceBest} epochs; stopping early.");
                            break;
                        }
                    }
                }
            }
            finally
            {
                optimizer.Dispose();
            }

            if (best is not null)
            {
                network.load_state_dict(best);
                DisposeAll(best);
                int bestEpoch = history.FindIndex(h => (h.ValidationDice ?? -h.ValidationLoss!.Value) == bestScore) + 1;
                _channel.Info(MessageSensitivity.None, $"{label}: kept the weights of epoch {bestEpoch}, the best on the validation set.");
            }

            guard.EnsureFiniteWeights();
            network.eval();
            return history;
        }

        /// <summary>
        /// One optimisation step's loss and gradients, checked by the guard: a non-finite loss or gradient is computed
        /// once more from the same weights (a transient kernel fault passes), then handed to the guard, which either
        /// restores the last finite weights (null is returned: the caller skips the batch) or throws.
        /// </summary>
        private (LossTerms Terms, Tensor LogP, Tensor? LogA, float Loss)? Step(SegmentationNetwork network, TrainingObjective objective, AdamWOptimizer optimizer,
            TrainingBatch batch, ConfusionStage stage, NonFiniteGuard guard, int epoch, int b, int batches)
        {
            for (int attempt = 0; ; attempt++)
            {
                optimizer.ZeroGrad();
                var (terms, logP, logA) = objective.Loss(network, batch, stage);
                var total = terms.Total;
                if (_options.FaultInjection?.Invoke(epoch, b + 1, attempt) == true)
                {
                    using var nan = float.NaN.ToScalar();
                    total = total.mul(nan);
                }

                total.backward();
                float loss = total.item<float>();
                double gradientNorm = NonFiniteGuard.GradientNorm(network);
                if (float.IsFinite(loss) && double.IsFinite(gradientNorm))
                {
                    if (attempt > 0)
                    {
                        guard.ReportTransient(epoch, b + 1, batches);
                    }

                    return (terms with { Total = total }, logP, logA, loss);
                }

                if (attempt > 0)
                {
                    guard.Fail(epoch, b + 1, batches, float.IsFinite(loss) ? "gradient" : "loss");
                    return null;
                }
            }
        }

        /// <summary>Applies <see cref="SegmentationTrainerOptionsBase.CpuKernels"/> with the first batch's shape.</summary>
        private void CheckKernels(SegmentationNetwork network, TrainingTensors data, string label)
        {
            if (_device.type != DeviceType.CPU)
            {
                return;
            }

            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(0, Math.Min(_options.BatchSize, data.Count)).Select(i => (long)i).ToArray();
            var batch = data.Gather(indices, null, _device);
            Kernels.KernelCheck.Ensure(network, batch.Images, _options.CpuKernels, _channel, label);
        }

        /// <summary>
        /// AdamW; the image-independent confusion parameters (global matrices, pixel-wise heads' output bias) get their own
        /// learning rate: a matrix must be able to travel from identity to, say, swapped columns (an annotator who marks
        /// the complement) within an epoch or two, far beyond what the network weights' rate allows.
        /// </summary>
        private AdamWOptimizer CreateOptimizer(SegmentationNetwork network, TrainingObjective objective, double scale)
        {
            var global = network.GlobalConfusionParameters;
            double rate = _options.LearningRate * scale;
            var handles = new HashSet<IntPtr>(global.Select(p => p.Handle));
            var others = network.parameters().Where(p => !handles.Contains(p.Handle)).ToArray();
            var groups = new List<ParameterGroup> { new ParameterGroup(others, rate, _options.WeightDecay) };
            if (global.Count > 0)
            {
                groups.Add(new ParameterGroup(global.ToArray(), objective.ConfusionLearningRate * scale, weightDecay: 0));
            }

            return new AdamWOptimizer(groups);
        }

        /// <summary>
        /// The global matrices train at the confusion learning rate throughout; the pixel-wise heads' bias only during
        /// the global stage, and with the rest of the heads at the network's rate afterwards.
        /// </summary>
        private void SetConfusionLearningRate(AdamWOptimizer optimizer, SegmentationNetwork network, TrainingObjective objective, ConfusionStage stage, double scale)
        {
            var groups = optimizer.Groups;
            if (groups.Count < 2)
            {
                return;
            }

            bool fast = network.Architecture.Confusion == ConfusionMatrixKind.Global || stage == ConfusionStage.Global;
            groups[1].LearningRate = (fast ? objective.ConfusionLearningRate : _options.LearningRate) * scale;
        }

        /// <summary>
        /// With a large lambda (or no warm-up) training can settle in the flipped basin, where p is the complement of
        /// the truth and every confusion matrix has its columns swapped (docs/METHOD.md, section 2, "The flipped
        /// solution"). Says so in the log, once per training, when the mean confusion diagonal falls below 0.5 or the
        /// segmentation disagrees with the annotators' majority on more than half of the decided pixels.
        /// </summary>
        private bool ReportFlip(EpochSummary summary, TrainingObjective objective, string label)
        {
            double meanDiagonal = summary.MeanConfusionDiagonal.Count == 0 ? 1 : summary.MeanConfusionDiagonal.Where(d => !double.IsNaN(d)).DefaultIfEmpty(1).Average();
            // With the flip guard on, a mean diagonal below 0.5 (over all pixels, most of them background) is the guard
            // holding the class-wise average at its edge, not a flip: only the disagreement counts then.
            bool diagonalSign = !objective.HasFlipGuard && meanDiagonal < 0.5;
            if (!diagonalSign && summary.MajorityDisagreement <= 0.5)
            {
                return false;
            }

            _channel.Warning(MessageSensitivity.None, string.Format(
                CultureInfo.InvariantCulture,
                "{0}: the segmentation appears to have flipped in epoch {1} (mean confusion diagonal {2:F3}, disagreement with the annotators' majority {3:P1}): " +
                "the model is fitting the complement of the annotations. Use a smaller Lambda or more WarmupEpochs.",
                label, summary.Epoch, meanDiagonal, summary.MajorityDisagreement));
            return true;
        }

        private (double Loss, double? Dice) Validate(SegmentationNetwork network, TrainingObjective objective, ValidationTensors validation, ConfusionStage stage)
        {
            network.eval();
            using var noGrad = no_grad();
            var data = validation.Annotations;
            double loss = 0, dice = 0;
            for (int start = 0; start < data.Count; start += _options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(_options.BatchSize, data.Count - start)).Select(i => (long)i).ToArray();
                var batch = data.Gather(indices, null, _device);
                // Held-out likelihood of the annotations: the cross-entropy term alone.
                var (terms, logP, _) = objective.Loss(network, batch, stage);
                loss += terms.CrossEntropy.item<float>() * indices.Length;
                if (validation.GroundTruth is not null)
                {
                    // The evaluator's foreground Dice per image (Evaluation/DiceScore), so that the epoch kept is the best by
                    // the figure users report.
                    using var index = tensor(indices);
                    byte[] truth = validation.GroundTruth.index_select(0, index).to_type(ScalarType.Byte).data<byte>().ToArray();
                    byte[] predicted = logP.argmax(1).to_type(ScalarType.Byte).cpu().data<byte>().ToArray();
                    int pixels = truth.Length / indices.Length;
                    for (int n = 0; n < indices.Length; n++)
                    {
                        dice += DiceScore.Foreground(truth.AsSpan(n * pixels, pixels), predicted.AsSpan(n * pixels, pixels));
                    }
                }
            }

            network.train();
            return (loss / data.Count, validation.GroundTruth is null ? null : dice / data.Count);
        }

        private static void Shuffle(long[] order, Random random)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        private static void DisposeAll(Dictionary<string, Tensor>? tensors)
        {
            if (tensors is null)
            {
                return;
            }

            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }
        }
    }
}
