using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Sweeps;
using Microsoft.ML.NoisyLabels.Tests.Training;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Microsoft.ML.NoisyLabels.Tests.Sweeps.SweepTestSupport;

namespace Microsoft.ML.NoisyLabels.Tests.Sweeps
{
    [TestClass]
    public class LambdaSweepTests
    {
        private static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

        [TestMethod]
        public void RunsOneTrialPerLambdaInOrderAndRanksByLikelihoodWithoutGroundTruth()
        {
            var ml = new MLContext(seed: 1);
            var messages = new List<string>();
            ml.Log += (_, e) =>
            {
                lock (messages)
                {
                    messages.Add(e.Message);
                }
            };
            var data = SweepTestData.Load(ml, 24, Size, seed: 1);
            var trainerOptions = TinyOptions();
            var progress = new ProgressLog();
            double[] lambdas = { 0, 0.01, 0.7 };

            var result = ml.NoisyLabels().Sweeps.Lambda(data, trainerOptions, new LambdaSweep.Options { Lambdas = lambdas, ValidationFraction = 0.25, Progress = progress });

            Assert.AreEqual(SweepMetric.AnnotatorLikelihood, result.Metric);
            CollectionAssert.AreEqual(lambdas, result.Trials.Select(t => t.Lambda).ToArray());
            CollectionAssert.AreEqual(new[] { 0, 1, 2 }, result.Trials.Select(t => t.Index).ToArray());
            foreach (var trial in result.Trials)
            {
                Assert.IsNull(trial.ValidationDice);
                Assert.IsNull(trial.ConfigurationName);
                Assert.IsTrue(double.IsFinite(trial.ValidationCrossEntropy) && trial.ValidationCrossEntropy > 0, trial.ToString());
                Assert.AreEqual(-trial.ValidationCrossEntropy, trial.Metric);
                Assert.AreEqual(3, trial.Seed, "the trainer options' seed");
                Assert.AreEqual(trial.Lambda, trial.TrainerOptions.Lambda);
                Assert.AreEqual(3, trial.TrainingHistory.Count);
                Assert.IsTrue(trial.TrainingHistory.All(h => h.ValidationLoss is not null), "each trial trains with the sweep's validation set");
                Assert.IsTrue(trial.Duration > TimeSpan.Zero);
            }

            Assert.AreEqual(3, result.Trials.Select(t => t.Metric).Distinct().Count(), "lambda changes the outcome");
            Assert.AreEqual(ArgMax(result.Trials), result.BestTrialIndex);
            Assert.AreSame(result.Trials[result.BestTrialIndex], result.BestTrial);
            Assert.AreSame(result.BestTrial.TrainingHistory, result.BestModel.TrainingHistory, "the best model is the best trial's");

            // One report per trial, in order, each naming the best trial up to then.
            Assert.AreEqual(3, progress.Reports.Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(i, progress.Reports[i].Trial);
                Assert.AreEqual(3, progress.Reports[i].Trials);
                Assert.AreSame(result.Trials[i], progress.Reports[i].Result);
                Assert.AreEqual(ArgMax(result.Trials.Take(i + 1).ToArray()), progress.Reports[i].BestTrialIndex);
            }

            Assert.IsTrue(messages.Any(m => m.Contains("trial 3/3") && m.Contains("lambda 0.7")), string.Join("\n", messages));
            Assert.IsTrue(messages.Any(m => m.Contains($"best: trial {result.BestTrialIndex + 1}/3")), string.Join("\n", messages));

            // The caller's options are left as they were.
            Assert.AreEqual(0.01, trainerOptions.Lambda);
            Assert.IsNull(trainerOptions.ValidationSet);
            Assert.AreEqual(3, trainerOptions.Seed);

            // The best model segments new data.
            var test = SweepTestData.Load(ml, 4, Size, seed: 9);
            var labels = Column(result.BestModel.Transform(test), "PredictedLabel");
            Assert.AreEqual(4, labels.Length);
            Assert.IsTrue(labels.All(l => l.Length == Size * Size && l.All(v => v == 0 || v == 1)));
        }

