using Microsoft.ML.NoisyLabels.Interop;
using System.Globalization;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training.Kernels
{
    /// <summary>
    /// Makes sure libtorch's CPU kernels compute a network correctly before it trains. On some machines oneDNN's
    /// convolutions return wrong values: on an AMD EPYC of family 26 (AVX-512, under a hypervisor) its backward-data
    /// convolution was wrong for 261 of 462 layer shapes (relative error 0.1 to 1) and its forward pass for some decoder
    /// shapes, deterministically, and now and then returned NaN under load; PyTorch's own kernels were right for all of
    /// them (docs/ONEDNN.md). A network trained on such kernels drifts or ends in NaN without a word. So the first batch
    /// of every new configuration is run forward and backward in single precision and again in double precision (which
    /// libtorch computes with its own kernels: oneDNN has no double-precision convolution), and the two are compared.
    /// When they disagree, oneDNN is turned off for the process and the check repeated; when they still disagree,
    /// training refuses to start.
    /// </summary>
    internal static class KernelCheck
    {
        /// <summary>
        /// The largest relative difference accepted between single and double precision (outputs against their largest
        /// magnitude, gradients against the network's largest gradient). Measured on freshly initialised U-Nets of width 4
        /// and depth 2 or 3 with 8 MNIST-sized images: 3e-4 to 7e-4 on correct kernels (up to 3e-2 after adding noise to
        /// every norm and bias), 0.93 to 1.1 or NaN on the faulty ones.
        /// </summary>
        public const double Tolerance = 0.05;

        private const string GradientPrefix = "gradient of ";

        // Configurations checked in this process; read and written under s_switchLock only.
        private static readonly HashSet<string> s_checked = new HashSet<string>(StringComparer.Ordinal);
        private static readonly object s_switchLock = new object();

        /// <summary>
        /// Applies <paramref name="choice"/> before <paramref name="network"/> trains on CPU batches shaped like
        /// <paramref name="images"/>. Configurations already checked in this process are not checked again.
        /// </summary>
        public static void Ensure(SegmentationNetwork network, Tensor images, CpuKernels choice, IChannel channel, string label)
        {
            if (images.device_type != DeviceType.CPU)
            {
                return;
            }

            switch (choice)
            {
                case CpuKernels.OneDnn:
                    SetOneDnn(true, channel);
                    return;
                case CpuKernels.Native:
                    SetOneDnn(false, channel);
                    return;
            }

            lock (s_switchLock)
            {
                string key = Key(network.Architecture, images.shape);
                if (s_checked.Contains(key))
                {
                    return;
                }

                var (error, where) = Compare(network, images);
                if (error > Tolerance && OneDnn.Enabled == true && OneDnn.TrySetEnabled(false))
                {
                    var (nativeError, nativeWhere) = Compare(network, images);
                    channel.Warning(MessageSensitivity.None, string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}: libtorch's oneDNN kernels compute this network wrongly on this CPU ({1}: relative error {2:G3} against double " +
                        "precision); oneDNN is now turned off for this process and PyTorch's own kernels train instead (relative error {3:G3}, {4}). " +
                        "Set CpuKernels to choose explicitly.",
                        label, where, error, nativeError, nativeWhere));
                    s_checked.Clear();
                    (error, where) = (nativeError, nativeWhere);
                    key = Key(network.Architecture, images.shape);
                }

                if (!double.IsFinite(error))
                {
                    throw new InvalidOperationException(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}: libtorch's CPU kernels give non-finite values for this network on this machine ({1}, oneDNN {2}). " +
                        "Training would not be trustworthy; try another libtorch build or machine.",
                        label, where, OneDnn.Enabled switch { true => "on", false => "off", null => "state unknown" }));
                }

                if (error > Tolerance)
                {
                    if (OneDnn.Enabled != false)
                    {
                        // oneDNN is wrong and its switch could not be reached (a build whose C++ names differ).
                        throw new InvalidOperationException(string.Format(
                            CultureInfo.InvariantCulture,
                            "{0}: libtorch's oneDNN kernels compute this network wrongly on this CPU ({1}: relative error {2:G3} against double " +
                            "precision) and this libtorch build does not let the package turn them off. Training would not be trustworthy.",
                            label, where, error));
                    }

                    // PyTorch's own kernels compute the double-precision reference too: a difference that remains is the
                    // network's conditioning (single precision's rounding amplified), not a faulty kernel.
                    channel.Warning(MessageSensitivity.None, string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}: single and double precision differ by {1:G3} ({2}) on PyTorch's own kernels: the network is badly conditioned for single precision.",
                        label, error, where));
                }

                s_checked.Add(key);
                channel.Trace(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture, "{0}: CPU kernels checked (largest relative error {1:G3}).", label, error));
            }
        }

        /// <summary>
        /// The largest relative difference between single and double precision over the network's outputs and every
        /// parameter's gradient, for a fixed weighting of the outputs, and where it occurs. The network's gradients are
        /// cleared afterwards; its weights are not changed.
        /// </summary>
        internal static (double Error, string Where) Compare(SegmentationNetwork network, Tensor images)
        {
            using var scope = NewDisposeScope();
            using var reference = DoublePrecisionCopy(network);
            bool withConfusion = network.Architecture.HasConfusion;
            var single = Run(network, images, withConfusion);
            var twice = Run(reference, images.to_type(ScalarType.Float64), withConfusion);
            network.zero_grad();

            // Outputs against their own largest magnitude; gradients against the largest gradient of the network: a
            // gradient that is a sum with much cancellation (a bias's) is small, and its rounding error large, next to
            // its own size, but not next to the network's gradients. A faulty kernel's errors are of the gradients' size.
            double gradientScale = 1e-12;
            foreach (var (name, value) in twice)
            {
                if (name.StartsWith(GradientPrefix, StringComparison.Ordinal))
                {
                    gradientScale = Math.Max(gradientScale, value.abs().max().item<double>());
                }
            }

            double worst = 0;
            string where = "nothing";
            foreach (var (name, value) in single)
            {
                var expected = twice[name];
                double scale = name.StartsWith(GradientPrefix, StringComparison.Ordinal) ? gradientScale : Math.Max(expected.abs().max().item<double>(), 1e-12);
                double error = (value.to_type(ScalarType.Float64) - expected).abs().max().item<double>() / scale;
                if (!(error <= worst))
                {
                    worst = double.IsNaN(error) ? double.PositiveInfinity : error;
                    where = name;
                }
            }

            return (worst, where);
        }

        private static Dictionary<string, Tensor> Run(SegmentationNetwork network, Tensor images, bool withConfusion)
        {
            network.zero_grad();
            var (logP, logA) = network.Forward(images, withConfusion);
            // A fixed, sign-changing weighting of every output: its gradient reaches every weight through every layer.
            var loss = (logP * Weights(logP)).sum();
            if (logA is not null)
            {
                loss = loss.add((logA * Weights(logA)).sum(), HeldScalars.One);
            }

            loss.backward();
            var results = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["output"] = logP.detach() };
            if (logA is not null)
            {
                results["confusion output"] = logA.detach();
            }

            foreach (var (name, parameter) in network.named_parameters())
            {
                if (parameter.grad is Tensor grad)
                {
                    results[GradientPrefix + name] = grad.detach().clone();
                }
            }

            return results;
        }

        private static Tensor Weights(Tensor like)
        {
            using var count = like.numel().ToScalar();
            using var step = 0.7548776662.ToScalar();
            return arange(HeldScalars.Zero, count, HeldScalars.One, dtype: like.dtype).mul(step).sin().reshape(like.shape);
        }

        /// <summary>A copy in double precision, built without drawing from TorchSharp's process-wide generator.</summary>
        private static SegmentationNetwork DoublePrecisionCopy(SegmentationNetwork network)
        {
            SegmentationNetwork copy;
            lock (TrainingSession.GeneratorLock)
            {
                using var state = random.get_rng_state();
                copy = new SegmentationNetwork(network.Architecture);
                random.set_rng_state(state);
            }

            using (no_grad())
            {
                copy.load_state_dict(network.state_dict());
            }

            copy.to(ScalarType.Float64);
            copy.train(network.training);
            return copy;
        }

        private static void SetOneDnn(bool enabled, IChannel channel)
        {
            lock (s_switchLock)
            {
                if (OneDnn.Enabled != enabled && !OneDnn.TrySetEnabled(enabled))
                {
                    channel.Warning(MessageSensitivity.None, $"libtorch's oneDNN switch cannot be reached in this build; CpuKernels.{(enabled ? CpuKernels.OneDnn : CpuKernels.Native)} has no effect.");
                }

                s_checked.Clear();
            }
        }

        private static string Key(NetworkArchitecture architecture, long[] shape)
            => $"{architecture} {string.Join("x", shape)} oneDNN {OneDnn.Enabled}";
    }
}
