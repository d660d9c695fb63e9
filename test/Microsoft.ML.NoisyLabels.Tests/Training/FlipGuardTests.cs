using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    /// <summary>
    /// The trainer's guard against the flipped solution (AnnotatorConfusionTrainer.Options.DiagonalDominanceWeight): the
    /// trace term is smaller when p is the complement of the truth and every matrix has its columns swapped, so a
    /// large lambda pulls training there; the guard holds the annotators' average matrix diagonally dominant.
    /// </summary>
    [TestClass]
    public class FlipGuardTests
    {
        private const int Size = 12;

        [TestMethod]
        public void ALargeLambdaFlipsTheSegmentationWithoutTheGuardAndNotWithIt()
        {
            // Two annotators who both mark the square exactly, lambda 2.5: nothing in the annotations favours the flip,
            // the trace term does. With two annotators only, an average matrix held at the edge of dominance (margin 0)
            // tells p little (Dice 0.54 here), so the test asks for a margin of 0.3. Measured on an AMD Zen 5 machine:
            // Dice 0.722 with the guard, 0.002 without; the thresholds keep margins of 0.22 and 0.2.
            var ml = new MLContext(seed: 1);
            var train = TrainerTestData.Load(ml, 240, Size, seed: 3);
            var test = TrainerTestData.Load(ml, 60, Size, seed: 4);

            var guarded = ml.NoisyLabels().Trainers.AnnotatorConfusion(Options(guard: true)).Fit(train);
            var unguarded = ml.NoisyLabels().Trainers.AnnotatorConfusion(Options(guard: false)).Fit(train);
            double withGuard = Dice(ml, guarded, test);
            double without = Dice(ml, unguarded, test);
            Console.WriteLine($"Dice with the guard {withGuard:F3}, without {without:F3}");
            Assert.IsTrue(withGuard > 0.5, $"Dice with the guard: {withGuard:F3}");
            Assert.IsTrue(without < 0.2, $"Dice without the guard (the control: the flip the guard prevents): {without:F3}");
            Assert.IsTrue(guarded.TrainingHistory[^1].MeanConfusionDiagonal.All(d => d >= 0.5), "the guarded matrices stay diagonally dominant");
        }

        [TestMethod]
        public void GuardOptionsAreChecked()
        {
            var options = Options(guard: true);
            options.DiagonalDominanceWeight = -1;
            var weight = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().NoisyLabels().Trainers.AnnotatorConfusion(options));
            StringAssert.Contains(weight.Message, "DiagonalDominanceWeight must be a finite value >= 0");

            options = Options(guard: true);
            options.DiagonalDominanceMargin = 1;
            var margin = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().NoisyLabels().Trainers.AnnotatorConfusion(options));
            StringAssert.Contains(margin.Message, "DiagonalDominanceMargin must be in [0, 1)");
        }

        private static AnnotatorConfusionTrainer.Options Options(bool guard) => new AnnotatorConfusionTrainer.Options
        {
            AnnotatorColumnNames = new[] { "A0", "Truth" },
            Lambda = 2.5,
            ConfusionMatrixKind = ConfusionMatrixKind.Global,
            TraceNormalization = TraceNormalization.SumOverAnnotators,
            DiagonalDominanceMargin = 0.3,
            DiagonalDominanceWeight = guard ? new AnnotatorConfusionTrainer.Options().DiagonalDominanceWeight : 0,
            WarmupEpochs = 2,
            Epochs = 10,
            NetworkWidth = 8,
            NetworkDepth = 1,
            BatchSize = 16,
            Seed = 2,
            NumberOfThreads = 1,
        };

        private static double Dice(MLContext ml, ITransformer model, IDataView test)
            => ml.NoisyLabels().Evaluation.EvaluateSegmentation(model.Transform(test), "Truth", "PredictedLabel").Dice;
    }
}
