using TorchSharp.Modules;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Onnx
{
    /// <summary>
    /// TorchSharp's own layers as ONNX nodes, for the package's modules to build their graphs from (each module writes
    /// its own graph beside its <c>forward</c>, in its <c>.Onnx.cs</c> file).
    /// </summary>
    internal static class TorchLayerOnnx
    {
        /// <summary>A square-kernel convolution with "same" padding (kernel / 2), as the networks build them.</summary>
        public static string Conv(OnnxGraphBuilder graph, Conv2d conv, string input, long groups, long stride = 1)
        {
            var weight = conv.weight!;
            long[] dims = weight.shape;
            long kernel = dims[2];
            long pad = kernel / 2;
            var inputs = new List<string> { input, graph.Initializer("conv_w", Values(weight), dims) };
            if (conv.bias is not null)
            {
                inputs.Add(graph.Initializer("conv_b", Values(conv.bias), dims[0]));
            }

            return graph.Node(
                "Conv",
                inputs,
                Ints("kernel_shape", kernel, kernel),
                Ints("strides", stride, stride),
                Ints("pads", pad, pad, pad, pad),
                Int("group", groups));
        }

        /// <summary>A tensor's values, on the CPU, in row-major order: the contents of an initializer.</summary>
        public static float[] Values(Tensor tensor)
            => tensor.detach().cpu().contiguous().data<float>().ToArray();
    }
}
