using Microsoft.ML.NoisyLabels.Networks;
using TorchSharp.Modules;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Onnx
{
    /// <summary>
    /// What an exported graph reads and writes. The graph's input and output names are the ML.NET column names, so
    /// that <c>ApplyOnnxModel</c> maps them directly. A null output name leaves that output out.
    /// </summary>
    /// <param name="InputName">The image column: float [N, C, H, W].</param>
    /// <param name="Channels">C.</param>
    /// <param name="Height">H.</param>
    /// <param name="Width">W.</param>
    /// <param name="Outputs">The output names.</param>
    internal sealed record OnnxExportSpec(string InputName, int Channels, int Height, int Width, OnnxOutputNames Outputs);

    /// <summary>The output columns of an exported model; a null name leaves that output out.</summary>
    /// <param name="Probabilities">Class probabilities p, [N, L, H, W].</param>
    /// <param name="PredictedLabel">argmax of p as float, [N, H, W] (NaN where p is NaN).</param>
    /// <param name="Confusion">Confusion matrices per image, [N, R, L, L] indexed [annotator][observed][true]: the global
    /// matrices, or the pixel average of the pixel-wise ones.</param>
    /// <param name="AnnotatorPredictions">Each annotator's most likely mask, argmax of A p, as float [N, R, H, W].</param>
    /// <param name="ConfusionField">Confusion matrices per pixel, [N, R, L, L, H, W] indexed [annotator][observed][true][pixel]
    /// (the global matrices repeated at every pixel).</param>
    internal sealed record OnnxOutputNames(string? Probabilities, string? PredictedLabel, string? Confusion = null, string? AnnotatorPredictions = null, string? ConfusionField = null)
    {
        /// <summary>The names asked for, in graph order.</summary>
        public string[] Names => new[] { Probabilities, PredictedLabel, Confusion, ConfusionField, AnnotatorPredictions }.Where(n => n is not null).Select(n => n!).ToArray();
    }

    /// <summary>
    /// Writes trained <see cref="SegmentationNetwork"/>s as one ONNX graph, operator for operator, from their weights.
    /// Several networks (one per annotator, say) are averaged: p is the mean of their probabilities.
    /// </summary>
    internal static class NetworkOnnxExporter
    {
        public static byte[] Export(IReadOnlyList<SegmentationNetwork> networks, OnnxExportSpec spec)
        {
            if (networks.Count == 0)
            {
                throw new ArgumentException("Nothing to export.", nameof(networks));
            }

            bool wantsConfusion = spec.Outputs.Confusion is not null || spec.Outputs.ConfusionField is not null || spec.Outputs.AnnotatorPredictions is not null;
            if (wantsConfusion && (networks.Count != 1 || !networks[0].Architecture.HasConfusion))
            {
                throw new ArgumentException("Confusion outputs need exactly one network with annotator heads.", nameof(spec));
            }

            using var noGrad = no_grad();
            var graph = new OnnxGraphBuilder();
            graph.Input(spec.InputName, new long?[] { null, spec.Channels, spec.Height, spec.Width });
            int classes = networks[0].Architecture.Classes;

            string? probabilities = null;
            var features = new string[networks.Count];
            for (int k = 0; k < networks.Count; k++)
            {
                features[k] = Trunk(graph, networks[k].trunk, spec.InputName, spec.Height, spec.Width);
                string logits = Conv(graph, networks[k].classifier, features[k], groups: 1);
                string p = graph.Node("Softmax", new[] { logits }, Int("axis", 1));
                probabilities = probabilities is null ? p : graph.Node("Add", new[] { probabilities, p });
            }

            if (networks.Count > 1)
            {
                probabilities = graph.Node("Div", new[] { probabilities!, graph.Initializer("count", new float[] { networks.Count }) });
            }

            if (spec.Outputs.Probabilities is not null)
            {
                graph.Node("Identity", new[] { probabilities! }, spec.Outputs.Probabilities);
                graph.Output(spec.Outputs.Probabilities, new long?[] { null, classes, spec.Height, spec.Width });
            }

            if (spec.Outputs.PredictedLabel is not null)
            {
                ArgMaxOrMissing(graph, probabilities!, 1, spec.Outputs.PredictedLabel);
                graph.Output(spec.Outputs.PredictedLabel, new long?[] { null, spec.Height, spec.Width });
            }

            if (wantsConfusion)
            {
                ConfusionOutputs(graph, networks[0], features[0], probabilities!, spec);
            }

            return graph.ToBytes("Microsoft.ML.NoisyLabels");
        }

        /// <summary>
        /// The most probable class along <paramref name="axis"/>, as Single; NaN where the probabilities are NaN (an image
        /// with a NaN pixel, which instance normalisation spreads over the whole image): a missing value in ML.NET's
        /// convention rather than a confident class 0.
        /// </summary>
        private static void ArgMaxOrMissing(OnnxGraphBuilder graph, string probabilities, long axis, string outputName)
        {
            string argmax = graph.Node("ArgMax", new[] { probabilities }, Int("axis", axis), Int("keepdims", 0));
            string label = graph.Node("Cast", new[] { argmax }, Int("to", (long)global::Onnx.TensorProto.Types.DataType.Float));
            string total = graph.Node("ReduceSum", new[] { probabilities, graph.Int64Initializer("class_axis", axis) }, Int("keepdims", 0));
            graph.Node("Where", new[] { graph.Node("IsNaN", new[] { total }), total, label }, outputName);
        }

        private static void ConfusionOutputs(OnnxGraphBuilder graph, SegmentationNetwork network, string features, string probabilities, OnnxExportSpec spec)
        {
            var architecture = network.Architecture;
            int r = architecture.Annotators;
            int l = architecture.Classes;
            string confusion;
            bool pixelWise = network.confusion is PixelConfusionHeads;
            if (network.confusion is PixelConfusionHeads heads)
            {
                string hidden = features;
                foreach (var block in heads.blocks)
                {
                    hidden = Block(graph, (ConvNormAct)block, hidden);
                }

                string logits = Conv(graph, heads.output, hidden, groups: heads.OutputGroups);
                // [N, R*L*L, H, W] -> [N, R, L, L, H, W]; the reshape's 0 keeps the batch size.
                string shaped = graph.Node("Reshape", new[] { logits, graph.Int64Initializer("cm_shape", 0, r, l, l, spec.Height, spec.Width) });
                confusion = graph.Node("Softmax", new[] { shaped }, Int("axis", 2));
            }
            else
            {
                var global = (GlobalConfusion)network.confusion!;
                float[] matrices = Values(global.logits.softmax(1));
                string constant = graph.Initializer("cm_global", matrices, 1, r, l, l);
                // Repeat the matrices for every image of the batch: [N, R, L, L].
                string batch = graph.Node("Slice", new[]
                {
                    graph.Node("Shape", new[] { spec.InputName }),
                    graph.Int64Initializer("zero", 0),
                    graph.Int64Initializer("one", 1),
                });
                string shape = graph.Node("Concat", new[] { batch, graph.Int64Initializer("cm_dims", r, l, l) }, Int("axis", 0));
                confusion = graph.Node("Expand", new[] { constant, shape });
            }

            // The same layouts as Spatial STAPLE's outputs: matrices [R, L, L] per image, the field [R, L, L, H, W].
            if (spec.Outputs.Confusion is not null)
            {
                if (pixelWise)
                {
                    // Opset 17's ReduceMean takes its axes as an attribute.
                    graph.Node("ReduceMean", new[] { confusion }, spec.Outputs.Confusion, Ints("axes", 4, 5), Int("keepdims", 0));
                }
                else
                {
                    graph.Node("Identity", new[] { confusion }, spec.Outputs.Confusion);
                }

                graph.Output(spec.Outputs.Confusion, new long?[] { null, r, l, l });
            }

            if (spec.Outputs.ConfusionField is not null)
            {
                if (pixelWise)
                {
                    graph.Node("Identity", new[] { confusion }, spec.Outputs.ConfusionField);
                }
                else
                {
                    // [N, R, L, L] -> [N, R, L, L, 1, 1] -> every pixel: the batch size comes from the input.
                    string unsqueezed = graph.Node("Unsqueeze", new[] { confusion, graph.Int64Initializer("field_axes", 4, 5) });
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
                    ? confusion
                    : graph.Node("Unsqueeze", new[] { confusion, graph.Int64Initializer("hw_axes", 4, 5) });
                string p = graph.Node("Unsqueeze", new[] { probabilities, graph.Int64Initializer("rl_axes", 1, 2) });
                string product = graph.Node("Mul", new[] { a, p });
                string observed = graph.Node("ReduceSum", new[] { product, graph.Int64Initializer("true_axis", 3) }, Int("keepdims", 0));
                ArgMaxOrMissing(graph, observed, 2, spec.Outputs.AnnotatorPredictions);
                graph.Output(spec.Outputs.AnnotatorPredictions, new long?[] { null, r, spec.Height, spec.Width });
            }
        }

        private static string Trunk(OnnxGraphBuilder graph, UNetTrunk trunk, string input, int height, int width)
        {
            int depth = trunk.Depth;
            var skips = new string[depth + 1];
            var sizes = new (long H, long W)[depth + 1];
            sizes[0] = (height, width);
            string x = Sequence(graph, trunk.enc[0], input);
            skips[0] = x;
            for (int k = 1; k <= depth; k++)
            {
                var downBlock = (ConvNormAct)trunk.down[k - 1];
                x = Sequence(graph, trunk.enc[k], Block(graph, downBlock, x));
                skips[k] = x;
                // A stride-2 3x3 convolution with padding 1 gives ceil(size / 2).
                sizes[k] = ((sizes[k - 1].H + 1) / 2, (sizes[k - 1].W + 1) / 2);
            }

            for (int k = depth; k >= 1; k--)
            {
                var target = sizes[k - 1];
                string up = Resize(graph, x, target.H, target.W);
                string joined = graph.Node("Concat", new[] { up, skips[k - 1] }, Int("axis", 1));
                x = Sequence(graph, trunk.dec[depth - k], joined);
            }

            return x;
        }

        /// <summary>Bilinear resizing to a fixed height and width, as PyTorch's interpolate(align_corners=False).</summary>
        private static string Resize(OnnxGraphBuilder graph, string input, long height, long width)
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

        private static string Sequence(OnnxGraphBuilder graph, TorchSharp.torch.nn.Module<Tensor, Tensor> module, string input)
        {
            if (module is ConvNormAct block)
            {
                return Block(graph, block, input);
            }

            string x = input;
            foreach (var child in ((Sequential)module).children())
            {
                x = Block(graph, (ConvNormAct)child, x);
            }

            return x;
        }

        private static string Block(OnnxGraphBuilder graph, ConvNormAct block, string input)
        {
            string conv = Conv(graph, block.conv, input, block.Groups, block.Stride);
            string norm = graph.Node(
                "InstanceNormalization",
                new[] { conv, graph.Initializer("in_scale", Values(block.norm.weight!), block.OutputChannels), graph.Initializer("in_bias", Values(block.norm.bias!), block.OutputChannels) },
                Float("epsilon", (float)ConvNormAct.NormEpsilon));
            string slope = graph.Initializer("prelu_slope", Values(block.act.weight), block.OutputChannels, 1, 1);
            return graph.Node("PRelu", new[] { norm, slope });
        }

        private static string Conv(OnnxGraphBuilder graph, Conv2d conv, string input, long groups, long stride = 1)
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

        private static float[] Values(Tensor tensor)
            => tensor.detach().cpu().contiguous().data<float>().ToArray();
    }
}
