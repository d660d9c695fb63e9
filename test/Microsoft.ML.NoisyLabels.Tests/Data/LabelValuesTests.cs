using Microsoft.ML.NoisyLabels.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Data
{
    [TestClass]
    public class LabelValuesTests
    {
        private static float[] Labels(int length, int classes, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => (float)random.Next(classes)).ToArray();
        }

        // Lengths below and above the parallel threshold (1 << 20), and with tails that are not a multiple of 32.
        [TestMethod]
        [DataRow(1)]
        [DataRow(31)]
        [DataRow(1000)]
        [DataRow((1 << 20) + 77)]
        public void DecodesEveryValueAsTheScalarRuleDoes(int length)
        {
            var values = Labels(length, 5, length);
            var labels = new byte[length];
            Assert.IsTrue(LabelValues.TryDecode(values, 5, labels, () => "column 'A'"));
            for (int i = 0; i < length; i++)
            {
                Assert.AreEqual((byte)values[i], labels[i], $"pixel {i}");
            }
        }

        [TestMethod]
        [DataRow(1000, 0)]
        [DataRow(1000, 37)]
        [DataRow(1000, 999)]
        [DataRow((1 << 20) + 77, 700_001)]
        [DataRow((1 << 20) + 77, (1 << 20) + 76)]
        public void ReportsTheFirstBadValueWhereverItIs(int length, int bad)
        {
            foreach (float value in new[] { 5f, -1f, 0.5f, float.PositiveInfinity })
            {
                var values = Labels(length, 5, bad);
                values[bad] = value;
                // A second bad value later must not be the one reported.
                if (bad + 40 < length)
                {
                    values[bad + 40] = 9;
                }

                var ex = Assert.Throws<InvalidOperationException>(() => LabelValues.TryDecode(values, 5, new byte[length], () => "column 'A'"));
                StringAssert.Contains(ex.Message, $"column 'A': value {value} at pixel {bad} is not a class label");
            }
        }

        [TestMethod]
        [DataRow(100, 50)]
        [DataRow((1 << 20) + 5, 900_000)]
        public void MissingValuesAreAllOrNothing(int length, int other)
        {
            var missing = Enumerable.Repeat(float.NaN, length).ToArray();
            Assert.IsFalse(LabelValues.TryDecode(missing, 2, new byte[length], () => "column 'A'"));

            missing[other] = 1;
            var ex = Assert.Throws<InvalidOperationException>(() => LabelValues.TryDecode(missing, 2, new byte[length], () => "column 'A'"));
            StringAssert.Contains(ex.Message, $"missing at some pixels only (first at pixel {other})");

            var partial = Labels(length, 2, 3);
            partial[other] = float.NaN;
            ex = Assert.Throws<InvalidOperationException>(() => LabelValues.TryDecode(partial, 2, new byte[length], () => "column 'A'"));
            StringAssert.Contains(ex.Message, $"missing at some pixels only (first at pixel {other})");
        }
    }
}
