using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.NoisyLabels.Training.Kernels;
using Microsoft.ML.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Tests.Networks
{
    [TestClass]
    public class OnnxExportTests
    {
        /// <summary>Random values in every parameter, so that no default (unit scale, zero bias) hides a mistake.</summary>
        internal static SegmentationNetwork RandomNetwork(NetworkArchitecture architecture, int seed)
        {
            random.manual_seed(seed);
            var network = new SegmentationNetwork(architecture);
            using (no_grad())
            {
                foreach (var (name, parameter) in network.named_parameters())
                {
                    if (name.Contains("norm") || name.Contains("act") || name.EndsWith("bias", StringComparison.Ordinal) || name.Contains("logits"))
                    {
                        parameter.add_(randn_like(parameter) * 0.3);
                    }
                }
            }

            network.eval();
            return network;
        }

        private static Dictionary<string, float[]> RunOnnx(byte[] model, string inputName, float[] input, long[] shape)
        {
            using var session = new InferenceSession(model);
            var tensor = new DenseTensor<float>(input, shape.Select(d => (int)d).ToArray());
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(inputName, tensor) });
            return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
        }

        private static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
        {
            Assert.AreEqual(expected.Length, actual.Length, what + ": length");
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            }

            Assert.IsTrue(worst <= tolerance, $"{what}: largest difference {worst:E3} exceeds {tolerance:E1}");
        }

        [TestMethod]
        [DataRow(1, 28, 28, 3, ConfusionMatrixKind.PixelWise, 2, 0)]
        [DataRow(1, 28, 28, 2, ConfusionMatrixKind.PixelWise, 2, 2)]
        [DataRow(1, 28, 28, 2, ConfusionMatrixKind.Global, 2, 0)]
        [DataRow(2, 13, 17, 2, ConfusionMatrixKind.PixelWise, 3, 1)]
        [DataRow(1, 9, 10, 0, ConfusionMatrixKind.PixelWise, 4, 0)]
        public void OnnxOutputsEqualTorchSharpForward(int channels, int height, int width, int depth, ConfusionMatrixKind kind, int classes, int headBlocks)
        {
            const int annotators = 3;
            var architecture = new NetworkArchitecture(channels, classes, Width: 4, Depth: depth, Annotators: annotators, kind, DiagonalBias: 2, ConfusionHeadBlocks: headBlocks);
            using var network = RandomNetwork(architecture, seed: 7);
            var spec = new OnnxExportSpec("Image", channels, height, width, new OnnxOutputNames("Probabilities", "PredictedLabel", "Confusion", "AnnotatorMasks", "Field"));
            byte[] model = NetworkOnnxExporter.Export(new[] { network }, spec);

            random.manual_seed(11);
            long[] shape = { 3, channels, height, width };
            using var input = rand(shape);
            var outputs = RunOnnx(model, "Image", input.data<float>().ToArray(), shape);

            // TorchSharp's forward pass is the reference here: it must run on kernels that compute it correctly, as the
            // trainers make sure (oneDNN's are wrong for some of these layers on some machines).
            using (var channel = ((IHostEnvironment)new MLContext()).Start("kernels"))
            {
                KernelCheck.Ensure(network, input, CpuKernels.Verified, channel, "ONNX export test");
            }

            using var noGrad = no_grad();
            var (logP, logA) = network.Forward(input, withConfusion: true);
            using var p = logP.exp();
            AssertClose(p.data<float>().ToArray(), outputs["Probabilities"], 1e-4, "probabilities");
            using var label = p.argmax(1).to_type(ScalarType.Float32);
            AssertClose(label.data<float>().ToArray(), outputs["PredictedLabel"], 0, "predicted label");

            using var a = logA!.exp();
            // Per image [N, R, L, L] and per pixel [N, R, L, L, H, W], whatever the kind of matrices.
            using var confusion = kind == ConfusionMatrixKind.Global
                ? a.reshape(1, annotators, classes, classes).expand(shape[0], annotators, classes, classes).contiguous()
                : a.mean(new long[] { 4, 5 });
            AssertClose(confusion.data<float>().ToArray(), outputs["Confusion"], 1e-4, "confusion matrices");
            using var field = kind == ConfusionMatrixKind.Global
                ? a.reshape(1, annotators, classes, classes, 1, 1).expand(shape[0], annotators, classes, classes, height, width).contiguous()
                : a;
            AssertClose(field.data<float>().ToArray(), outputs["Field"], 1e-4, "confusion field");

            using var observed = (a * p.unsqueeze(1).unsqueeze(2)).sum(3);
            using var masks = observed.argmax(2).to_type(ScalarType.Float32);
            AssertClose(masks.data<float>().ToArray(), outputs["AnnotatorMasks"], 0, "annotator masks");
        }

        [TestMethod]
        public void SeveralNetworksAreAveraged()
        {
            var architecture = new NetworkArchitecture(1, 2, Width: 4, Depth: 1, Annotators: 0, ConfusionMatrixKind.PixelWise, DiagonalBias: 2);
            using var first = RandomNetwork(architecture, seed: 1);
            using var second = RandomNetwork(architecture, seed: 2);
            var spec = new OnnxExportSpec("x", 1, 8, 8, new OnnxOutputNames("p", "label"));
            byte[] model = NetworkOnnxExporter.Export(new[] { first, second }, spec);

            long[] shape = { 2, 1, 8, 8 };
            random.manual_seed(3);
            using var input = rand(shape);
            var outputs = RunOnnx(model, "x", input.data<float>().ToArray(), shape);
            using var noGrad = no_grad();
            using var mean = (first.Forward(input, false).LogProbabilities.exp() + second.Forward(input, false).LogProbabilities.exp()) / 2;
            AssertClose(mean.data<float>().ToArray(), outputs["p"], 1e-4, "mean probabilities");
            using var label = mean.argmax(1).to_type(ScalarType.Float32);
            AssertClose(label.data<float>().ToArray(), outputs["label"], 0, "label of the mean");
        }
    }
}
