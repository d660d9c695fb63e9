using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class VotingTests
    {
        private static readonly byte[][] ThreeRaters =
        {
            new byte[] { 1, 1, 0, 0, 1 },
            new byte[] { 1, 0, 0, 1, 1 },
            new byte[] { 0, 1, 0, 1, 0 },
        };

        [TestMethod]
        public void MajorityVoteCountsAgainstTheFusedLabels()
        {
            var run = FusionRun.MajorityVote(ThreeRaters, 2);
            CollectionAssert.AreEqual(new byte[] { 1, 1, 0, 1, 1 }, run.Fused);
            // One-hot posterior: class-major [L, P].
            CollectionAssert.AreEqual(new double[] { 0, 0, 1, 0, 0, 1, 1, 0, 1, 1 }, run.Posterior);
            // Rater 0 against fused: true 0 seen once (as 0); true 1 seen 4 times, 3 as 1 and once as 0.
            CollectionAssert.AreEqual(new[] { 1.0, 0.25, 0, 0.75 }, run.Confusion.Take(4).ToArray());
            // Rater 2: true 0 once, written 0; true 1: pixels 0, 1, 3, 4 written 0, 1, 1, 0.
            CollectionAssert.AreEqual(new[] { 1.0, 0.5, 0, 0.5 }, run.Confusion.Skip(8).ToArray());
        }

        [TestMethod]
        public void TiesGoToTheSmallestClass()
        {
            var binary = FusionRun.MajorityVote(new[] { new byte[] { 1, 0 }, new byte[] { 0, 1 } }, 2);
            CollectionAssert.AreEqual(new byte[] { 0, 0 }, binary.Fused);
            var three = FusionRun.MajorityVote(new[] { new byte[] { 2, 1, 2 }, new byte[] { 1, 2, 2 }, new byte[] { 0, 2, 1 } }, 3);
            CollectionAssert.AreEqual(new byte[] { 0, 2, 2 }, three.Fused);
            var mean = FusionRun.MeanLabel(new[] { new byte[] { 2, 1, 2 }, new byte[] { 1, 2, 2 }, new byte[] { 0, 2, 1 } }, 3);
            CollectionAssert.AreEqual(three.Fused, mean.Fused);
        }

        [TestMethod]
        public void MeanLabelPosteriorIsTheVoteFraction()
        {
            var run = FusionRun.MeanLabel(ThreeRaters, 2);
            CollectionAssert.AreEqual(new byte[] { 1, 1, 0, 1, 1 }, run.Fused);
            double third = 1.0 / 3, two = 2.0 / 3;
            var expected = new[] { third, third, 1, third, third, two, two, 0, two, two };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], run.Posterior[i], 1e-15, $"element {i}");
            }

            // Rater 0 soft counts: true 0 weights: (obs 1) 1/3 + 1/3 + 1/3 [pixels 0,1,4], (obs 0) 1 + 1/3 [pixels 2,3].
            Assert.AreEqual((1 + third) / (2 + third), run.Cm(0, 0, 0), 1e-15);
            Assert.AreEqual(1 / (2 + third), run.Cm(0, 1, 0), 1e-15);
            // true 1 weights: obs 1: 2/3 * 3 = 2; obs 0: 0 + 2/3 (pixel 3) = 2/3.
            Assert.AreEqual(2 / (2 + two), run.Cm(0, 1, 1), 1e-15);
        }

        [TestMethod]
        public void AMissingAnnotatorIsLeftOutAndGetsNaN()
        {
            var raters = new[] { ThreeRaters[0], ThreeRaters[1], new byte[] { 9, 9, 9, 9, 9 } };
            var present = new[] { true, true, false };
            var run = FusionRun.MajorityVote(raters, 2, present);
            // Raters 0 and 1 only: ties (pixels 1 and 3) go to 0.
            CollectionAssert.AreEqual(new byte[] { 1, 0, 0, 0, 1 }, run.Fused);
            Assert.IsTrue(run.Confusion.Skip(8).All(double.IsNaN));
            Assert.IsFalse(run.Confusion.Take(8).Any(double.IsNaN));
            var mean = FusionRun.MeanLabel(raters, 2, present);
            Assert.AreEqual(0.5, mean.Posterior[5 + 1]);
        }

        [TestMethod]
        public void LabelsOutsideTheClassesAreRejected()
        {
            var ex = Assert.Throws<ArgumentException>(() => FusionRun.MajorityVote(new[] { new byte[] { 0, 1, 2 } }, 2));
            StringAssert.Contains(ex.Message, "label 2 at pixel 2");
            Assert.Throws<ArgumentException>(() => FusionRun.MajorityVote(new[] { new byte[] { 0 } }, 2, new[] { false }));
        }
    }
}
