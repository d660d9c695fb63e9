using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    [TestClass]
    public class NoisyLabelLossTests
    {
        // One pixel, two classes: p = [0.8, 0.2].
        private static Tensor LogP() => tensor(new[] { 0.8f, 0.2f }).reshape(1, 2, 1, 1).log();

        // A[observed, true], columns sum to 1: annotator 0 = [[0.9, 0.3], [0.1, 0.7]], annotator 1 = [[0.6, 0.2], [0.4, 0.8]].
        private static Tensor LogA(bool requiresGrad = false)
        {
            var a = tensor(new[] { 0.9f, 0.3f, 0.1f, 0.7f, 0.6f, 0.2f, 0.4f, 0.8f }).reshape(1, 2, 2, 2, 1, 1).log();
            return requiresGrad ? a.requires_grad_(true) : a;
        }

        private static Tensor Labels(long first, long second) => tensor(new[] { first, second }).reshape(1, 2, 1, 1);

        [TestMethod]
        public void CrossEntropyIsMinusLogOfConfusedProbability()
        {
            // Annotator 0 says 0: (A p)[0] = 0.9*0.8 + 0.3*0.2 = 0.78. Annotator 1 says 1: 0.4*0.8 + 0.8*0.2 = 0.48.
            var terms = NoisyLabelLoss.Compute(LogP(), LogA(), Labels(0, 1), tensor(new[] { 1f, 1f }).reshape(1, 2), 0, TraceNormalization.SumOverAnnotators);
            Assert.AreEqual(-Math.Log(0.78) - Math.Log(0.48), terms.CrossEntropy.item<float>(), 1e-5);
            Assert.AreEqual(terms.CrossEntropy.item<float>(), terms.Total.item<float>(), 1e-7);
        }

        [TestMethod]
        public void TraceIsMeanOverPixelsNotDividedByClasses()
        {
            // Traces: 0.9 + 0.7 = 1.6 and 0.6 + 0.8 = 1.4.
            var present = tensor(new[] { 1f, 1f }).reshape(1, 2);
            var sum = NoisyLabelLoss.Compute(LogP(), LogA(), Labels(0, 1), present, 0.5, TraceNormalization.SumOverAnnotators);
            Assert.AreEqual(3.0, sum.Trace.item<float>(), 1e-5);
            Assert.AreEqual(-Math.Log(0.78) - Math.Log(0.48) + (0.5 * 3.0), sum.Total.item<float>(), 1e-5);

            var mean = NoisyLabelLoss.Compute(LogP(), LogA(), Labels(0, 1), present, 0.5, TraceNormalization.MeanOverAnnotators);
            Assert.AreEqual(1.5, mean.Trace.item<float>(), 1e-5);

            // Over pixels the trace is averaged: two pixels with traces 1.6 and 1.2 give 1.4 for one annotator.
            var twoPixels = tensor(new[] { 0.9f, 0.5f, 0.3f, 0.3f, 0.1f, 0.5f, 0.7f, 0.7f }).reshape(1, 1, 2, 2, 1, 2).log();
            var p2 = tensor(new[] { 0.5f, 0.5f, 0.5f, 0.5f }).reshape(1, 2, 1, 2).log();
            var terms = NoisyLabelLoss.Compute(p2, twoPixels, zeros(new long[] { 1, 1, 1, 2 }, ScalarType.Int64), ones(1, 1), 1, TraceNormalization.SumOverAnnotators);
            Assert.AreEqual(1.4, terms.Trace.item<float>(), 1e-5);
        }

        [TestMethod]
        public void MissingAnnotationContributesNothingAndGetsNoGradient()
        {
            var logA = LogA(requiresGrad: true);
            var present = tensor(new[] { 1f, 0f }).reshape(1, 2);
            var terms = NoisyLabelLoss.Compute(LogP(), logA, Labels(0, 1), present, 0.7, TraceNormalization.MeanOverAnnotators);
            Assert.AreEqual(-Math.Log(0.78) + (0.7 * 1.6), terms.Total.item<float>(), 1e-5);

            terms.Total.backward();
            var gradient = logA.grad!.reshape(2, 4);
            CollectionAssert.AreEqual(new float[4], gradient[1].data<float>().ToArray(), "the missing annotator's matrix must get no gradient");
            Assert.IsTrue(gradient[0].abs().sum().item<float>() > 0, "the present annotator's matrix must get a gradient");
        }

        [TestMethod]
        public void IdentityConfusionComparesAnnotationsWithProbabilities()
        {
            var terms = NoisyLabelLoss.Compute(LogP(), null, Labels(0, 1), tensor(new[] { 1f, 1f }).reshape(1, 2), 0.5, TraceNormalization.SumOverAnnotators);
            Assert.AreEqual(-Math.Log(0.8) - Math.Log(0.2), terms.Total.item<float>(), 1e-5);
            Assert.AreEqual(0f, terms.Trace.item<float>());
        }

        [TestMethod]
        public void SharedTruthScoresAllAnnotationsAgainstOneTrueClass()
        {
            // Annotator 0 says 0, annotator 1 says 1. True class 0: 0.8 * A0[0,0] * A1[1,0] = 0.8 * 0.9 * 0.4 = 0.288;
            // true class 1: 0.2 * A0[0,1] * A1[1,1] = 0.2 * 0.3 * 0.8 = 0.048. The likelihood is their sum, 0.336.
            var present = tensor(new[] { 1f, 1f }).reshape(1, 2);
            var terms = NoisyLabelLoss.Compute(LogP(), LogA(), Labels(0, 1), present, 0.5, TraceNormalization.SumOverAnnotators, AnnotationLikelihood.SharedTruth);
            Assert.AreEqual(-Math.Log(0.336), terms.CrossEntropy.item<float>(), 1e-5);
            Assert.AreEqual(-Math.Log(0.336) + (0.5 * 3.0), terms.Total.item<float>(), 1e-5, "the trace term does not depend on the likelihood");

            // Global matrices ([1, R, L, L, 1, 1]) broadcast over a batch of two pixels in two images.
            var p = tensor(new[] { 0.8f, 0.2f, 0.5f, 0.5f }).reshape(2, 2, 1, 1).log();
            var labels = tensor(new long[] { 0, 1, 1, 1 }).reshape(2, 2, 1, 1);
            var batch = NoisyLabelLoss.Compute(p, LogA(), labels, ones(2, 2), 0, TraceNormalization.SumOverAnnotators, AnnotationLikelihood.SharedTruth);
            // Second image, both say 1: 0.5 * 0.1 * 0.4 + 0.5 * 0.7 * 0.8 = 0.3. The batch value is the mean over images.
            Assert.AreEqual((-Math.Log(0.336) - Math.Log(0.3)) / 2, batch.CrossEntropy.item<float>(), 1e-5);
        }

        [TestMethod]
        public void SharedTruthEqualsIndependentWithOneAnnotation()
        {
            var logA = LogA(requiresGrad: true);
            var present = tensor(new[] { 0f, 1f }).reshape(1, 2);
            var shared = NoisyLabelLoss.Compute(LogP(), logA, Labels(0, 1), present, 0, TraceNormalization.MeanOverAnnotators, AnnotationLikelihood.SharedTruth);
            var independent = NoisyLabelLoss.Compute(LogP(), LogA(), Labels(0, 1), present, 0, TraceNormalization.MeanOverAnnotators);
            Assert.AreEqual(-Math.Log(0.48), shared.CrossEntropy.item<float>(), 1e-5);
            Assert.AreEqual(independent.CrossEntropy.item<float>(), shared.CrossEntropy.item<float>(), 1e-6);

            shared.Total.backward();
            var gradient = logA.grad!.reshape(2, 4);
            CollectionAssert.AreEqual(new float[4], gradient[0].data<float>().ToArray(), "the missing annotator's matrix must get no gradient");
        }

        [TestMethod]
        public void SharedTruthWithIdentityMatricesFallsBackToIndependent()
        {
            // During the warm-up disagreeing annotators would have probability zero under one shared true class.
            var present = tensor(new[] { 1f, 1f }).reshape(1, 2);
            var terms = NoisyLabelLoss.Compute(LogP(), null, Labels(0, 1), present, 0, TraceNormalization.SumOverAnnotators, AnnotationLikelihood.SharedTruth);
            Assert.AreEqual(-Math.Log(0.8) - Math.Log(0.2), terms.Total.item<float>(), 1e-5);
        }

        [TestMethod]
        [DataRow(ConfusionMatrixKind.PixelWise)]
        [DataRow(ConfusionMatrixKind.Global)]
        public void ConfusionColumnsSumToOneOverTheObservedAxis(ConfusionMatrixKind kind)
        {
            random.manual_seed(5);
            const int classes = 3;
            using var network = new SegmentationNetwork(new NetworkArchitecture(1, classes, Width: 4, Depth: 1, Annotators: 2, kind, DiagonalBias: 1.5));
            using var noGrad = no_grad();
            var (_, logA) = network.Forward(rand(2, 1, 6, 6), withConfusion: true);
            var a = logA!.exp();
            // Dimension 2 is the observed class, dimension 3 the true class: sums over dimension 2 are 1.
            var columnSums = a.sum(2);
            Assert.IsTrue((columnSums - 1).abs().max().item<float>() < 1e-5, "columns (true classes) must sum to 1");
            // The start is near identity: the diagonal dominates each column.
            double expected = ConfusionInitialisation.DiagonalProbability(classes, 1.5);
            var diagonal = a.diagonal(0, 2, 3).mean().item<float>();
            Assert.AreEqual(expected, diagonal, kind == ConfusionMatrixKind.Global ? 1e-5 : 0.1);

            // With random parameters columns still sum to 1 and rows do not: the normalised axis is the observed one.
            using var perturbed = Networks.OnnxExportTests.RandomNetwork(network.Architecture, seed: 9);
            var b = perturbed.Forward(rand(2, 1, 6, 6), withConfusion: true).LogConfusion!.exp();
            Assert.IsTrue((b.sum(2) - 1).abs().max().item<float>() < 1e-5, "columns (true classes) must sum to 1");
            Assert.IsTrue((b.sum(3) - 1).abs().max().item<float>() > 1e-3, "rows need not sum to 1: else the axis would be ambiguous");
        }
    }
}
