using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class FusionRoundTripTests
    {
        private static readonly string[] Methods = { "Vote", "Mean", "Staple", "Spatial" };

        private static byte[][][] Rows()
            => new[]
            {
                FusionTestData.DiscRaters(24),
                FusionTestData.DiscRaters(24).Select((r, j) => FusionTestData.Noisy(r, 0.03, 40 + j)).ToArray(),
            };

        private static IEstimator<ITransformer>[] Estimators(MLContext ml, bool defaults)
        {
            var names = FusionDataViews.Names(6);
            var t = ml.NoisyLabels().Transforms;
            if (defaults)
            {
                return new IEstimator<ITransformer>[]
                {
                    t.MajorityVote("VoteFused", names),
                    t.MeanLabel("MeanFused", names),
                    t.Staple("StapleFused", names),
                    t.SpatialStaple("SpatialFused", names),
                };
            }

            return new IEstimator<ITransformer>[]
            {
                t.MajorityVote(new MajorityVoteEstimator.Options { AnnotatorColumnNames = names, OutputColumnName = "VoteFused", NumberOfClasses = 3, ProbabilitiesColumnName = "VotePosterior", ConfusionMatricesColumnName = "VoteCm" }),
                t.MeanLabel(new MeanLabelEstimator.Options { AnnotatorColumnNames = names, OutputColumnName = "MeanFused", ProbabilitiesColumnName = "MeanPosterior", ConfusionMatricesColumnName = "MeanCm" }),
                t.Staple(new StapleEstimator.Options
                {
                    AnnotatorColumnNames = names, OutputColumnName = "StapleFused", ProbabilitiesColumnName = "StaplePosterior", ConfusionMatricesColumnName = "StapleCm",
                    MaximumNumberOfIterations = 4, ConfidenceWeight = 0.9, PriorProbabilities = new[] { 0.75, 0.25 },
                }),
                t.SpatialStaple(new SpatialStapleEstimator.Options
                {
                    AnnotatorColumnNames = names, OutputColumnName = "SpatialFused", ProbabilitiesColumnName = "SpatialPosterior", ConfusionMatricesColumnName = "SpatialCm",
                    ConfusionFieldColumnName = "SpatialField", WindowRadius = 2, GlobalPseudoCount = 0.5, VoxelwisePrior = false, ConsensusThreshold = 0.8,
                    ConvergenceThreshold = 1e-3, MaximumNumberOfIterations = 7, ImageShape = new[] { 24, 24 },
                }),
            };
        }

        private static string[] OutputColumns(IDataView output)
            => output.Schema.Where(c => Methods.Any(m => c.Name.StartsWith(m, StringComparison.Ordinal))).Select(c => c.Name).ToArray();

        private static void AssertSameOutputs(IDataView expected, IDataView actual, int outputCount)
        {
            var columns = OutputColumns(expected);
            Assert.AreEqual(outputCount, columns.Length);
            foreach (string column in columns)
            {
                var e = FusionDataViews.Column(expected, column);
                var a = FusionDataViews.Column(actual, column);
                Assert.AreEqual(e.Length, a.Length);
                for (int n = 0; n < e.Length; n++)
                {
                    CollectionAssert.AreEqual(e[n], a[n], $"column {column}, row {n}");
                }
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void EveryTransformerRoundTripsInThisAndANewProcess(bool defaults)
        {
            var ml = new MLContext(seed: 1);
            var rows = Rows();
            var present = new[] { Enumerable.Repeat(true, 6).ToArray(), new[] { true, true, true, true, false, true } };
            var data = defaults ? FusionDataViews.Keys(rows, new[] { 24, 24 }, 2, present) : FusionDataViews.Floats(rows, new[] { 24, 24 }, present);
            var estimators = Estimators(ml, defaults);
            var transformers = estimators.Select(e => e.Fit(data)).ToArray();
            Assert.IsTrue(transformers.All(t => t is LabelFusionTransformer));
            int outputCount = defaults ? 4 : 13;

            // Each facade on its own, saved and loaded in this process.
            foreach (var transformer in transformers)
            {
                var output = transformer.Transform(data);
                var loaded = ModelRoundTrip.SaveAndLoad(ml, transformer, data);
                Assert.IsInstanceOfType<TransformerChain<ITransformer>>(loaded);
                var columns = OutputColumns(output);
                Assert.IsTrue(columns.Length >= 1);
                foreach (string column in columns)
                {
                    var e = FusionDataViews.Column(output, column);
                    var a = FusionDataViews.Column(loaded.Transform(data), column);
                    for (int n = 0; n < e.Length; n++)
                    {
                        CollectionAssert.AreEqual(e[n], a[n], $"column {column}, row {n}");
                    }
                }
            }

            // All four in one model, loaded in a new process.
            var chain = new TransformerChain<ITransformer>(transformers);
            var expected = chain.Transform(data);
            var (fresh, _) = ModelRoundTrip.TransformInNewProcess(ml, chain, data);
            AssertSameOutputs(expected, fresh, outputCount);
            AssertSameOutputs(expected, ModelRoundTrip.SaveAndLoad(ml, chain, data).Transform(data), outputCount);

            // The outputs are real fusions, not copies: the options change them.
            var staple = FusionDataViews.Column(expected, "StapleFused")[0];
            var reference = FusionRun.Staple(rows[0], 2, new StapleSettings
            {
                MaximumIterations = defaults ? 1000 : 4,
                ConfidenceWeight = defaults ? 1 : 0.9,
                Prior = defaults ? null : new[] { 0.75, 0.25 },
            });
            CollectionAssert.AreEqual(reference.Fused.Select(v => (float)v).ToArray(), staple);
        }
    }
}
