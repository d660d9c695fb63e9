using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class FusionEstimatorTests
    {
        private static readonly int[] Dims = { 32, 32 };

        private static byte[][][] DiscRows()
            => new[]
            {
                FusionTestData.DiscRaters(),
                FusionTestData.DiscRaters().Select((r, j) => FusionTestData.Noisy(r, 0.02, 100 + j)).ToArray(),
            };

        [TestMethod]
        public void MajorityVoteAndMeanLabelGiveTheMathsResults()
        {
            var ml = new MLContext(seed: 1);
            var rows = DiscRows();
            var data = FusionDataViews.Floats(rows, Dims);
            var names = FusionDataViews.Names(6);
            var vote = ml.NoisyLabels().Transforms.MajorityVote("Fused", names, probabilitiesColumnName: "Posterior", confusionMatricesColumnName: "Cm").Fit(data);
            var mean = ml.NoisyLabels().Transforms.MeanLabel("Fused", names, probabilitiesColumnName: "Posterior", confusionMatricesColumnName: "Cm").Fit(data);
            Assert.AreEqual(2, vote.NumberOfClasses);
            CollectionAssert.AreEqual(names, vote.AnnotatorColumnNames.ToArray());
            for (int n = 0; n < rows.Length; n++)
            {
                AssertRow(vote.Transform(data), n, FusionRun.MajorityVote(rows[n], 2), 2);
                AssertRow(mean.Transform(data), n, FusionRun.MeanLabel(rows[n], 2), 2);
            }
        }

        [TestMethod]
        public void StapleGivesTheMathsResultsForKeyNumericAndDoubleColumns()
        {
            var ml = new MLContext(seed: 1);
            var rows = DiscRows();
            var names = FusionDataViews.Names(6);
            foreach (var data in new[] { FusionDataViews.Floats(rows, Dims), FusionDataViews.Keys(rows, Dims, 2), FusionDataViews.Doubles(rows, Dims) })
            {
                var model = ml.NoisyLabels().Transforms.Staple("Fused", names, probabilitiesColumnName: "Posterior", confusionMatricesColumnName: "Cm").Fit(data);
                var output = model.Transform(data);
                for (int n = 0; n < rows.Length; n++)
                {
                    AssertRow(output, n, FusionRun.Staple(rows[n], 2), 2);
                }
            }
        }

        [TestMethod]
        public void KeyTypesSetTheNumberOfClasses()
        {
            var ml = new MLContext(seed: 1);
            var rows = new[] { FusionTestData.RingRaters(3, 4, 16, seed: 2), FusionTestData.RingRaters(3, 4, 16, seed: 9) };
            var data = FusionDataViews.Keys(rows, new[] { 16, 16 }, 3);
            var model = ml.NoisyLabels().Transforms.Staple("Fused", FusionDataViews.Names(4), confusionMatricesColumnName: "Cm").Fit(data);
            Assert.AreEqual(3, model.NumberOfClasses);
            var output = model.Transform(data);
            for (int n = 0; n < rows.Length; n++)
            {
                var expected = FusionRun.Staple(rows[n], 3);
                CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), FusionDataViews.Column(output, "Fused")[n]);
                CollectionAssert.AreEqual(expected.Confusion.Select(v => (float)v).ToArray(), FusionDataViews.Column(output, "Cm")[n]);
            }

            // Four classes set explicitly on numeric columns.
            var four = new[] { FusionTestData.RingRaters(4, 5, 16, seed: 4) };
            var numeric = FusionDataViews.Floats(four, new[] { 16, 16 });
            var fourModel = ml.NoisyLabels().Transforms.Staple("Fused", FusionDataViews.Names(5), numberOfClasses: 4, probabilitiesColumnName: "P").Fit(numeric);
            var posterior = FusionDataViews.Column(fourModel.Transform(numeric), "P")[0];
            var expectedFour = FusionRun.Staple(four[0], 4);
            Assert.AreEqual(4 * 256, posterior.Length);
            for (int i = 0; i < posterior.Length; i++)
            {
                Assert.AreEqual(expectedFour.Posterior[i], posterior[i], 1e-6);
            }
        }

        [TestMethod]
        public void SpatialStapleGivesTheMathsResultsWithItsField()
        {
            var ml = new MLContext(seed: 1);
            var rows = DiscRows();
            var data = FusionDataViews.Floats(rows, Dims);
            var options = new SpatialStapleEstimator.Options
            {
                AnnotatorColumnNames = FusionDataViews.Names(6),
                OutputColumnName = "Fused",
                ProbabilitiesColumnName = "Posterior",
                ConfusionMatricesColumnName = "Cm",
                ConfusionFieldColumnName = "Field",
                WindowRadius = 3,
                GlobalPseudoCount = 2,
            };
            var model = ml.NoisyLabels().Transforms.SpatialStaple(options).Fit(data);
            CollectionAssert.AreEqual(Dims, model.ImageShape.ToArray());
            Assert.AreEqual(3, model.WindowRadius);
            var output = model.Transform(data);
            var settings = new SpatialStapleSettings { WindowRadius = 3, GlobalPseudoCount = 2 };
            for (int n = 0; n < rows.Length; n++)
            {
                var expected = FusionRun.Spatial(rows[n], 2, new ImageShape(1, 32, 32), settings, withField: true);
                AssertRow(output, n, expected, 2);
                var field = FusionDataViews.Column(output, "Field")[n];
                Assert.AreEqual(expected.Field!.Length, field.Length);
                for (int e = 0; e < field.Length; e += 97)
                {
                    Assert.AreEqual(expected.Field[e], field[e], 1e-6);
                }
            }
        }

        [TestMethod]
        public void ImageShapeOptionServesColumnsWithoutDimensions()
        {
            var ml = new MLContext(seed: 1);
            var rows = DiscRows();
            var flat = FusionDataViews.Floats(rows, new[] { 1024 });
            var names = FusionDataViews.Names(6);
            var ex = Assert.Throws<ArgumentException>(() => ml.NoisyLabels().Transforms.SpatialStaple("Fused", names).Fit(flat));
            StringAssert.Contains(ex.Message, "ImageShape");
            var model = ml.NoisyLabels().Transforms.SpatialStaple(new SpatialStapleEstimator.Options
            {
                AnnotatorColumnNames = names,
                OutputColumnName = "Fused",
                ImageShape = new[] { 32, 32 },
            }).Fit(flat);
            var expected = FusionRun.Spatial(rows[0], 2, new ImageShape(1, 32, 32), new SpatialStapleSettings());
            CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), FusionDataViews.Column(model.Transform(flat), "Fused")[0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SpatialStaple(new SpatialStapleEstimator.Options
            {
                AnnotatorColumnNames = names,
                OutputColumnName = "Fused",
                ImageShape = new[] { 31, 32 },
            }).Fit(flat));
        }

        [TestMethod]
        public void MissingAnnotationsAreLeftOutAndAnImageWithoutAnyIsMissing()
        {
            var ml = new MLContext(seed: 1);
            var rows = DiscRows();
            var present = new[] { new[] { true, false, true, true, true, true }, Enumerable.Repeat(false, 6).ToArray() };
            var names = FusionDataViews.Names(6);
            foreach (var data in new[] { FusionDataViews.Floats(rows, Dims, present), FusionDataViews.Keys(rows, Dims, 2, present) })
            {
                var output = ml.NoisyLabels().Transforms.Staple("Fused", names, probabilitiesColumnName: "Posterior", confusionMatricesColumnName: "Cm").Fit(data).Transform(data);
                AssertRow(output, 0, FusionRun.Staple(rows[0], 2, present: present[0]), 2);
                Assert.IsTrue(FusionDataViews.Column(output, "Cm")[0].Skip(4).Take(4).All(float.IsNaN));
                Assert.IsTrue(FusionDataViews.Column(output, "Fused")[1].All(float.IsNaN));
                Assert.IsTrue(FusionDataViews.Column(output, "Cm")[1].All(float.IsNaN));
                Assert.AreEqual(2 * 1024, FusionDataViews.Column(output, "Posterior")[1].Length);
            }
        }

        [TestMethod]
        public void OutputSchemaBeforeFitNamesTheRequestedOutputs()
        {
            var ml = new MLContext(seed: 1);
            var data = FusionDataViews.Keys(DiscRows(), Dims, 2);
            var estimator = ml.NoisyLabels().Transforms.SpatialStaple(new SpatialStapleEstimator.Options
            {
                AnnotatorColumnNames = FusionDataViews.Names(6),
                OutputColumnName = "Fused",
                ConfusionFieldColumnName = "Field",
            });
            var shape = estimator.GetOutputSchema(TestData.ShapeOf(data.Schema));
            Assert.AreEqual(1, shape.Count(c => c.Name == "Fused"));
            Assert.AreEqual(1, shape.Count(c => c.Name == "Field"));
            Assert.AreEqual(0, shape.Count(c => c.Name == "Posterior" || c.Name.StartsWith("__nl_", StringComparison.Ordinal)));
            Assert.AreEqual(6, shape.Count(c => c.Name.StartsWith('A')));
        }

        internal static void AssertRow(IDataView output, int row, FusionRun expected, int classes)
        {
            CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), FusionDataViews.Column(output, "Fused")[row], $"fused labels of row {row}");
            var posterior = FusionDataViews.Column(output, "Posterior")[row];
            Assert.AreEqual(expected.Posterior.Length, posterior.Length);
            for (int i = 0; i < posterior.Length; i++)
            {
                Assert.AreEqual((float)expected.Posterior[i], posterior[i], $"posterior element {i} of row {row}");
            }

            var cm = FusionDataViews.Column(output, "Cm")[row];
            CollectionAssert.AreEqual(expected.Confusion.Select(v => (float)v).ToArray(), cm, $"confusion matrices of row {row}");
        }
    }
}
