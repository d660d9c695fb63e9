using Microsoft.ML.NoisyLabels.Onnx;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;
using static Microsoft.ML.NoisyLabels.Onnx.TorchLayerOnnx;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>The heads' ONNX graph, as their <see cref="PixelConfusionHeads.forward"/> but with probabilities, not logs.</summary>
    internal sealed partial class PixelConfusionHeads
    {
        /// <summary>
        /// Writes the heads on the trunk's <paramref name="features"/> of <paramref name="height"/> x <paramref name="width"/>;
        /// returns the name of the confusion matrices A as [N, R, L(observed), L(true), H, W].
        /// </summary>
        public string EmitOnnx(OnnxGraphBuilder graph, string features, long height, long width)
        {
            string hidden = features;
            foreach (var block in blocks)
            {
                hidden = ((ConvNormAct)block).EmitOnnx(graph, hidden);
            }

            string logits = Conv(graph, output, hidden, groups: OutputGroups);
            // [N, R*L*L, H, W] -> [N, R, L, L, H, W]; the reshape's 0 keeps the batch size.
            string shaped = graph.Node("Reshape", new[] { logits, graph.Int64Initializer("cm_shape", 0, Annotators, Classes, Classes, height, width) });
            return graph.Node("Softmax", new[] { shaped }, Int("axis", 2));
        }
    }

    /// <summary>The global matrices' ONNX graph: constants, repeated for every image of the batch.</summary>
    internal sealed partial class GlobalConfusion
    {
        /// <summary>
        /// Writes the matrices as a constant, repeated for every image of the graph input <paramref name="input"/>;
        /// returns the name of A as [N, R, L, L].
        /// </summary>
        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            float[] matrices = Values(logits.softmax(1));
            string constant = graph.Initializer("cm_global", matrices, 1, Annotators, Classes, Classes);
            // Repeat the matrices for every image of the batch: [N, R, L, L].
            string batch = graph.Node("Slice", new[]
            {
                graph.Node("Shape", new[] { input }),
                graph.Int64Initializer("zero", 0),
                graph.Int64Initializer("one", 1),
            });
            string shape = graph.Node("Concat", new[] { batch, graph.Int64Initializer("cm_dims", Annotators, Classes, Classes) }, Int("axis", 0));
            return graph.Node("Expand", new[] { constant, shape });
        }
    }
}
