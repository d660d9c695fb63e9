using Microsoft.ML.NoisyLabels.Onnx;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>
    /// The network's ONNX graph: its <see cref="SegmentationNetwork.Forward(TorchSharp.torch.Tensor, ConfusionStage)"/> with
    /// probabilities instead of logs, and the confusion outputs in the layouts of the package's columns.
    /// </summary>
    internal sealed partial class SegmentationNetwork
    {
        /// <summary>
        /// Writes trunk, classifier and softmax on the graph input <paramref name="input"/>; returns the name of the class
        /// probabilities p [N, L, H, W], and in <paramref name="features"/> the trunk's output, which the heads read.
        /// </summary>
        public string EmitProbabilitiesOnnx(OnnxGraphBuilder graph, string input, int height, int width, out string features)
        {
            features = trunk.EmitOnnx(graph, input, height, width);
            string logits = TorchLayerOnnx.Conv(graph, classifier, features, groups: 1);
            return graph.Node("Softmax", new[] { logits }, Int("axis", 1));
        }

        /// <summary>
        /// Writes the confusion outputs that <paramref name="spec"/> names (the network must have annotator heads), from the
        /// trunk's <paramref name="features"/> and the class <paramref name="probabilities"/>, and declares them as graph outputs.
        /// </summary>
        public void EmitConfusionOutputsOnnx(OnnxGraphBuilder graph, string features, string probabilities, OnnxExportSpec spec)
        {
            int r = Architecture.Annotators;
            int l = Architecture.Classes;
            bool pixelWise = confusion is PixelConfusionHeads;
            string matrices = confusion switch
            {
                PixelConfusionHeads heads => heads.EmitOnnx(graph, features, spec.Height, spec.Width),
                GlobalConfusion global => global.EmitOnnx(graph, spec.InputName),
                _ => throw new InvalidOperationException("The network has no annotator heads."),
            };

            // The same layouts as Spatial STAPLE's outputs: matrices [R, L, L] per image, the field [R, L, L, H, W].
            if (spec.Outputs.Confusion is not null)
            {
                if (pixelWise)
                {
                    // Opset 17's ReduceMean takes its axes as an attribute.
                    graph.Node("ReduceMean", new[] { matrices }, spec.Outputs.Confusion, Ints("axes", 4, 5), Int("keepdims", 0));
                }
                else
                {
                    graph.Node("Identity", new[] { matrices }, spec.Outputs.Confusion);
                }

                graph.Output(spec.Outputs.Confusion, new long?[] { null, r, l, l });
            }

            if (spec.Outputs.ConfusionField is not null)
            {
                if (pixelWise)
                {
                    graph.Node("Identity", new[] { matrices }, spec.Outputs.ConfusionField);
                }
                else
                {
                    // [N, R, L, L] -> [N, R, L, L, 1, 1] -> every pixel: the batch size comes from the input.
                    string unsqueezed = graph.Node("Unsqueeze", new[] { matrices, graph.Int64Initializer("field_axes", 4, 5) });
                    string batch = graph.Node("Slice", new[]
                    {
                        graph.Node("Shape", new[] { spec.InputName }),
                        graph.Int64Initializer("zero", 0),
                        graph.Int64Initializer("one", 1),
                    });
                    string shape = graph.Node("Concat", new[] { batch, graph.Int64Initializer("field_dims", r, l, l, spec.Height, spec.Width) }, Int("axis", 0));
                    graph.Node("Expand", new[] { unsqueezed, shape }, spec.Outputs.ConfusionField);
                }

                graph.Output(spec.Outputs.ConfusionField, new long?[] { null, r, l, l, spec.Height, spec.Width });
            }

            if (spec.Outputs.AnnotatorPredictions is not null)
            {
                // (A p)[i] = sum_j A[i, j] p[j]: p as [N, 1, 1, L, H, W] against A as [N, R, L, L, H or 1, W or 1].
                string a = pixelWise
                    ? matrices
                    : graph.Node("Unsqueeze", new[] { matrices, graph.Int64Initializer("hw_axes", 4, 5) });
                string p = graph.Node("Unsqueeze", new[] { probabilities, graph.Int64Initializer("rl_axes", 1, 2) });
                string product = graph.Node("Mul", new[] { a, p });
                string observed = graph.Node("ReduceSum", new[] { product, graph.Int64Initializer("true_axis", 3) }, Int("keepdims", 0));
                graph.ArgMaxOrMissing(observed, 2, spec.Outputs.AnnotatorPredictions);
                graph.Output(spec.Outputs.AnnotatorPredictions, new long?[] { null, r, spec.Height, spec.Width });
            }
        }
    }
}
