using Microsoft.ML.NoisyLabels.Interop;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training.Optimization
{
    /// <summary>
    /// AdamW (Loshchilov and Hutter, decoupled weight decay) over groups of parameters with their own learning rate and
    /// weight decay. The arithmetic is TorchSharp's <c>optim.AdamW</c>, call for call, so a training gives the same
    /// weights bit for bit. What differs is the lifetime of the numbers handed to libtorch: TorchSharp 0.107's AdamW
    /// converts each double to a <see cref="Scalar"/> implicitly, and nothing references that Scalar once its native
    /// handle is read, so a garbage collection on another thread can finalize it, and free it, while libtorch still
    /// reads it ("Expected false to be true" at c10 Scalar::toFloat; docs/TORCHSHARP.md). Here every Scalar is a local
    /// disposed after the call that reads it, which keeps it alive through that call, or
    /// one of <see cref="HeldScalars"/>.
    /// </summary>
    internal sealed class AdamWOptimizer : IDisposable
    {
        private readonly double _beta1;
        private readonly double _beta2;
        private readonly double _epsilon;
        private readonly Dictionary<IntPtr, Moments> _moments = new Dictionary<IntPtr, Moments>();

        public AdamWOptimizer(IReadOnlyList<ParameterGroup> groups, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        {
            Groups = groups;
            _beta1 = beta1;
            _beta2 = beta2;
            _epsilon = epsilon;
            foreach (var group in groups)
            {
                foreach (var parameter in group.Parameters)
                {
                    _moments.Add(parameter.Handle, new Moments(parameter));
                }
            }
        }

        /// <summary>The groups in the order given; a group's learning rate may be changed between steps.</summary>
        public IReadOnlyList<ParameterGroup> Groups { get; }

        /// <summary>Zeroes the gradients that exist (as TorchSharp's optimizers do; none is created).</summary>
        public void ZeroGrad()
        {
            foreach (var group in Groups)
            {
                foreach (var parameter in group.Parameters)
                {
                    using var gradient = parameter.grad;
                    gradient?.zero_();
                }
            }
        }

        /// <summary>One update of every parameter that has a gradient.</summary>
        public void Step()
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            using var oneMinusBeta1 = (1 - _beta1).ToScalar();
            using var oneMinusBeta2 = (1 - _beta2).ToScalar();
            using var beta1 = _beta1.ToScalar();
            using var beta2 = _beta2.ToScalar();
            using var epsilon = _epsilon.ToScalar();
            foreach (var group in Groups)
            {
                using var decay = (1 - (group.LearningRate * group.WeightDecay)).ToScalar();
                foreach (var parameter in group.Parameters)
                {
                    var gradient = parameter.grad;
                    if (gradient is null)
                    {
                        continue;
                    }

                    var moments = _moments[parameter.Handle];
                    moments.Step++;
                    parameter.mul_(decay);
                    double biasCorrection1 = 1 - Math.Pow(_beta1, moments.Step);
                    double biasCorrection2 = 1 - Math.Pow(_beta2, moments.Step);
                    moments.Mean.mul_(beta1).add_(gradient, alpha: oneMinusBeta1);
                    moments.Square.mul_(beta2).addcmul_(gradient, gradient, value: oneMinusBeta2);
                    using var root = Math.Sqrt(biasCorrection2).ToScalar();
                    var denominator = moments.Square.sqrt().div_(root).add_(epsilon, HeldScalars.One);
                    using var stepSize = (-(group.LearningRate / biasCorrection1)).ToScalar();
                    parameter.addcdiv_(moments.Mean, denominator, value: stepSize);
                }
            }
        }

        public void Dispose()
        {
            foreach (var moments in _moments.Values)
            {
                moments.Dispose();
            }

            _moments.Clear();
        }

        /// <summary>Adam's running moments of one parameter, and its step count for the bias corrections.</summary>
        private sealed class Moments : IDisposable
        {
            public Moments(Parameter parameter)
            {
                Mean = zeros_like(parameter).DetachFromDisposeScope();
                Square = zeros_like(parameter).DetachFromDisposeScope();
            }

            public long Step { get; set; }

            public Tensor Mean { get; }

            public Tensor Square { get; }

            public void Dispose()
            {
                Mean.Dispose();
                Square.Dispose();
            }
        }
    }

    /// <summary>Parameters that share a learning rate and a weight decay.</summary>
    internal sealed class ParameterGroup
    {
        public ParameterGroup(IReadOnlyList<Parameter> parameters, double learningRate, double weightDecay)
        {
            Parameters = parameters;
            LearningRate = learningRate;
            WeightDecay = weightDecay;
        }

        public IReadOnlyList<Parameter> Parameters { get; }

        public double LearningRate { get; set; }

        public double WeightDecay { get; }
    }
}
