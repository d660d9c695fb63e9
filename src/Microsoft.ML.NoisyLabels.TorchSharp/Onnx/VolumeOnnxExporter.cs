using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Volumes;
using static Microsoft.ML.NoisyLabels.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Onnx
{
    /// <summary>What a whole-volume graph reads and writes.</summary>
    /// <param name="InputName">The volume column: float [D, H, W], or [C, D, H, W] when <paramref name="InputHasChannels"/>.</param>
    /// <param name="Layout">The volume's shape.</param>
    /// <param name="InputHasChannels">Whether the column has the channel axis.</param>
    /// <param name="SliceAxis">The axis the network's 2D slices are cut across.</param>
    /// <param name="Overlap">The windows' overlap, a share of their size in [0, 1).</param>
    /// <param name="Outputs">The outputs: probabilities [L, D, H, W], predicted label [D, H, W], confusion matrices per
    /// volume [R, L, L] and per voxel [R, L, L, D, H, W] (the same fields as <see cref="OnnxOutputNames"/>; annotator
    /// predictions are not made).</param>
    internal sealed record VolumeExportSpec(string InputName, VolumeLayout Layout, bool InputHasChannels, VolumeAxis SliceAxis, double Overlap, OnnxOutputNames Outputs);

    /// <summary>
    /// Writes trained 2D networks as one ONNX graph that segments a whole volume: a Scan over the slices across the
    /// slice axis whose body cuts the slice into windows of the training patch size (a Gather), runs the networks on
    /// them as one batch, and blends the windows' probabilities with Gaussian weights (a scatter-add, then the
    /// precomputed reciprocal of the weights' sum). Memory holds one slice's windows at a time, besides the outputs.
    /// The networks' weights are initializers of the main graph, which the body reads from the outer scope.
    /// </summary>
    internal static class VolumeOnnxExporter
    {
        public static byte[] Export(IReadOnlyList<SegmentationNetwork> networks, int patchHeight, int patchWidth, VolumeExportSpec spec)
        {
            var outputs = spec.Outputs;
            bool wantsConfusion = outputs.Confusion is not null || outputs.ConfusionField is not null;
            if (networks.Count == 0 || (wantsConfusion && (networks.Count != 1 || !networks[0].Architecture.HasConfusion)))
            {
                throw new ArgumentException("Confusion outputs need exactly one network with annotator heads.", nameof(spec));
            }

            using var noGrad = no_grad();
            var architecture = networks[0].Architecture;
            var layout = spec.Layout;
            var plane = layout.Plane(spec.SliceAxis);
            var windows = new SlidingWindows(plane.Rows, plane.Columns, patchHeight, patchWidth, spec.Overlap);
            var graph = new OnnxGraphBuilder();
            graph.Input(spec.InputName, spec.InputHasChannels
                ? new long?[] { layout.Channels, layout.Depth, layout.Height, layout.Width }
                : new long?[] { layout.Depth, layout.Height, layout.Width });

            // [C, D, H, W], then the slice axis second: [C, S, U, V] with (U, V) the slice plane's rows and columns.
            string volume = spec.InputHasChannels
                ? spec.InputName
                : graph.Node("Reshape", new[] { spec.InputName, graph.Int64Initializer("cdhw", 1, layout.Depth, layout.Height, layout.Width) });
            long[]? toSlices = spec.SliceAxis switch
            {
                VolumeAxis.Depth => null,
                VolumeAxis.Height => new long[] { 0, 2, 1, 3 },
                _ => new long[] { 0, 3, 1, 2 },
            };
            long[]? fromSlices = spec.SliceAxis switch
            {
                VolumeAxis.Depth => null,
                VolumeAxis.Height => new long[] { 0, 2, 1, 3 },
                _ => new long[] { 0, 2, 3, 1 },
            };
            string slices = toSlices is null ? volume : graph.Node("Transpose", new[] { volume }, Ints("perm", toSlices));

            var window = new WindowTensors(graph, windows);
            var body = graph.Subgraph("slice");
            string slice = body.NewName("slice_in");
            body.Input(slice, new long?[] { layout.Channels, plane.Rows, plane.Columns });
            string batch = window.Cut(body, slice, layout.Channels);
            string probabilities = NetworkOnnxExporter.EmitProbabilities(body, networks, batch, patchHeight, patchWidth, out var features);

            // Scan outputs: (name in the body, name outside, axis the slices stack along).
            var scanOutputs = new List<(string Inner, string Outer, long Axis)>();
            string sliceProbabilities = window.Blend(body, probabilities, architecture.Classes);
            scanOutputs.Add((sliceProbabilities, graph.NewName("scan_probabilities"), 1));
            body.Output(sliceProbabilities, new long?[] { architecture.Classes, plane.Rows, plane.Columns });

            int r = architecture.Annotators, l = architecture.Classes, matrixEntries = r * l * l;
            var heads = networks[0].confusion as PixelConfusionHeads;
            if (wantsConfusion && heads is not null)
            {
                // [n, R, L, L, h, w] -> [n, R*L*L, h, w]: every matrix entry blends as a channel; columns still sum to 1.
                string matrices = heads.EmitOnnx(body, features[0], patchHeight, patchWidth);
                string entries = body.Node("Reshape", new[] { matrices, graph.Int64Initializer("entries_shape", 0, matrixEntries, patchHeight, patchWidth) });
                string field = window.Blend(body, entries, matrixEntries);
                if (outputs.ConfusionField is not null)
                {
                    scanOutputs.Add((field, graph.NewName("scan_field"), 1));
                    body.Output(field, new long?[] { matrixEntries, plane.Rows, plane.Columns });
                }

                if (outputs.Confusion is not null)
                {
                    // The slice's pixel average; every slice has as many pixels, so their mean is the volume's average.
                    string mean = body.Node("ReduceMean", new[] { field }, Ints("axes", 1, 2), Int("keepdims", 0));
                    scanOutputs.Add((mean, graph.NewName("scan_matrices"), 0));
                    body.Output(mean, new long?[] { matrixEntries });
                }
            }

            graph.MultiOutputNode(
                "Scan",
                new[] { slices },
                scanOutputs.Select(o => o.Outer).ToArray(),
                GraphAttribute("body", body.Graph),
                Int("num_scan_inputs", 1),
                Ints("scan_input_axes", 1),
                Ints("scan_output_axes", scanOutputs.Select(o => o.Axis).ToArray()));

            string Unslice(string stacked) => fromSlices is null ? stacked : graph.Node("Transpose", new[] { stacked }, Ints("perm", fromSlices));
            string volumeProbabilities = Unslice(scanOutputs[0].Outer);
            var dhw = new long?[] { layout.Depth, layout.Height, layout.Width };
            if (outputs.Probabilities is not null)
            {
                graph.Node("Identity", new[] { volumeProbabilities }, outputs.Probabilities);
                graph.Output(outputs.Probabilities, new long?[] { l }.Concat(dhw).ToArray());
            }

            if (outputs.PredictedLabel is not null)
            {
                graph.ArgMaxOrMissing(volumeProbabilities, 0, outputs.PredictedLabel);
                graph.Output(outputs.PredictedLabel, dhw);
            }

            var fieldDims = new long?[] { r, l, l }.Concat(dhw).ToArray();
            if (wantsConfusion && heads is not null)
            {
                int next = 1;
                if (outputs.ConfusionField is not null)
                {
                    string field = Unslice(scanOutputs[next++].Outer);
                    graph.Node("Reshape", new[] { field, graph.Int64Initializer("field_shape", r, l, l, layout.Depth, layout.Height, layout.Width) }, outputs.ConfusionField);
                    graph.Output(outputs.ConfusionField, fieldDims);
                }

                if (outputs.Confusion is not null)
                {
                    string mean = graph.Node("ReduceMean", new[] { scanOutputs[next].Outer }, Ints("axes", 0), Int("keepdims", 0));
                    graph.Node("Reshape", new[] { mean, graph.Int64Initializer("cm_shape", r, l, l) }, outputs.Confusion);
                    graph.Output(outputs.Confusion, new long?[] { r, l, l });
                }
            }
            else if (wantsConfusion && networks[0].confusion is GlobalConfusion global)
            {
                // One matrix per annotator for every voxel: constants, as the 2D graph writes them.
                using var matrices = global.logits.softmax(1);
                float[] values = TorchLayerOnnx.Values(matrices);
                if (outputs.Confusion is not null)
                {
                    graph.Node("Identity", new[] { graph.Initializer("cm_global", values, r, l, l) }, outputs.Confusion);
                    graph.Output(outputs.Confusion, new long?[] { r, l, l });
                }

                if (outputs.ConfusionField is not null)
                {
                    string constant = graph.Initializer("cm_global_field", values, r, l, l, 1, 1, 1);
                    graph.Node("Expand", new[] { constant, graph.Int64Initializer("field_shape", r, l, l, layout.Depth, layout.Height, layout.Width) }, outputs.ConfusionField);
                    graph.Output(outputs.ConfusionField, fieldDims);
                }
            }

            return graph.ToBytes("Microsoft.ML.NoisyLabels");
        }

        /// <summary>The constants of the sliding windows and the nodes that cut a slice into windows and blend them back.</summary>
        private sealed class WindowTensors
        {
            private readonly SlidingWindows _windows;
            private readonly string _indices;
            private readonly string _weights;
            private readonly string _inverseSums;

            public WindowTensors(OnnxGraphBuilder graph, SlidingWindows windows)
            {
                _windows = windows;
                _indices = graph.Int64Initializer("window_pixels", windows.PixelIndices());
                _weights = graph.Initializer("window_weights", windows.Weights, windows.WindowHeight, windows.WindowWidth);
                _inverseSums = graph.Initializer("inverse_weight_sums", windows.InverseWeightSums(), 1, (long)windows.PaddedRows * windows.PaddedColumns);
            }

            private bool Padded => _windows.PaddedRows != _windows.Rows || _windows.PaddedColumns != _windows.Columns;

            private long PaddedPixels => (long)_windows.PaddedRows * _windows.PaddedColumns;

            private long WindowPixels => (long)_windows.Count * _windows.WindowHeight * _windows.WindowWidth;

            /// <summary>[C, U, V] -> the windows as a batch [n, C, h, w].</summary>
            public string Cut(OnnxGraphBuilder body, string slice, int channels)
            {
                string padded = slice;
                if (Padded)
                {
                    // Zeros below and right of the plane, as patch sampling pads.
                    string pads = body.Int64Initializer("slice_pads", 0, 0, 0, 0, _windows.PaddedRows - _windows.Rows, _windows.PaddedColumns - _windows.Columns);
                    padded = body.Node("Pad", new[] { slice, pads }, Text("mode", "constant"));
                }

                string flat = body.Node("Reshape", new[] { padded, body.Int64Initializer("slice_flat", channels, PaddedPixels) });
                string gathered = body.Node("Gather", new[] { flat, _indices }, Int("axis", 1));
                string windows = body.Node("Reshape", new[] { gathered, body.Int64Initializer("windows_shape", channels, _windows.Count, _windows.WindowHeight, _windows.WindowWidth) });
                return body.Node("Transpose", new[] { windows }, Ints("perm", 1, 0, 2, 3));
            }

            /// <summary>
            /// [n, K, h, w] per window -> [K, U, V]: each window's values times its weights, added where the windows lie,
            /// divided by the sum of the weights there.
            /// </summary>
            public string Blend(OnnxGraphBuilder body, string perWindow, int channels)
            {
                string weighted = body.Node("Mul", new[] { perWindow, _weights });
                string byChannel = body.Node("Transpose", new[] { weighted }, Ints("perm", 1, 0, 2, 3));
                var flatShape = body.Int64Initializer("blend_updates", channels, WindowPixels);
                string updates = body.Node("Reshape", new[] { byChannel, flatShape });
                string indices = body.Node("Expand", new[] { body.Node("Unsqueeze", new[] { _indices, body.Int64Initializer("axis0", 0) }), flatShape });
                string zeros = body.Node("ConstantOfShape", new[] { body.Int64Initializer("blend_plane", channels, PaddedPixels) });
                string sums = body.Node("ScatterElements", new[] { zeros, indices, updates }, Int("axis", 1), Text("reduction", "add"));
                string blended = body.Node("Mul", new[] { sums, _inverseSums });
                string plane = body.Node("Reshape", new[] { blended, body.Int64Initializer("blend_shape", channels, _windows.PaddedRows, _windows.PaddedColumns) });
                return Padded
                    ? body.Node("Slice", new[] { plane, body.Int64Initializer("crop_starts", 0, 0), body.Int64Initializer("crop_ends", _windows.Rows, _windows.Columns), body.Int64Initializer("crop_axes", 1, 2) })
                    : plane;
            }
        }
    }
}
