using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.ML.Runtime;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>Inputs the fusion transforms refuse, or answer with a documented behaviour and a warning.</summary>
    [TestClass]
    public class FusionInputChecksTests
    {
        private static IEstimator<ITransformer>[] AllMethods(MLContext ml, string[] names)
        {
            var t = ml.NoisyLabels().Transforms;
            return new IEstimator<ITransformer>[]
            {
                t.MajorityVote("Fused", names),
                t.MeanLabel("Fused", names),
                t.Staple("Fused", names),
                t.SpatialStaple("Fused", names, windowRadius: 2),
            };
        }

        private static List<string> Warnings(MLContext ml)
        {
            var warnings = new List<string>();
            ml.Log += (_, e) =>
            {
                if (e.Kind == ChannelMessageKind.Warning)
                {
                    lock (warnings)
                    {
                        warnings.Add(e.Message);
                    }
                }
            };
            return warnings;
        }

        [TestMethod]
        public void AnAnnotatorColumnNamedTwiceIsRefused()
        {
            var ml = new MLContext(seed: 1);
            var t = ml.NoisyLabels().Transforms;
            var names = new[] { "A0", "A1", "A1" };
            var attempts = new Action[]
            {
                () => t.MajorityVote("Fused", names),
                () => t.MeanLabel("Fused", names),
                () => t.Staple("Fused", names),
                () => t.SpatialStaple("Fused", names),
                () => t.Staple(new StapleEstimator.Options { AnnotatorColumnNames = names, OutputColumnName = "Fused" }),
            };
            foreach (var attempt in attempts)
            {
                var ex = Assert.Throws<ArgumentException>(attempt);
                StringAssert.Contains(ex.Message, "Annotator column 'A1' is named twice");
                Assert.AreEqual("AnnotatorColumnNames", ex.ParamName);
            }
        }

        [TestMethod]
        public void SpatialStapleRefusesRadiusZero()
        {
            var ml = new MLContext(seed: 1);
            var t = ml.NoisyLabels().Transforms;
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.SpatialStaple("Fused", new[] { "A0" }, windowRadius: 0));
            Assert.AreEqual("WindowRadius", ex.ParamName);
            StringAssert.Contains(ex.Message, "at least 1");
            ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.SpatialStaple(new SpatialStapleEstimator.Options { AnnotatorColumnNames = new[] { "A0" }, OutputColumnName = "F", WindowRadius = 0 }));
            Assert.AreEqual("WindowRadius", ex.ParamName);
            // 1 is the smallest radius, and it works.
            var raters = FusionTestData.DiscRaters(12);
            var data = FusionDataViews.Floats(new[] { raters }, new[] { 12, 12 });
            var fused = FusionDataViews.Column(t.SpatialStaple("Fused", FusionDataViews.Names(raters.Length), windowRadius: 1).Fit(data).Transform(data), "Fused")[0];
            var expected = FusionRun.Spatial(raters, 2, new ImageShape(1, 12, 12), new SpatialStapleSettings { WindowRadius = 1 });
            CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), fused);
        }

        [TestMethod]
        public void RowsThatNoAnnotatorLabelledGiveNaNAndOneWarning()
        {
            var ml = new MLContext(seed: 1);
            var warnings = Warnings(ml);
            var labelled = FusionTestData.DiscRaters(12);
            // Rows 0 and 2: every annotation missing; row 1: all annotators present.
            var rows = new[] { labelled, labelled, labelled };
            var present = new[] { new bool[6], FusionTestData.AllPresent(6), new bool[6] };
            var data = FusionDataViews.Floats(rows, new[] { 12, 12 }, present);
            var names = FusionDataViews.Names(6);
            var references = new[]
            {
                FusionRun.MajorityVote(labelled, 2),
                FusionRun.MeanLabel(labelled, 2),
                FusionRun.Staple(labelled, 2),
                FusionRun.Spatial(labelled, 2, new ImageShape(1, 12, 12), new SpatialStapleSettings { WindowRadius = 2 }),
            };
            var estimators = AllMethods(ml, names);
            for (int m = 0; m < estimators.Length; m++)
            {
                var fused = FusionDataViews.Column(estimators[m].Fit(data).Transform(data), "Fused");
                Assert.IsTrue(fused[0].All(float.IsNaN) && fused[2].All(float.IsNaN), $"method {m}: NaN where no annotator labelled the row");
                CollectionAssert.AreEqual(references[m].Fused.Select(v => (float)v).ToArray(), fused[1], $"method {m}");
            }

            // One warning per fitted transformer, however many such rows it saw.
            var noAnnotation = warnings.Where(w => w.Contains("has no annotation at all", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(estimators.Length, noAnnotation.Length, string.Join("\n", warnings));
            StringAssert.Contains(noAnnotation[0], "'A0', 'A1', 'A2', 'A3', 'A4', 'A5'");
            StringAssert.Contains(noAnnotation[0], "its outputs are NaN");
        }

        [TestMethod]
        public void StapleReportsIterationsAndConvergenceAndWarnsAtTheCap()
        {
            var ml = new MLContext(seed: 1);
            var warnings = Warnings(ml);
            var raters = FusionTestData.DiscRaters(24).Select((r, j) => FusionTestData.Noisy(r, 0.05, 10 + j)).ToArray();
            var data = FusionDataViews.Floats(new[] { raters, raters }, new[] { 24, 24 });
            var names = FusionDataViews.Names(raters.Length);
            var converged = NaiveFusion.BinaryStaple(raters);
            Assert.IsTrue(converged.Iterations > 3, "the case needs more than the capped run's iterations");

            var model = ml.NoisyLabels().Transforms.Staple(new StapleEstimator.Options { AnnotatorColumnNames = names, OutputColumnName = "Fused", StatisticsColumnName = "Em" }).Fit(data);
            Assert.AreEqual("Em", model.StatisticsColumnName);
            var statistics = FusionDataViews.Column(model.Transform(data), "Em");
            CollectionAssert.AreEqual(new[] { (float)converged.Iterations, 1f }, statistics[0]);
            CollectionAssert.AreEqual(new[] { (float)converged.Iterations, 1f }, statistics[1]);
            Assert.IsFalse(warnings.Any(w => w.Contains("iteration cap", StringComparison.Ordinal)), string.Join("\n", warnings));

            // Capped at 3: the statistics say so, and so does one warning for both rows.
            var capped = ml.NoisyLabels().Transforms.Staple(new StapleEstimator.Options
            {
                AnnotatorColumnNames = names, OutputColumnName = "Fused", StatisticsColumnName = "Em", MaximumNumberOfIterations = 3,
            }).Fit(data);
            var output = capped.Transform(data);
            CollectionAssert.AreEqual(new[] { 3f, 0f }, FusionDataViews.Column(output, "Em")[1]);
            var expected = NaiveFusion.BinaryStaple(raters, maxIterations: 3);
            var fused = FusionDataViews.Column(output, "Fused")[0];
            for (int i = 0; i < fused.Length; i++)
            {
                Assert.AreEqual(expected.W[i] > 0.5 ? 1f : 0f, fused[i], $"pixel {i}");
            }

            var cap = warnings.Where(w => w.Contains("iteration cap", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(1, cap.Length, string.Join("\n", warnings));
            StringAssert.Contains(cap[0], "STAPLE stopped at its iteration cap (3 iterations)");

            // The statistics column survives model.zip.
            var loaded = ModelRoundTrip.SaveAndLoad(ml, capped, data);
            CollectionAssert.AreEqual(new[] { 3f, 0f }, FusionDataViews.Column(loaded.Transform(data), "Em")[0]);
        }
    }
}
