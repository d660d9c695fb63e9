using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    [TestClass]
    public class DiagonalDominanceTests
    {
        // Global matrices [1, R, L, L, 1, 1], A[observed, true], columns summing to 1.
        private static Tensor LogGlobal(params float[] entries)
        {
            long classes = entries.Length switch { 8 => 2, 4 => 2, 9 => 3, _ => throw new ArgumentException("entries") };
            long annotators = entries.Length / (classes * classes);
            return tensor(entries).reshape(1, annotators, classes, classes, 1, 1).log();
        }

        // Two pixels of one image: p = [0.9, 0.1] and [0.2, 0.8].
        private static Tensor LogP() => tensor(new[] { 0.9f, 0.2f, 0.1f, 0.8f }).reshape(1, 2, 1, 2).log();

        private static float Penalty(Tensor logP, Tensor logA, float[] present, double margin = 0)
            => DiagonalDominance.Penalty(logP, logA, tensor(present).reshape(1, present.Length), margin).item<float>();

        [TestMethod]
        public void IsZeroWhileTheAnnotatorsAverageIsDominant()
        {
            // Average of [[0.9, 0.3], [0.1, 0.7]] and [[0.6, 0.2], [0.4, 0.8]]: [[0.75, 0.25], [0.25, 0.75]].
            var logA = LogGlobal(0.9f, 0.3f, 0.1f, 0.7f, 0.6f, 0.2f, 0.4f, 0.8f);
            Assert.AreEqual(0f, Penalty(LogP(), logA, new[] { 1f, 1f }));

            // A margin of 0.6 asks each diagonal entry to exceed the other by 0.6: both fall short by 0.1.
            Assert.AreEqual(0.2f, Penalty(LogP(), logA, new[] { 1f, 1f }, margin: 0.6), 1e-5f);
        }

        [TestMethod]
        public void MeasuresHowFarAFlipReversesTheAverage()
        {
            // The same annotators with their columns swapped (the flipped solution): average [[0.25, 0.75], [0.75, 0.25]],
            // short of dominance by 0.5 in each class.
            var flipped = LogGlobal(0.3f, 0.9f, 0.7f, 0.1f, 0.2f, 0.6f, 0.8f, 0.4f);
            Assert.AreEqual(1.0f, Penalty(LogP(), flipped, new[] { 1f, 1f }), 1e-5f);
        }

        [TestMethod]
        public void AveragesPixelWiseMatricesOverEachTrueClassAsPSeesIt()
        {
            // One annotator, two pixels. Pixel a: p = [1, 0], A = identity. Pixel b: p = [0.5, 0.5], A = [[0, 0], [1, 1]].
            // Column 0: (1 * [1, 0] + 0.5 * [0, 1]) / 1.5 = [2/3, 1/3]. Column 1: (0.5 * [0, 1]) / 0.5 = [0, 1].
            // Dominant in both classes; with margin 0.5, class 0 falls short by 0.5 - (2/3 - 1/3) = 1/6.
            var logP = tensor(new[] { 1f, 0.5f, 0f, 0.5f }).reshape(1, 2, 1, 2).clamp_min(1e-30).log();
            var logA = tensor(new[] { 1f, 0f, 0f, 0f, 0f, 1f, 1f, 1f }).reshape(1, 1, 2, 2, 1, 2).clamp_min(1e-30).log();
            Assert.AreEqual(0f, Penalty(logP, logA, new[] { 1f }), 1e-6f);
            Assert.AreEqual(1f / 6, Penalty(logP, logA, new[] { 1f }, margin: 0.5), 1e-5f);
        }

        [TestMethod]
        public void ComparesEachDiagonalEntryWithTheLargestOtherEntryOfItsColumn()
        {
            // Three classes, one annotator: [[0.5, 0.1, 0.2], [0.4, 0.3, 0.1], [0.1, 0.6, 0.7]]. Column 1's diagonal 0.3
            // is below its 0.6: short by 0.3. Columns 0 and 2 are dominant.
            var logA = LogGlobal(0.5f, 0.1f, 0.2f, 0.4f, 0.3f, 0.1f, 0.1f, 0.6f, 0.7f);
            var logP = tensor(new[] { 0.6f, 0.3f, 0.1f }).reshape(1, 3, 1, 1).log();
            Assert.AreEqual(0.3f, Penalty(logP, logA, new[] { 1f }), 1e-5f);
        }

        [TestMethod]
        public void LeavesOutAnnotatorsWithoutAnnotationsAndDoesNotMoveP()
        {
            // Annotator 0 is right, annotator 1 flipped but absent from the batch: only annotator 0 counts.
            var logA = LogGlobal(0.9f, 0.3f, 0.1f, 0.7f, 0.3f, 0.9f, 0.7f, 0.1f).requires_grad_(true);
            var logP = LogP().requires_grad_(true);
            var present = tensor(new[] { 1f, 0f }).reshape(1, 2);
            Assert.AreEqual(0f, DiagonalDominance.Penalty(logP, logA, present, 0).item<float>());

            // Both present: the average [[0.6, 0.6], [0.4, 0.4]] falls short in class 1 by 0.2; the gradient reaches
            // the matrices, never p (detached: the guard moves the matrices, the cross-entropy then moves p).
            var penalty = DiagonalDominance.Penalty(logP, logA, tensor(new[] { 1f, 1f }).reshape(1, 2), 0);
            Assert.AreEqual(0.2f, penalty.item<float>(), 1e-5f);
            penalty.backward();
            Assert.IsTrue(logA.grad!.abs().sum().item<float>() > 0, "the matrices must get a gradient");
            Assert.IsTrue(logP.grad is null || logP.grad.abs().sum().item<float>() == 0, "p must get no gradient");
        }

        [TestMethod]
        public void FloorPenaltyIsEachAnnotatorsShortfallBelowItsFloor()
        {
            // A0 = [[0.9, 0.3], [0.1, 0.7]] (diagonal 0.9, 0.7), A1 = [[0.6, 0.2], [0.4, 0.8]] (diagonal 0.6, 0.8).
            var logA = LogGlobal(0.9f, 0.3f, 0.1f, 0.7f, 0.6f, 0.2f, 0.4f, 0.8f);
            var both = tensor(new[] { 1f, 1f }).reshape(1, 2);
            float Floors(float f0, float f1, Tensor present) => DiagonalDominance.FloorPenalty(LogP(), logA, present, tensor(new[] { f0, f1 })).item<float>();

            // Floors 0.8 and none: A0's class 1 is 0.1 short.
            Assert.AreEqual(0.1f, Floors(0.8f, 0f, both), 1e-5f);
            // Floors 0.95 and 0.7: A0 is 0.05 + 0.25 short, A1 0.1 + 0.
            Assert.AreEqual(0.4f, Floors(0.95f, 0.7f, both), 1e-5f);
            // An annotator absent from the batch adds nothing.
            Assert.AreEqual(0.1f, Floors(0.95f, 0.7f, tensor(new[] { 0f, 1f }).reshape(1, 2)), 1e-5f);
        }
    }
}
