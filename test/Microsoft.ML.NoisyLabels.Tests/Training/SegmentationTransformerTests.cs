using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    [TestClass]
    public class SegmentationTransformerTests
    {
        private static AnnotatorConfusionTrainer.Options TinyOptions(ConfusionMatrixKind kind = ConfusionMatrixKind.PixelWise) => new AnnotatorConfusionTrainer.Options
        {
            AnnotatorColumnNames = new[] { "A0", "A1" },
            Epochs = 2,
            WarmupEpochs = 1,
            GlobalConfusionEpochs = 0,
            BatchSize = 8,
            NetworkWidth = 4,
            NetworkDepth = 1,
            Seed = 3,
            ConfusionMatrixKind = kind,
            ConfusionMatricesColumnName = "CM",
            ConfusionFieldColumnName = "Field",
            AnnotatorPredictionsColumnName = "AnnotatorMasks",
        };

        private static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

        private static void AssertSameColumns(IDataView expected, IDataView actual, params string[] columns)
        {
            foreach (string column in columns)
            {
                var e = Column(expected, column);
                var a = Column(actual, column);
                Assert.AreEqual(e.Length, a.Length, column);
                for (int i = 0; i < e.Length; i++)
                {
                    CollectionAssert.AreEqual(e[i], a[i], $"{column}, row {i}");
                }
            }
        }

        [TestMethod]
        [DataRow(ConfusionMatrixKind.PixelWise)]
        [DataRow(ConfusionMatrixKind.Global)]
        public void SavedModelGivesIdenticalPredictionsInANewProcessWithoutTorchSharp(ConfusionMatrixKind kind)
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 24, 8, seed: 1);
            var model = ml.NoisyLabels().Trainers.AnnotatorConfusion(TinyOptions(kind)).Fit(data);
            var test = TrainerTestData.Load(ml, 6, 8, seed: 2);
            var expected = model.Transform(test);
            string[] outputs = { "Probabilities", "PredictedLabel", "CM", "Field", "AnnotatorMasks" };

            var loaded = ModelRoundTrip.SaveAndLoad(ml, model, data);
            Assert.IsNotInstanceOfType<SegmentationTransformer>(loaded, "model.zip holds ML.NET's own ONNX transformer");
            AssertSameColumns(expected, loaded.Transform(test), outputs);

            var (fresh, torchLoaded) = ModelRoundTrip.TransformInNewProcess(ml, model, test);
            Assert.IsFalse(torchLoaded, "a saved model must run without TorchSharp");
            AssertSameColumns(expected, fresh, outputs);
        }

        [TestMethod]
        public void APipelineOfFusionAndATrainedModelRunsWithTheCorePackageAlone()
        {
            // The loader's deps file is what a deployment of the core package carries: no TorchSharp, no libtorch.
            string dependencies = File.ReadAllText(ModelRoundTrip.LoaderDependencies);
            StringAssert.Contains(dependencies, "Microsoft.ML.NoisyLabels");
            Assert.IsFalse(dependencies.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase), "the loader must not depend on TorchSharp");

            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 24, 8, seed: 1);
            var pipeline = ml.NoisyLabels().Transforms.Staple("Staple", new[] { "A0", "A1" })
                .Append(ml.NoisyLabels().Trainers.Segmentation(new SegmentationTrainer.Options { LabelColumnNames = new[] { "Staple" }, Epochs = 1, NetworkWidth = 4, NetworkDepth = 1, Seed = 1 }));
            var model = pipeline.Fit(data);
            var test = TrainerTestData.Load(ml, 6, 8, seed: 2);
            var (fresh, torchLoaded) = ModelRoundTrip.TransformInNewProcess(ml, model, test);
            Assert.IsFalse(torchLoaded);
            AssertSameColumns(model.Transform(test), fresh, new[] { "Staple", "Probabilities", "PredictedLabel" });
        }

        [TestMethod]
        public void OutputsHaveTheDocumentedShapesAndMeaning()
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 16, 8, seed: 1);
            var model = ml.NoisyLabels().Trainers.AnnotatorConfusion(TinyOptions()).Fit(data);
            var scored = model.Transform(data);
            Assert.AreEqual(2 * 64, ((VectorDataViewType)scored.Schema["Probabilities"].Type).Size);
            Assert.AreEqual(64, ((VectorDataViewType)scored.Schema["PredictedLabel"].Type).Size);
            Assert.AreEqual(2 * 2 * 2, ((VectorDataViewType)scored.Schema["CM"].Type).Size);
            Assert.AreEqual(2 * 2 * 2 * 64, ((VectorDataViewType)scored.Schema["Field"].Type).Size);
            Assert.AreEqual(2 * 64, ((VectorDataViewType)scored.Schema["AnnotatorMasks"].Type).Size);

            var p = Column(scored, "Probabilities")[0];
            var label = Column(scored, "PredictedLabel")[0];
            var field = Column(scored, "Field")[0];
            var cm = Column(scored, "CM")[0];
            for (int i = 0; i < 64; i++)
            {
                Assert.AreEqual(1.0, p[i] + p[64 + i], 1e-5, "probabilities sum to 1");
                Assert.AreEqual(p[64 + i] > p[i] ? 1f : 0f, label[i], "the label is the most probable class");
                for (int r = 0; r < 2; r++)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        // Layout [r][observed][true][pixel]: column j sums to 1 over the observed class.
                        float column = field[(((((r * 2) + 0) * 2) + j) * 64) + i] + field[(((((r * 2) + 1) * 2) + j) * 64) + i];
                        Assert.AreEqual(1.0, column, 1e-5);
                    }
                }
            }

            // The per-image matrices [r][observed][true] are the field's pixel average, as Spatial STAPLE's.
            for (int entry = 0; entry < 2 * 2 * 2; entry++)
            {
                Assert.AreEqual(field.Skip(entry * 64).Take(64).Average(), cm[entry], 1e-5, $"matrix entry {entry}");
            }

            Assert.AreEqual("CM", model.ConfusionMatricesColumnName);
            Assert.AreEqual("Field", model.ConfusionFieldColumnName);
            Assert.AreEqual(2, model.TrainingHistory.Count);
            Assert.AreEqual(ConfusionStage.Identity, model.TrainingHistory[0].Stage);
            Assert.AreEqual(ConfusionStage.Full, model.TrainingHistory[1].Stage);
            CollectionAssert.AreEqual(new[] { 1, 8, 8 }, model.ImageDimensions.ToArray());
            Assert.IsTrue(model.GetOnnxModel().Length > 1000);
        }

        [TestMethod]
        public void SameSeedGivesSameWeights()
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 16, 8, seed: 1);
            var first = ml.NoisyLabels().Trainers.AnnotatorConfusion(TinyOptions()).Fit(data);
            var second = ml.NoisyLabels().Trainers.AnnotatorConfusion(TinyOptions()).Fit(data);
            var a = first.Networks[0].state_dict();
            var b = second.Networks[0].state_dict();
            Assert.AreEqual(a.Count, b.Count);
            foreach (var (name, tensor) in a)
            {
                Assert.IsTrue(tensor.allclose(b[name], rtol: 0, atol: 0), $"parameter {name} differs");
            }

            var other = TinyOptions();
            other.Seed = 4;
            var third = ml.NoisyLabels().Trainers.AnnotatorConfusion(other).Fit(data);
            var c = third.Networks[0].state_dict();
            Assert.IsFalse(a.All(p => p.Value.allclose(c[p.Key], rtol: 0, atol: 0)), "another seed must give other weights");
        }

        [TestMethod]
        public void OutputSchemaBeforeFitAndChainsWithOtherEstimators()
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 8, 8, seed: 1);
            var trainer = ml.NoisyLabels().Trainers.AnnotatorConfusion(TinyOptions());
            var shape = trainer.GetOutputSchema(TestData.ShapeOf(data.Schema));
            foreach (string name in new[] { "Probabilities", "PredictedLabel", "CM", "Field", "AnnotatorMasks" })
            {
                Assert.AreEqual(1, shape.Count(c => c.Name == name), name);
            }

            // An ordinary ML.NET chain: copy a column, train, then post-process an output.
            var pipeline = ml.Transforms.CopyColumns("Annotator0", "A0")
                .Append(trainer)
                .Append(ml.Transforms.CopyColumns("Segmentation", "PredictedLabel"));
            var model = pipeline.Fit(data);
            Assert.AreEqual(64, Column(model.Transform(data), "Segmentation")[0].Length);
        }

        [TestMethod]
        public void ContinuesTrainingFromAnInitialModel()
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 16, 8, seed: 1);
            var first = ml.NoisyLabels().Trainers.AnnotatorConfusion(TinyOptions()).Fit(data);
            var options = TinyOptions();
            options.InitialModel = first;
            options.Epochs = 1;
            options.WarmupEpochs = 0;
            options.LearningRate = 1e-9;
            options.ConfusionLearningRate = 1e-9;
            var second = ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(data);
            // With a vanishing learning rate the weights stay those of the initial model.
            foreach (var (name, tensor) in first.Networks[0].state_dict())
            {
                Assert.IsTrue(tensor.allclose(second.Networks[0].state_dict()[name], rtol: 0, atol: 1e-5), name);
            }

            options.NetworkWidth = 8;
            var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(data));
            StringAssert.Contains(ex.Message, nameof(AnnotatorConfusionTrainer.Options.InitialModel));
        }
    }
}
