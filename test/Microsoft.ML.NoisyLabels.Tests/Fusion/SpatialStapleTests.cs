using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class SpatialStapleTests
    {
        private const double Tolerance = 1e-9;

        private static readonly SpatialStapleSettings StapleLike = new SpatialStapleSettings
        {
            VoxelwisePrior = false,
            ConsensusThreshold = 2,
            ConvergenceThreshold = 0,
            MaximumIterations = 6,
        };

        [TestMethod]
        [DataRow(40, 1.0)]
        [DataRow(40, 0.0)]
        [DataRow(2, double.PositiveInfinity)]
        public void EqualsStapleWhenTheWindowCoversTheImageOrTheBlendIsGlobal(int radius, double kappa)
        {
            var raters = FusionTestData.DiscRaters();
            var staple = FusionRun.Staple(raters, 2, new StapleSettings { MaximumIterations = 6 });
            Assert.AreEqual(6, staple.Statistics.Iterations, "STAPLE must not stop before the spatial run does");
            var spatial = FusionRun.Spatial(raters, 2, new ImageShape(1, 32, 32), StapleLike with { WindowRadius = radius, GlobalPseudoCount = kappa }, withField: true);

            Assert.AreEqual(6, spatial.Statistics.Iterations);
            for (int e = 0; e < staple.Confusion.Length; e++)
            {
                Assert.AreEqual(staple.Confusion[e], spatial.Confusion[e], Tolerance, $"CM element {e}");
            }

            for (int i = 0; i < staple.Posterior.Length; i++)
            {
                Assert.AreEqual(staple.Posterior[i], spatial.Posterior[i], Tolerance, $"posterior element {i}");
            }

            CollectionAssert.AreEqual(staple.Fused, spatial.Fused);
            // Rater 3's field entry [1, 1] (its sensitivity) at pixel 100 is the global one.
            Assert.AreEqual(staple.Cm(3, 1, 1), spatial.Field![(((3 * 4) + 3) * 1024) + 100], Tolerance);
        }

        [TestMethod]
        public void MatchesANaiveImplementationIn2D()
        {
            var raters = FusionTestData.DiscRaters(20).Select(r => r).ToArray();
            var settings = new SpatialStapleSettings { WindowRadius = 2, GlobalPseudoCount = 1 };
            AssertMatchesNaive(raters, 2, 1, 20, 20, settings);
        }

        [TestMethod]
        public void MatchesANaiveImplementationWithThreeClassesGlobalPriorAndPurelyLocalWindows()
        {
            var raters = FusionTestData.RingRaters(3, 4, 16, seed: 11);
            var settings = new SpatialStapleSettings { WindowRadius = 3, GlobalPseudoCount = 0, VoxelwisePrior = false, ConsensusThreshold = 0.7, ConvergenceThreshold = 1e-6 };
            AssertMatchesNaive(raters, 3, 1, 16, 16, settings);
        }

        [TestMethod]
        public void MatchesANaiveImplementationIn3D()
        {
            const int depth = 7, height = 8, width = 9;
            var random = new Random(5);
            var raters = new byte[4][];
            for (int k = 0; k < raters.Length; k++)
            {
                raters[k] = new byte[depth * height * width];
                double radius = 2.2 + (0.5 * k);
                for (int z = 0, i = 0; z < depth; z++)
                {
                    for (int y = 0; y < height; y++)
                    {
                        for (int x = 0; x < width; x++, i++)
                        {
                            double d = Math.Sqrt(((z - 3) * (z - 3)) + ((y - 3.5) * (y - 3.5)) + ((x - 4) * (x - 4)));
                            raters[k][i] = (byte)((d <= radius) ^ (random.NextDouble() < 0.05) ? 1 : 0);
                        }
                    }
                }
            }

            AssertMatchesNaive(raters, 2, depth, height, width, new SpatialStapleSettings { WindowRadius = 1, GlobalPseudoCount = 0.5 });
        }

        [TestMethod]
        public void MatchesANaiveImplementationIn3DAcrossTiles()
        {
            // 3 x 66 x 70: several 32 x 32 columns of the two-class window sums, with their borders and halos (the
            // benchmark volume checks the columns spread over the cores against the previous code).
            const int depth = 3, height = 66, width = 70;
            var random = new Random(9);
            var raters = new byte[4][];
            for (int k = 0; k < raters.Length; k++)
            {
                raters[k] = new byte[depth * height * width];
                for (int z = 0, i = 0; z < depth; z++)
                {
                    for (int y = 0; y < height; y++)
                    {
                        for (int x = 0; x < width; x++, i++)
                        {
                            double dz = (z - 1.0) / 2, dy = (y - 33.0) / (24 + k), dx = (x - 36.0) / (28 - k);
                            bool inside = (dz * dz) + (dy * dy) + (dx * dx) <= 1;
                            raters[k][i] = (byte)(inside ^ (random.NextDouble() < 0.03) ? 1 : 0);
                        }
                    }
                }
            }

            AssertMatchesNaive(raters, 2, depth, height, width, new SpatialStapleSettings { WindowRadius = 1, GlobalPseudoCount = 1 });
        }

        private static void AssertMatchesNaive(byte[][] raters, int classes, int depth, int height, int width, SpatialStapleSettings settings)
        {
            var expected = NaiveFusion.SpatialStaple(
                raters, classes, depth, height, width, settings.WindowRadius, settings.GlobalPseudoCount, settings.VoxelwisePrior,
                settings.ConsensusThreshold, settings.ConvergenceThreshold, settings.MaximumIterations);
            var run = FusionRun.Spatial(raters, classes, new ImageShape(depth, height, width), settings, withField: true);
            int pixels = raters[0].Length;
            Assert.IsTrue(expected.Iterations > 1);
            Assert.AreEqual(expected.Iterations, run.Statistics.Iterations);
            for (int i = 0; i < pixels; i++)
            {
                for (int s = 0; s < classes; s++)
                {
                    Assert.AreEqual(expected.W[i][s], run.Posterior[(s * pixels) + i], Tolerance, $"posterior of class {s} at pixel {i}");
                }
            }

            for (int k = 0; k < raters.Length; k++)
            {
                for (int o = 0; o < classes; o++)
                {
                    for (int s = 0; s < classes; s++)
                    {
                        double mean = 0;
                        for (int i = 0; i < pixels; i++)
                        {
                            double theta = expected.Theta[k][i][o, s];
                            mean += theta / pixels;
                            Assert.AreEqual(theta, run.Field![(((((k * classes) + o) * classes) + s) * pixels) + i], Tolerance, $"theta {k}[{o},{s}] at {i}");
                        }

                        Assert.AreEqual(mean, run.Cm(k, o, s, classes), Tolerance, $"average CM {k}[{o},{s}]");
                    }
                }
            }
        }

        [TestMethod]
        public void ConsensusPixelsAreFixedAndAMissingAnnotatorIsLeftOut()
        {
            var raters = FusionTestData.DiscRaters();
            var present = new[] { true, true, true, false, true, true };
            var settings = new SpatialStapleSettings { WindowRadius = 3 };
            var run = FusionRun.Spatial(raters, 2, new ImageShape(1, 32, 32), settings, present, withField: true);
            var without = FusionRun.Spatial(raters.Where((_, j) => present[j]).ToArray(), 2, new ImageShape(1, 32, 32), settings);
            CollectionAssert.AreEqual(without.Posterior, run.Posterior);
            Assert.IsTrue(run.Confusion.Skip(12).Take(4).All(double.IsNaN));
            Assert.IsTrue(run.Field!.Skip(12 * 1024).Take(4 * 1024).All(double.IsNaN));
            // The centre pixel: every present rater marks it.
            int centre = (16 * 32) + 16;
            Assert.AreEqual(1.0, run.Posterior[1024 + centre]);
            // Columns of the average matrix sum to 1.
            for (int k = 0; k < 6; k++)
            {
                if (present[k])
                {
                    Assert.AreEqual(1.0, run.Cm(k, 0, 1) + run.Cm(k, 1, 1), 1e-12);
                }
            }
        }

        [TestMethod]
        public void AllEmptyMasksNeedNoIteration()
        {
            var run = FusionRun.Spatial(new[] { new byte[64], new byte[64] }, 2, new ImageShape(1, 8, 8), new SpatialStapleSettings(), withField: true);
            Assert.AreEqual(0, run.Statistics.Iterations);
            Assert.IsTrue(run.Statistics.Converged);
            Assert.IsTrue(run.Fused.All(v => v == 0));
            CollectionAssert.AreEqual(new double[] { 1, 0, 0, 1, 1, 0, 0, 1 }, run.Confusion);
        }

        [TestMethod]
        public void BadSettingsAndShapesAreRejected()
        {
            var raters = new[] { new byte[64] };
            Assert.Throws<ArgumentException>(() => FusionRun.Spatial(raters, 2, new ImageShape(1, 8, 7), new SpatialStapleSettings()));
            Assert.Throws<ArgumentOutOfRangeException>(() => FusionRun.Spatial(raters, 2, new ImageShape(1, 8, 8), new SpatialStapleSettings { ConsensusThreshold = 0.5 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => FusionRun.Spatial(raters, 2, new ImageShape(1, 8, 8), new SpatialStapleSettings { GlobalPseudoCount = -1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => FusionRun.Spatial(raters, 2, new ImageShape(1, 8, 8), new SpatialStapleSettings { WindowRadius = -1 }));
        }
    }
}
