using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    /// <summary>The over-segmenting-majority annotator set: its majority over-segments, as documented.</summary>
    [TestClass]
    public class OverSegmentingMajorityTests
    {
        [TestMethod]
        public void TheMajorityMarksMoreThanTheTruthAndMissesLittleOfIt()
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, 200);
            var annotated = ml.NoisyLabels().Transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options
            {
                Annotators = SimulatedAnnotator.OverSegmentingMajorityAnnotators(),
                Seed = 3,
            }).Fit(mnist).Transform(mnist);
            string[] names = SimulatedAnnotatorColumnNames.OverSegmentingMajority.ToArray();
            CollectionAssert.AreEqual(names, SimulatedAnnotator.OverSegmentingMajorityAnnotators().Select(a => a.OutputColumnName).ToArray());
            var fused = ml.NoisyLabels().Transforms.MajorityVote("Majority", names).Fit(annotated).Transform(annotated);

            long truth = 0, majority = 0, missed = 0;
            var masks = fused.GetColumn<float[]>("Mask").ToArray();
            var votes = fused.GetColumn<float[]>("Majority").ToArray();
            for (int n = 0; n < masks.Length; n++)
            {
                for (int i = 0; i < masks[n].Length; i++)
                {
                    truth += masks[n][i] > 0 ? 1 : 0;
                    majority += votes[n][i] > 0 ? 1 : 0;
                    missed += masks[n][i] > 0 && votes[n][i] == 0 ? 1 : 0;
                }
            }

            // Measured: the majority marks 2.2 times the truth's pixels and misses none of them.
            Assert.IsTrue(majority > 1.4 * truth, $"majority {majority} pixels, truth {truth}");
            Assert.IsTrue(missed < 0.1 * truth, $"missed {missed} of {truth}");
        }
    }
}
