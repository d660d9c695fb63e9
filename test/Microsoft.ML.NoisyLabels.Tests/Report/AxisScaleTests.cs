using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Report
{
    [TestClass]
    public class AxisScaleTests
    {
        [TestMethod]
        public void UnitRangeGetsTenthsOrFifths()
        {
            var scale = AxisScale.Create(0, 1);
            Assert.AreEqual(0, scale.Min);
            Assert.AreEqual(1, scale.Max);
            CollectionAssert.AreEqual(new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" }, scale.Ticks.Select(scale.Format).ToArray());
        }

        [TestMethod]
        public void EndsAreRoundedOutToTicks()
        {
            var scale = AxisScale.Create(0.812, 0.947);
            Assert.AreEqual(0.05, scale.Step, 1e-12);
            Assert.AreEqual(0.80, scale.Min, 1e-12);
            Assert.AreEqual(0.95, scale.Max, 1e-12);
            CollectionAssert.AreEqual(new[] { "0.80", "0.85", "0.90", "0.95" }, scale.Ticks.Select(scale.Format).ToArray());

            var epochs = AxisScale.Create(1, 50);
            CollectionAssert.AreEqual(new[] { "0", "10", "20", "30", "40", "50" }, epochs.Ticks.Select(epochs.Format).ToArray());
        }

        [TestMethod]
        public void ConstantDataStillGetsARange()
        {
            var zero = AxisScale.Create(0, 0);
            Assert.IsLessThan(0.0, zero.Min);
            Assert.IsGreaterThan(0.0, zero.Max);
            var five = AxisScale.Create(5, 5);
            Assert.IsLessThan(5.0, five.Min);
            Assert.IsGreaterThan(5.0, five.Max);
        }

        [TestMethod]
        public void PaddingKeepsNonNegativeDataNonNegativeAndRespectsFixedEnds()
        {
            var scale = AxisScale.ForData(0.0, 0.9);
            Assert.AreEqual(0, scale.Min);
            Assert.IsGreaterThanOrEqualTo(0.945, scale.Max);

            var negative = AxisScale.ForData(-1.0, 1.0);
            Assert.IsLessThan(-1.0, negative.Min);
            Assert.IsGreaterThan(1.0, negative.Max);

            var fixedEnds = AxisScale.ForData(0.3, 0.7, fixedMin: 0, fixedMax: 1);
            Assert.AreEqual(0, fixedEnds.Min);
            Assert.AreEqual(1, fixedEnds.Max);
        }

        [TestMethod]
        public void NegativeZeroPrintsAsZero()
        {
            var scale = AxisScale.Create(-0.3, 0.3);
            Assert.AreEqual("0.0", scale.Format(-1e-17));
            Assert.IsTrue(scale.Ticks.Select(scale.Format).Contains("0.0"));
        }

        [TestMethod]
        public void ToPixelMapsEndsToTheGivenPixels()
        {
            var scale = AxisScale.Create(0, 1);
            Assert.AreEqual(300, scale.ToPixel(0, 300, 100));
            Assert.AreEqual(100, scale.ToPixel(1, 300, 100));
            Assert.AreEqual(200, scale.ToPixel(0.5, 300, 100));
        }
    }
}
