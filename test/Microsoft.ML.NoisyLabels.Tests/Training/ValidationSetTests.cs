using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    [TestClass]
    public class ValidationSetTests
    {
        private const int Size = 8;

        private static AnnotatorConfusionTrainer.Options Options(IDataView validation) => new AnnotatorConfusionTrainer.Options
        {
            AnnotatorColumnNames = new[] { "A0", "A1" },
            Epochs = 1,
            BatchSize = 4,
            NetworkWidth = 2,
            NetworkDepth = 0,
            Seed = 1,
            NumberOfThreads = 1,
            ValidationSet = validation,
            ValidationGroundTruthColumnName = "Truth",
        };

        [TestMethod]
        public void AValidationImageWithoutAnnotationsLeavesTheGroundTruthAligned()
        {
            // Such an image is left out of validation; its ground truth must go with it, or every later image would be
            // scored against the ground truth of the image before it.
            var ml = new MLContext(seed: 1);
            var train = TrainerTestData.Load(ml, 8, Size, seed: 1);
            var rows = TrainerTestData.Rows(6, Size, seed: 2);
            var unlabelled = TrainerTestData.Rows(1, Size, seed: 3)[0];
            unlabelled.A0 = Enumerable.Repeat(float.NaN, Size * Size).ToArray();
            unlabelled.A1 = Enumerable.Repeat(float.NaN, Size * Size).ToArray();
            var withUnlabelled = TrainerTestData.Load(ml, new[] { unlabelled }.Concat(rows).ToArray(), Size);

            var expected = ml.NoisyLabels().Trainers.AnnotatorConfusion(Options(TrainerTestData.Load(ml, rows, Size))).Fit(train).TrainingHistory.Single();
            var actual = ml.NoisyLabels().Trainers.AnnotatorConfusion(Options(withUnlabelled)).Fit(train).TrainingHistory.Single();

            Assert.IsNotNull(expected.ValidationDice);
            Assert.AreEqual(expected.ValidationLoss, actual.ValidationLoss);
            Assert.AreEqual(expected.ValidationDice, actual.ValidationDice);
        }
    }
}
