using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.ML.NoisyLabels.Tests.Training;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests
{
    /// <summary>
    /// Inputs that were once accepted without a word, each with the error or the documented behaviour it now gives
    /// (the README's table "Bad input"). Label fusion's cases are in Fusion/FusionErrorTests; a training that diverges
    /// is in Training/TrainingReliabilityTests.
    /// </summary>
    [TestClass]
    public class BadInputTests
    {
        [TestMethod]
        public void AnMnistLabelOutsideTheDigitsNamesTheFileRowAndValue()
        {
            string folder = TestData.NewTempFolder();
            string images = Path.Combine(folder, "images-idx3-ubyte");
            string labels = Path.Combine(folder, "labels-idx1-ubyte");
            IdxFile.Write(images, new[] { 3, 28, 28 }, new byte[3 * 28 * 28]);
            IdxFile.Write(labels, new[] { 3 }, new byte[] { 7, 12, 1 });
            // IDX files carry their magic number in the type and dimension count: 3 dimensions of bytes is 2051.
            var error = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().NoisyLabels().Data.LoadMnist(images, labels));
            StringAssert.Contains(error.Message, labels);
            StringAssert.Contains(error.Message, "row 1 holds the label 12, outside the digits 0..9");
        }

        [TestMethod]
        public void ASimulationHeightThatContradictsTheMaskDimensionsIsRefused()
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, 4);
            var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
                () => ml.NoisyLabels().Transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options { Height = 14 }).Fit(mnist));
            StringAssert.Contains(error.Message, "The height 14 contradicts the Mask column's dimensions 28x28");
        }

        [TestMethod]
        public void AnAllNaNMaskIsAMissingMaskAndEveryAnnotatorMissesIt()
        {
            var ml = new MLContext(seed: 1);
            var rows = TrainerTestData.Rows(3, 28, seed: 1);
            Array.Fill(rows[1].Truth, float.NaN);
            var data = TrainerTestData.Load(ml, rows, 28);
            var options = new AnnotatorSimulationEstimator.Options { InputColumnName = "Truth", Seed = 1 };
            var simulated = ml.NoisyLabels().Transforms.SimulateAnnotators(options).Fit(data).Transform(data);
            var good = simulated.GetColumn<VBuffer<float>>("Good").Select(v => v.DenseValues().ToArray()).ToArray();
            Assert.IsTrue(good[1].All(float.IsNaN), "a missing mask gives missing annotations");
            Assert.IsTrue(good[0].All(v => v is 0 or 1) && good[2].All(v => v is 0 or 1), "the other rows are annotated");
        }

        [TestMethod]
        public void AnImageWithANaNPixelIsScoredAsMissingAndEvaluationNamesTheRow()
        {
            var ml = new MLContext(seed: 1);
            var rows = TrainerTestData.Rows(16, 8, seed: 1);
            var model = ml.NoisyLabels().Trainers.Segmentation(new SegmentationTrainer.Options
            {
                LabelColumnNames = new[] { "A0" },
                Epochs = 1,
                NetworkWidth = 4,
                NetworkDepth = 1,
                Seed = 1,
            }).Fit(TrainerTestData.Load(ml, rows, 8));

            rows[2].Image[10] = float.NaN;
            var scored = model.Transform(TrainerTestData.Load(ml, rows, 8));
            var labels = scored.GetColumn<VBuffer<float>>("PredictedLabel").Select(v => v.DenseValues().ToArray()).ToArray();
            Assert.IsTrue(labels[2].All(float.IsNaN), "the image with a NaN pixel has no predicted class");
            Assert.IsTrue(labels.Where((_, i) => i != 2).All(l => l.All(v => v is 0 or 1)), "the other images are segmented");

            var error = Assert.ThrowsExactly<InvalidOperationException>(() => ml.NoisyLabels().Evaluation.EvaluateSegmentation(scored, "Truth", "PredictedLabel"));
            StringAssert.Contains(error.Message, "row 2");
        }
    }
}
