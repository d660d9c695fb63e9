using Microsoft.ML.NoisyLabels.Onnx;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;
using static Microsoft.ML.NoisyLabels.Onnx.TorchLayerOnnx;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>The block's ONNX graph, node for node its <see cref="ConvNormAct.forward"/>.</summary>
    internal sealed partial class ConvNormAct
    {
        /// <summary>Writes convolution, instance normalisation and PReLU on <paramref name="input"/>; returns the output's name.</summary>
        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            string convolved = Conv(graph, conv, input, Groups, Stride);
            string normalised = graph.Node(
                "InstanceNormalization",
                new[] { convolved, graph.Initializer("in_scale", Values(norm.weight!), OutputChannels), graph.Initializer("in_bias", Values(norm.bias!), OutputChannels) },
                Float("epsilon", (float)NormEpsilon));
            string slope = graph.Initializer("prelu_slope", Values(act.weight), OutputChannels, 1, 1);
            return graph.Node("PRelu", new[] { normalised, slope });
        }
    }
}