        [TestMethod]
        public void LikelihoodIsTheHeldOutCrossEntropyOfTheFinalWeightsWithoutTheTrace()
        {
            var ml = new MLContext(seed: 1);
            var data = SweepTestData.Load(ml, 24, Size, seed: 1);
            var validation = SweepTestData.Load(ml, 8, Size, seed: 2);
            var trainerOptions = TinyOptions();
            trainerOptions.WarmupEpochs = 0;
            trainerOptions.ConfusionFieldColumnName = "CM";

            var result = ml.NoisyLabels().Sweeps.Lambda(data, trainerOptions, new LambdaSweep.Options { Lambdas = new[] { 0.7 }, ValidationSet = validation });
            var trial = result.BestTrial;

            // Recomputed from the exported model's outputs: -log (A p)[y~], mean over pixels, then over annotations.
            var scored = result.BestModel.Transform(validation);
            var p = Column(scored, "Probabilities");
            var cm = Column(scored, "CM");
            var annotations = new[] { Column(validation, "A0"), Column(validation, "A1") };
            const int pixels = Size * Size;
            double total = 0;
            for (int n = 0; n < p.Length; n++)
            {
                for (int r = 0; r < 2; r++)
                {
                    double sum = 0;
                    for (int i = 0; i < pixels; i++)
                    {
                        int observed = (int)annotations[r][n][i];
                        double likelihood = 0;
                        for (int j = 0; j < 2; j++)
                        {
                            likelihood += cm[n][(((((r * 2) + observed) * 2) + j) * pixels) + i] * p[n][(j * pixels) + i];
                        }

                        sum -= Math.Log(likelihood);
                    }

                    total += sum / pixels;
                }
            }

            Assert.AreEqual(total / (2 * p.Length), trial.ValidationCrossEntropy, 1e-4);

            // The kept epoch is the one with the lowest validation loss, which sums the two annotators of each image.
            double kept = trial.TrainingHistory.Min(h => h.ValidationLoss!.Value);
            Assert.AreEqual(kept, 2 * trial.ValidationCrossEntropy, 1e-4);
        }

        [TestMethod]
        public void RanksByValidationDiceWithAGroundTruthColumn()
        {
            var ml = new MLContext(seed: 1);
            var data = SweepTestData.Load(ml, 24, Size, seed: 1);

            var result = ml.NoisyLabels().Sweeps.Lambda(data, TinyOptions(), new[] { 5, 0.0 }, groundTruthColumnName: "Truth");

            Assert.AreEqual(SweepMetric.ValidationDice, result.Metric);
            Assert.AreEqual(2, result.Trials.Count);
            foreach (var trial in result.Trials)
            {
                Assert.IsNotNull(trial.ValidationDice);
                Assert.AreEqual(trial.ValidationDice!.Value, trial.Metric);
                Assert.IsTrue(trial.Metric >= 0 && trial.Metric <= 1, trial.ToString());
                Assert.IsTrue(double.IsFinite(trial.ValidationCrossEntropy));
                // Training kept the epoch with the best validation Dice: the model the sweep scored.
                Assert.AreEqual(trial.TrainingHistory.Max(h => h.ValidationDice!.Value), trial.ValidationDice.Value, 1e-5);
            }

            Assert.AreNotEqual(result.Trials[0].Metric, result.Trials[1].Metric, "lambda changes the outcome");
            Assert.AreEqual(ArgMax(result.Trials), result.BestTrialIndex);

            // The held-out fraction is the trials' validation set; scoring the best model on it gives its Dice.
            var validation = result.BestTrial.TrainerOptions.ValidationSet!;
            Assert.IsTrue(validation.GetColumn<float[]>("Truth").Any(), "the split holds out some images");
            var metrics = ml.NoisyLabels().Evaluation.EvaluateSegmentation(result.BestModel.Transform(validation), "Truth", "PredictedLabel");
            Assert.AreEqual(metrics.Dice, result.BestTrial.ValidationDice!.Value, 1e-12);
        }

