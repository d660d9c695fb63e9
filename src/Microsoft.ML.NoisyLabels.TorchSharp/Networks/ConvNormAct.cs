using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>
    /// The reference building block: convolution without bias, instance normalisation with affine parameters, PReLU
    /// with one slope per channel. The bias is left out because instance normalisation would cancel it.
    /// </summary>
    internal sealed partial class ConvNormAct : nn.Module<Tensor, Tensor>
    {
        public const double NormEpsilon = 1e-5;

        public ConvNormAct(string name, long inputChannels, long outputChannels, long kernelSize = 3, long stride = 1, long groups = 1)
            : base(name)
        {
            InputChannels = inputChannels;
            OutputChannels = outputChannels;
            KernelSize = kernelSize;
            Stride = stride;
            Groups = groups;
            conv = nn.Conv2d(inputChannels, outputChannels, kernelSize, stride: stride, padding: kernelSize / 2, groups: groups, bias: false);
            norm = nn.InstanceNorm2d(outputChannels, eps: NormEpsilon, affine: true);
            act = nn.PReLU(outputChannels, init: 0.25);
            RegisterComponents();
        }

        public long InputChannels { get; }

        public long OutputChannels { get; }

        public long KernelSize { get; }

        public long Stride { get; }

        public long Groups { get; }

#pragma warning disable IDE1006, SA1300 // TorchSharp names registered submodules after their fields: keep the state-dict names short.
        internal readonly Conv2d conv;
        internal readonly InstanceNorm2d norm;
        internal readonly PReLU act;
#pragma warning restore IDE1006, SA1300

        public override Tensor forward(Tensor input)
        {
            using var convolved = conv.forward(input);
            using var normalised = norm.forward(convolved);
            return act.forward(normalised);
        }
    }
}
