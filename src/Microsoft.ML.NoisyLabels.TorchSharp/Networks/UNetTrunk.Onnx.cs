using Microsoft.ML.NoisyLabels.Onnx;
using TorchSharp.Modules;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>The trunk's ONNX graph, step for step its <see cref="UNetTrunk.forward"/>.</summary>
    internal sealed partial class UNetTrunk
    {
        /// <summary>
        /// Writes the trunk on an input of <paramref name="height"/> x <paramref name="width"/>; returns the name of the
        /// last decoder feature map. The levels' sizes are fixed here, where the forward pass reads them from the skips:
        /// ONNX's Resize takes its target size as a tensor.
        /// </summary>
        public string EmitOnnx(OnnxGraphBuilder graph, string input, int height, int width)
        {
            var skips = new string[Depth + 1];
            var sizes = new (long H, long W)[Depth + 1];
            sizes[0] = (height, width);
            string x = EmitLevel(graph, enc[0], input);
            skips[0] = x;
            for (int k = 1; k <= Depth; k++)
            {
                var downBlock = (ConvNormAct)down[k - 1];
                x = EmitLevel(graph, enc[k], downBlock.EmitOnnx(graph, x));
                skips[k] = x;
                // A stride-2 3x3 convolution with padding 1 gives ceil(size / 2).
                sizes[k] = ((sizes[k - 1].H + 1) / 2, (sizes[k - 1].W + 1) / 2);
            }

            for (int k = Depth; k >= 1; k--)
            {
                var target = sizes[k - 1];
                string up = EmitResize(graph, x, target.H, target.W);
                string joined = graph.Node("Concat", new[] { up, skips[k - 1] }, Int("axis", 1));
                x = EmitLevel(graph, dec[Depth - k], joined);
            }

            return x;
        }

        /// <summary>One encoder or decoder level: a block, or blocks in sequence (<see cref="DoubleBlock"/>).</summary>
        private static string EmitLevel(OnnxGraphBuilder graph, nn.Module<Tensor, Tensor> module, string input)
        {
            if (module is ConvNormAct block)
            {
                return block.EmitOnnx(graph, input);
            }

            string x = input;
            foreach (var child in ((Sequential)module).children())
            {
                x = ((ConvNormAct)child).EmitOnnx(graph, x);
            }

            return x;
        }

        /// <summary>Bilinear resizing to a fixed height and width, as PyTorch's interpolate(align_corners=False).</summary>
        private static string EmitResize(OnnxGraphBuilder graph, string input, long height, long width)
        {
            string batchAndChannels = graph.Node("Slice", new[]
            {
                graph.Node("Shape", new[] { input }),
                graph.Int64Initializer("zero", 0),
                graph.Int64Initializer("two", 2),
            });
            string sizes = graph.Node("Concat", new[] { batchAndChannels, graph.Int64Initializer("hw", height, width) }, Int("axis", 0));
            return graph.Node(
                "Resize",
                new[] { input, string.Empty, string.Empty, sizes },
                Text("mode", "linear"),
                Text("coordinate_transformation_mode", "pytorch_half_pixel"));
        }
    }
}