        [TestMethod]
        public void SameSeedGivesIdenticalTrials()
        {
            static LambdaSweepResult Sweep(int? seed)
            {
                var ml = new MLContext(seed: 5);
                var data = SweepTestData.Load(ml, 24, Size, seed: 1);
                var options = TinyOptions();
                options.Seed = seed;
                return ml.NoisyLabels().Sweeps.Lambda(data, options, new[] { 0, 0.7 });
            }

            static void AssertSame(LambdaSweepResult a, LambdaSweepResult b)
            {
                Assert.AreEqual(a.BestTrialIndex, b.BestTrialIndex);
                for (int i = 0; i < a.Trials.Count; i++)
                {
                    Assert.AreEqual(a.Trials[i].Seed, b.Trials[i].Seed);
                    Assert.AreEqual(a.Trials[i].Metric, b.Trials[i].Metric);
                    Assert.AreEqual(a.Trials[i].ValidationCrossEntropy, b.Trials[i].ValidationCrossEntropy);
                    CollectionAssert.AreEqual(a.Trials[i].TrainingHistory.Select(h => h.Loss).ToArray(), b.Trials[i].TrainingHistory.Select(h => h.Loss).ToArray());
                }
            }

            // The trainer options' seed, and the MLContext's when the options have none.
            AssertSame(Sweep(7), Sweep(7));
            var fromContext = Sweep(null);
            AssertSame(fromContext, Sweep(null));
            Assert.AreEqual(fromContext.Trials[0].Seed, fromContext.Trials[1].Seed, "every trial of a sweep uses the same seed");
            Assert.AreNotEqual(Sweep(7).Trials[0].ValidationCrossEntropy, Sweep(8).Trials[0].ValidationCrossEntropy, "another seed gives other trials");
        }

        [TestMethod]
        public void SweepsEveryConfigurationOverEveryLambda()
        {
            var ml = new MLContext(seed: 1);
            var data = SweepTestData.Load(ml, 16, Size, seed: 1);
            var configurations = new[]
            {
                // Lambda comes from the grid: a configuration's own value is overwritten.
                new SweepConfiguration("one epoch", o => { o.Epochs = 1; o.WarmupEpochs = 0; o.Lambda = 5; }),
                new SweepConfiguration("global", o => o.ConfusionMatrixKind = ConfusionMatrixKind.Global),
            };

            var result = ml.NoisyLabels().Sweeps.Lambda(data, TinyOptions(), new LambdaSweep.Options { Lambdas = new[] { 0, 0.1 }, Configurations = configurations });

            CollectionAssert.AreEqual(new[] { "one epoch", "one epoch", "global", "global" }, result.Trials.Select(t => t.ConfigurationName).ToArray());
            CollectionAssert.AreEqual(new[] { 0, 0.1, 0, 0.1 }, result.Trials.Select(t => t.Lambda).ToArray());
            CollectionAssert.AreEqual(new[] { 1, 1, 3, 3 }, result.Trials.Select(t => t.TrainingHistory.Count).ToArray());
            Assert.AreEqual(ConfusionMatrixKind.Global, result.Trials[3].TrainerOptions.ConfusionMatrixKind);
            Assert.AreEqual(ConfusionMatrixKind.PixelWise, result.Trials[0].TrainerOptions.ConfusionMatrixKind);
            Assert.AreEqual(ArgMax(result.Trials), result.BestTrialIndex);
            Assert.AreSame(result.BestTrial.TrainingHistory, result.BestModel.TrainingHistory, "the best model is the best trial's");
            Assert.AreEqual(result.BestTrial.TrainerOptions.ConfusionMatrixKind, result.BestModel.SegmentationNetworks[0].Architecture.Confusion);
        }
    }
}
