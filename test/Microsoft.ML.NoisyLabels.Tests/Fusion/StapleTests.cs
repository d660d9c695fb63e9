using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class StapleTests
    {
        private const double Tolerance = 1e-9;

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void BinaryStapleFollowsItkUpdateRule(bool compress)
        {
            var raters = FusionTestData.DiscRaters();
            var expected = NaiveFusion.BinaryStaple(raters);
            var run = FusionRun.Staple(raters, 2, new StapleSettings { CompressPatterns = compress });

            Assert.IsTrue(run.Statistics.Converged);
            Assert.AreEqual(expected.Iterations, run.Statistics.Iterations);
            for (int j = 0; j < raters.Length; j++)
            {
                Assert.AreEqual(expected.P[j], run.Cm(j, 1, 1), Tolerance, $"sensitivity of rater {j}");
                Assert.AreEqual(expected.Q[j], run.Cm(j, 0, 0), Tolerance, $"specificity of rater {j}");
                Assert.AreEqual(1 - expected.P[j], run.Cm(j, 0, 1), Tolerance);
                Assert.AreEqual(1 - expected.Q[j], run.Cm(j, 1, 0), Tolerance);
            }

            int pixels = raters[0].Length;
            for (int i = 0; i < pixels; i++)
            {
                Assert.AreEqual(expected.W[i], run.Posterior[pixels + i], Tolerance, $"posterior at pixel {i}");
                Assert.AreEqual(1 - expected.W[i], run.Posterior[i], Tolerance);
                Assert.AreEqual(expected.W[i] > 0.5 ? 1 : 0, run.Fused[i], $"label at pixel {i}");
            }

            // The discs are nested: the small-radius raters must have high specificity and lower sensitivity.
            Assert.IsTrue(run.Cm(0, 1, 1) < run.Cm(4, 1, 1));
            Assert.IsTrue(run.Cm(0, 0, 0) > run.Cm(4, 0, 0));
        }

        [TestMethod]
        public void BinaryStapleHonoursIterationCapAndConfidenceWeight()
        {
            var raters = FusionTestData.DiscRaters();
            var expected = NaiveFusion.BinaryStaple(raters, maxIterations: 3, confidenceWeight: 0.8);
            var run = FusionRun.Staple(raters, 2, new StapleSettings { MaximumIterations = 3, ConfidenceWeight = 0.8 });
            Assert.AreEqual(3, run.Statistics.Iterations);
            Assert.IsFalse(run.Statistics.Converged);
            for (int j = 0; j < raters.Length; j++)
            {
                Assert.AreEqual(expected.P[j], run.Cm(j, 1, 1), Tolerance);
                Assert.AreEqual(expected.Q[j], run.Cm(j, 0, 0), Tolerance);
            }

            Assert.AreEqual(expected.W[500], run.Posterior[1024 + 500], Tolerance);
        }

        [TestMethod]
        [DataRow(3, 5)]
        [DataRow(4, 4)]
        public void MultiLabelStapleFollowsTheSpec(int classes, int raterCount)
        {
            var raters = FusionTestData.RingRaters(classes, raterCount, 24, seed: classes);
            var expected = NaiveFusion.MultiLabelStaple(raters, classes);
            foreach (bool compress in new[] { true, false })
            {
                var run = FusionRun.Staple(raters, classes, new StapleSettings { CompressPatterns = compress });
                Assert.IsTrue(run.Statistics.Converged);
                Assert.AreEqual(expected.Iterations, run.Statistics.Iterations);
                for (int k = 0; k < raterCount; k++)
                {
                    for (int o = 0; o < classes; o++)
                    {
                        for (int t = 0; t < classes; t++)
                        {
                            Assert.AreEqual(expected.Cm[k][o, t], run.Cm(k, o, t, classes), Tolerance, $"CM {k}[{o},{t}]");
                        }
                    }
                }

                int pixels = raters[0].Length;
                for (int i = 0; i < pixels; i++)
                {
                    int best = 0;
                    for (int c = 0; c < classes; c++)
                    {
                        Assert.AreEqual(expected.W[i][c], run.Posterior[(c * pixels) + i], Tolerance);
                        best = expected.W[i][c] > expected.W[i][best] ? c : best;
                    }

                    Assert.AreEqual(best, run.Fused[i]);
                }
            }
        }

        [TestMethod]
        public void AllEmptyMasksGiveBackgroundAndIdentityMatrices()
        {
            var raters = new[] { new byte[16], new byte[16], new byte[16] };
            var run = FusionRun.Staple(raters, 2);
            Assert.IsTrue(run.Fused.All(v => v == 0));
            Assert.IsTrue(run.Posterior.Skip(16).All(v => v == 0));
            CollectionAssert.AreEqual(new double[] { 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1 }, run.Confusion);
            Assert.IsTrue(run.Statistics.Converged);
            var multi = FusionRun.Staple(raters, 3);
            Assert.IsTrue(multi.Fused.All(v => v == 0));
            Assert.IsFalse(multi.Confusion.Any(double.IsNaN));
        }

        [TestMethod]
        public void OneAnnotatorAndIdenticalAnnotatorsAreTakenAtTheirWord()
        {
            var disc = FusionTestData.Disc(16, 5);
            foreach (var raters in new[] { new[] { disc }, new[] { disc, disc, disc } })
            {
                var run = FusionRun.Staple(raters, 2);
                CollectionAssert.AreEqual(disc, run.Fused);
                for (int j = 0; j < raters.Length; j++)
                {
                    Assert.AreEqual(1.0, run.Cm(j, 1, 1), 1e-12);
                    Assert.AreEqual(1.0, run.Cm(j, 0, 0), 1e-12);
                }

                for (int i = 0; i < disc.Length; i++)
                {
                    Assert.AreEqual(disc[i], run.Posterior[disc.Length + i], 1e-12);
                }
            }
        }

        [TestMethod]
        public void AnAnnotatorWhoMarksNothingGetsZeroSensitivity()
        {
            var raters = FusionTestData.DiscRaters().Take(4).Append(new byte[32 * 32]).ToArray();
            var expected = NaiveFusion.BinaryStaple(raters);
            var run = FusionRun.Staple(raters, 2);
            Assert.AreEqual(0.0, run.Cm(4, 1, 1));
            Assert.AreEqual(1.0, run.Cm(4, 0, 1));
            Assert.AreEqual(expected.Q[4], run.Cm(4, 0, 0), Tolerance);
            for (int j = 0; j < 4; j++)
            {
                Assert.AreEqual(expected.P[j], run.Cm(j, 1, 1), Tolerance);
            }
        }

        [TestMethod]
        public void AMissingAnnotationIsLeftOut()
        {
            var raters = FusionTestData.DiscRaters();
            var present = new[] { true, true, false, true, true, true };
            var without = raters.Where((_, j) => present[j]).ToArray();
            var expected = NaiveFusion.BinaryStaple(without);
            raters[2] = Enumerable.Repeat((byte)200, raters[2].Length).ToArray();
            var run = FusionRun.Staple(raters, 2, present: present);
            Assert.IsTrue(Enumerable.Range(8, 4).All(e => double.IsNaN(run.Confusion[e])));
            int k = 0;
            for (int j = 0; j < raters.Length; j++)
            {
                if (present[j])
                {
                    Assert.AreEqual(expected.P[k], run.Cm(j, 1, 1), Tolerance);
                    Assert.AreEqual(expected.Q[k++], run.Cm(j, 0, 0), Tolerance);
                }
            }

            var multi = FusionRun.Staple(raters, 3, present: present);
            Assert.IsTrue(Enumerable.Range(18, 9).All(e => double.IsNaN(multi.Confusion[e])));
        }

        [TestMethod]
        public void UserPriorReplacesTheEstimatedOne()
        {
            var raters = FusionTestData.RingRaters(3, 4, 16, seed: 3);
            var uniform = FusionRun.Staple(raters, 3, new StapleSettings { Prior = new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 } });
            var estimated = FusionRun.Staple(raters, 3);
            Assert.AreNotEqual(uniform.Posterior[0], estimated.Posterior[0]);
            Assert.Throws<ArgumentException>(() => FusionRun.Staple(raters, 3, new StapleSettings { Prior = new[] { 0.5, 0.5 } }));
            Assert.Throws<ArgumentOutOfRangeException>(() => FusionRun.Staple(raters, 3, new StapleSettings { MaximumIterations = 0 }));
        }

        [TestMethod]
        public void AReusedWorkspaceGivesTheSameResultsAsAFreshOne()
        {
            // Larger images and tables first, so that the reused arrays are longer than the later images need.
            var workspace = new FusionWorkspace();
            var four = FusionTestData.RingRaters(4, 5, 24, seed: 8);
            var discs = FusionTestData.DiscRaters(16);
            var shape = new ImageShape(1, 16, 16);
            var spatial = new SpatialStapleSettings { WindowRadius = 2 };
            FusionRun Run(byte[][] raters, int classes, Func<Annotations, FusionOutputs, FusionStatistics> method) => FusionRun.Of(raters, classes, method);
            foreach (var reuse in new[] { false, true })
            {
                FusionWorkspace? ws = reuse ? workspace : null;
                var a = Run(four, 4, (x, o) => NoisyLabels.Fusion.Staple.Compute(x, o, new StapleSettings(), ws ?? new FusionWorkspace()));
                var b = Run(discs, 2, (x, o) => NoisyLabels.Fusion.Staple.Compute(x, o, new StapleSettings(), ws ?? new FusionWorkspace()));
                var c = Run(discs, 2, (x, o) =>
                {
                    NoisyLabels.Fusion.MajorityVote.Compute(x, o, ws ?? new FusionWorkspace());
                    return default;
                });
                var d = Run(discs, 2, (x, o) => SpatialStaple.Compute(x, shape, o, Span<double>.Empty, spatial, ws ?? new FusionWorkspace()));
                var fresh = new[]
                {
                    FusionRun.Staple(four, 4),
                    FusionRun.Staple(discs, 2),
                    FusionRun.MajorityVote(discs, 2),
                    FusionRun.Spatial(discs, 2, shape, spatial),
                };
                var reused = new[] { a, b, c, d };
                for (int m = 0; m < fresh.Length; m++)
                {
                    CollectionAssert.AreEqual(fresh[m].Fused, reused[m].Fused, $"method {m}");
                    CollectionAssert.AreEqual(fresh[m].Posterior, reused[m].Posterior, $"method {m}");
                    CollectionAssert.AreEqual(fresh[m].Confusion, reused[m].Confusion, $"method {m}");
                }
            }
        }
    }
}
