using Microsoft.ML.NoisyLabels.Networks;
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
    /// Several networks (one per annotator, say) are averaged: p is the mean of their probabilities. Each module writes
    /// its own nodes (<c>EmitOnnx</c>, beside its <c>forward</c> in Networks/); this class declares the graph's input and
    /// outputs and joins the networks.
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
            string? probabilities = EmitProbabilities(graph, networks, spec.InputName, spec.Height, spec.Width, out var features);

            if (spec.Outputs.Probabilities is not null)
            {
                graph.Node("Identity", new[] { probabilities! }, spec.Outputs.Probabilities);
                graph.Output(spec.Outputs.Probabilities, new long?[] { null, classes, spec.Height, spec.Width });
            }

            if (spec.Outputs.PredictedLabel is not null)
            {
                graph.ArgMaxOrMissing(probabilities!, 1, spec.Outputs.PredictedLabel);
                graph.Output(spec.Outputs.PredictedLabel, new long?[] { null, spec.Height, spec.Width });
            }

            if (wantsConfusion)
            {
                networks[0].EmitConfusionOutputsOnnx(graph, features[0], probabilities!, spec);
            }

            return graph.ToBytes("Microsoft.ML.NoisyLabels");
        }

        /// <summary>
        /// Writes the networks on <paramref name="input"/> ([N, C, height, width]) and returns the name of their mean class
        /// probabilities [N, L, height, width]; <paramref name="features"/> gets each network's trunk output.
        /// </summary>
        public static string EmitProbabilities(OnnxGraphBuilder graph, IReadOnlyList<SegmentationNetwork> networks, string input, int height, int width, out string[] features)
        {
            string? probabilities = null;
            features = new string[networks.Count];
            for (int k = 0; k < networks.Count; k++)
            {
                string p = networks[k].EmitProbabilitiesOnnx(graph, input, height, width, out features[k]);
                probabilities = probabilities is null ? p : graph.Node("Add", new[] { probabilities, p });
            }

            if (networks.Count > 1)
            {
                probabilities = graph.Node("Div", new[] { probabilities!, graph.Initializer("count", new float[] { networks.Count }) });
            }

            return probabilities!;
        }
    }
}
