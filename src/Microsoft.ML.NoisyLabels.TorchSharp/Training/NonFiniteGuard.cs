using System.Globalization;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// Keeps non-finite numbers out of a training run. The loop computes a batch again when its loss or gradient is not
    /// finite (a transient fault of a CPU kernel passes that way) and calls <see cref="Fail"/> when it still is: by
    /// <see cref="SegmentationTrainerOptionsBase.NonFiniteLoss"/>, the weights of the start of the epoch are restored and
    /// the learning rate halved, or training stops with an error that names the epoch and batch. Either way the step
    /// is never taken, and a finished run's weights are checked once more.
    /// </summary>
    internal sealed class NonFiniteGuard : IDisposable
    {
        /// <summary>Roll-backs allowed in one run before it is declared divergent.</summary>
        public const int MaxRollBacks = 5;

        private readonly SegmentationNetwork _network;
        private readonly SegmentationTrainerOptionsBase _options;
        private readonly IChannel _channel;
        private readonly string _label;
        private Dictionary<string, Tensor>? _lastFinite;
        private int _rollBacks;

        public NonFiniteGuard(SegmentationNetwork network, SegmentationTrainerOptionsBase options, IChannel channel, string label)
        {
            _network = network;
            _options = options;
            _channel = channel;
            _label = label;
        }

        /// <summary>The factor applied to every learning rate: halved by each roll-back.</summary>
        public double LearningRateScale { get; private set; } = 1;

        /// <summary>The L2 norm of all gradients, in one reduction (NaN or infinity when any gradient is not finite).</summary>
        public static double GradientNorm(SegmentationNetwork network)
        {
            using var scope = NewDisposeScope();
            var squares = network.parameters().Where(p => p.grad is not null).Select(p => p.grad!.square().sum()).ToArray();
            return squares.Length == 0 ? 0 : stack(squares).sum().sqrt().item<float>();
        }

        /// <summary>Remembers the current weights (finite: they are checked) as the ones a roll-back returns to.</summary>
        public void Remember()
        {
            if (_options.NonFiniteLoss != NonFiniteLossHandling.RollBack || !AllFinite())
            {
                return;
            }

            DisposeSnapshot();
            using (no_grad())
            {
                _lastFinite = _network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
            }
        }

        /// <summary>A batch whose first computation was not finite and whose second was: logged, training goes on.</summary>
        public void ReportTransient(int epoch, int batch, int batches)
            => _channel.Warning(MessageSensitivity.None, string.Format(
                CultureInfo.InvariantCulture,
                "{0}: epoch {1}, batch {2} of {3} gave a non-finite result once and a finite one when computed again from the same weights: " +
                "a CPU kernel is unreliable on this machine (see CpuKernels).",
                _label, epoch, batch, batches));

        /// <summary>The batch's loss or gradient stayed non-finite: roll back (and return), or throw.</summary>
        public void Fail(int epoch, int batch, int batches, string what)
        {
            string where = string.Format(CultureInfo.InvariantCulture, "{0}: the training {1} is not finite in epoch {2}, batch {3} of {4}", _label, what, epoch, batch, batches);
            if (_options.NonFiniteLoss == NonFiniteLossHandling.Throw)
            {
                throw new InvalidOperationException(where + $" (learning rate {_options.LearningRate * LearningRateScale:G3}). " +
                    $"Lower LearningRate, or set {nameof(SegmentationTrainerOptionsBase.NonFiniteLoss)} to {nameof(NonFiniteLossHandling.RollBack)}.");
            }

            if (_lastFinite is null || ++_rollBacks > MaxRollBacks)
            {
                throw new InvalidOperationException(where + (_lastFinite is null
                    ? "; the initial weights are not finite."
                    : $", after {MaxRollBacks} roll-backs that halved the learning rate each time (now {_options.LearningRate * LearningRateScale:G3}). Training diverges: lower LearningRate."));
            }

            using (no_grad())
            {
                foreach (var (name, parameter) in _network.state_dict())
                {
                    parameter.copy_(_lastFinite[name]);
                }
            }

            LearningRateScale /= 2;
            _channel.Warning(MessageSensitivity.None, string.Format(
                CultureInfo.InvariantCulture,
                "{0}; the weights of the start of epoch {1} are restored and training goes on at half the learning rate ({2:G3}); roll-back {3} of at most {4}.",
                where, epoch, _options.LearningRate * LearningRateScale, _rollBacks, MaxRollBacks));
        }

        /// <summary>The last line of defence: a finished run never hands out non-finite weights.</summary>
        public void EnsureFiniteWeights()
        {
            if (!AllFinite())
            {
                throw new InvalidOperationException($"{_label}: training ended with non-finite weights; the model is not returned.");
            }
        }

        public void Dispose() => DisposeSnapshot();

        private bool AllFinite()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return _network.state_dict().Values.All(t => !t.is_floating_point() || t.isfinite().all().item<bool>());
        }

        private void DisposeSnapshot()
        {
            if (_lastFinite is null)
            {
                return;
            }

            foreach (var t in _lastFinite.Values)
            {
                t.Dispose();
            }

            _lastFinite = null;
        }
    }
}
