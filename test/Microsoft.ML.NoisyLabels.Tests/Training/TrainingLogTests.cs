using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.Runtime;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    [TestClass]
    public class TrainingLogTests
    {
        private static AnnotatorConfusionTrainer.Options Options() => new AnnotatorConfusionTrainer.Options
        {
            AnnotatorColumnNames = new[] { "A0", "A1" },
            Epochs = 2,
            WarmupEpochs = 1,
            BatchSize = 8,
            NetworkWidth = 4,
            NetworkDepth = 1,
            Seed = 3,
        };

        private static List<(ChannelMessageKind Kind, string Message)> Capture(MLContext ml)
        {
            var messages = new List<(ChannelMessageKind, string)>();
            ml.Log += (_, e) =>
            {
                if (e.Source.Contains(nameof(AnnotatorConfusionTrainer), StringComparison.Ordinal))
                {
                    lock (messages)
                    {
                        messages.Add((e.Kind, e.Message));
                    }
                }
            };
            return messages;
        }

        [TestMethod]
        public void EveryEpochIsLoggedAndEveryBatchReported()
        {
            var ml = new MLContext(seed: 1);
            var messages = Capture(ml);
            var reports = new List<TrainingProgress>();
            var options = Options();
            options.Progress = new SynchronousProgress(reports.Add);
            var data = TrainerTestData.Load(ml, 20, 8, seed: 1);
            ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(data);

            var epochs = messages.Where(m => m.Kind == ChannelMessageKind.Info && m.Message.Contains("epoch ", StringComparison.Ordinal)).Select(m => m.Message).ToArray();
            Assert.AreEqual(2, epochs.Length, string.Join("\n", epochs));
            StringAssert.Contains(epochs[0], "epoch 1 (warm-up)");
            StringAssert.Contains(epochs[1], "epoch 2");
            StringAssert.Contains(epochs[1], "CM diagonal");
            StringAssert.Contains(epochs[1], "images/s");

            // 20 images in batches of 8: 3 batches per epoch.
            Assert.AreEqual(6, reports.Count);
            Assert.AreEqual(new TrainingProgress(2, 2, 3, 3, reports[^1].Loss), reports[^1]);
            Assert.IsTrue(reports.All(r => double.IsFinite(r.Loss)));
        }

        [TestMethod]
        public void AFlippedSegmentationIsReportedAsAWarning()
        {
            // A trace weight that dwarfs the data term drives every matrix's diagonal towards 0: the flipped solution
            // of docs/METHOD.md, section 2. The trainer must say so rather than leave it for the user to discover.
            var ml = new MLContext(seed: 1);
            var messages = Capture(ml);
            var options = Options();
            options.Lambda = 100;
            options.WarmupEpochs = 0;
            options.Epochs = 3;
            options.ConfusionMatrixKind = ConfusionMatrixKind.Global;
            options.ConfusionLearningRate = 1;
            // The paper's loss: the trainer's flip guard (FlipGuardTests) would hold the matrices back.
            options.DiagonalDominanceWeight = 0;
            var model = ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(TrainerTestData.Load(ml, 24, 8, seed: 1));

            Assert.IsTrue(model.TrainingHistory[^1].MeanConfusionDiagonal.Average() < 0.5, "the setting must flip the matrices");
            var warnings = messages.Where(m => m.Kind == ChannelMessageKind.Warning).Select(m => m.Message).ToArray();
            Assert.AreEqual(1, warnings.Count(w => w.Contains("appears to have flipped", StringComparison.Ordinal)), string.Join("\n", warnings));
        }

        [TestMethod]
        public void ATrainingThatStaysInTheRightBasinIsNotWarned()
        {
            var ml = new MLContext(seed: 1);
            var messages = Capture(ml);
            ml.NoisyLabels().Trainers.AnnotatorConfusion(Options()).Fit(TrainerTestData.Load(ml, 24, 8, seed: 1));
            Assert.IsFalse(messages.Any(m => m.Kind == ChannelMessageKind.Warning), string.Join("\n", messages.Select(m => m.Message)));
        }

        /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
        internal sealed class SynchronousProgress : IProgress<TrainingProgress>
        {
            private readonly Action<TrainingProgress> _report;

            public SynchronousProgress(Action<TrainingProgress> report)
            {
                _report = report;
            }

            public void Report(TrainingProgress value) => _report(value);
        }
    }
}
