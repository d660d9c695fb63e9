using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests
{
    /// <summary>The README's API example, line for line, on fewer images and a smaller network so that it runs in seconds.</summary>
    [TestClass]
    public class ReadmeExampleTests
    {
        [TestMethod]
        public void TheApiExampleRuns()
        {
            string modelPath = Path.Combine(TestData.NewTempFolder(), "model.zip");

            var ml = new MLContext(seed: 1);
            // Images plus one column per annotator: here MNIST with the paper's five simulated annotators.
            IDataView mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, maxImages: 64);
            IDataView data = ml.NoisyLabels().Transforms.SimulateAnnotators().Fit(mnist).Transform(mnist);
            string[] annotators = { "Good", "Over", "Under", "Wrong", "Blank" };

            // A classic baseline (STAPLE) and the two-network model, in one ordinary ML.NET pipeline.
            var pipeline = ml.NoisyLabels().Transforms.Staple("Staple", annotators, confusionMatricesColumnName: "StapleMatrices")
                .Append(ml.NoisyLabels().Trainers.AnnotatorConfusion(new AnnotatorConfusionTrainer.Options
                {
                    AnnotatorColumnNames = annotators,
                    Lambda = 0.01,
                    Epochs = 1,
                    NetworkWidth = 4,
                    NetworkDepth = 1,
                    ConfusionFieldColumnName = "Confusion",
                }));
            var model = pipeline.Fit(data);

            IDataView scored = model.Transform(data);
            double dice = ml.NoisyLabels().Evaluation.EvaluateSegmentation(scored, "Mask", "PredictedLabel").Dice;
            double cmError = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(scored, annotators, "Mask", "Confusion").RootMeanSquaredError;

            ml.Model.Save(model, data.Schema, modelPath);
            ITransformer loaded = ml.Model.Load(modelPath, out _);

            Assert.IsTrue(dice >= 0 && dice <= 1);
            Assert.IsTrue(cmError >= 0 && cmError <= 1);
            var expected = scored.GetColumn<float[]>("PredictedLabel").ToArray();
            var actual = loaded.Transform(data).GetColumn<float[]>("PredictedLabel").ToArray();
            Assert.AreEqual(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                CollectionAssert.AreEqual(expected[i], actual[i]);
            }

            var sweep = ml.NoisyLabels().Sweeps.Lambda(data, new AnnotatorConfusionTrainer.Options
            {
                AnnotatorColumnNames = annotators,
                Epochs = 1,
                NetworkWidth = 4,
                NetworkDepth = 1,
            }, new[] { 0, 0.01, 0.1 }, groundTruthColumnName: "Mask");
            Assert.AreEqual(3, sweep.Trials.Count);
            Assert.IsNotNull(sweep.BestModel);
        }
    }
}
