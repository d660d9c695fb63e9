using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Samples.Report.Tests
{
    [TestClass]
    public class MarkdownTableTests
    {
        [TestMethod]
        public void NumbersAreRightAlignedAndPadded()
        {
            var table = new MarkdownTable("method", "Dice", "CM error", "n");
            table.AddRow("ours", new MeanStd(0.9123, 0.0134, 5), 0.05, 5);
            table.AddRow("Spatial STAPLE", new MeanStd(0.8, 0.1, 5), double.NaN, 12);
            table.AddRow("a|b", null, -0.0001, 0);

            string expected =
                "| method         |            Dice | CM error |   n |\n" +
                "|:---------------|----------------:|---------:|----:|\n" +
                "| ours           | 0.912 +/- 0.013 |    0.050 |   5 |\n" +
                "| Spatial STAPLE | 0.800 +/- 0.100 |      n/a |  12 |\n" +
                "| a\\|b           |                 |    0.000 |   0 |\n";
            Assert.AreEqual(expected, table.ToString());
        }

        [TestMethod]
        public void AlignmentCanBeSetAndDecimalsChanged()
        {
            var table = new MarkdownTable("x", "lambda");
            table.Decimals = 1;
            table.Align(0, ColumnAlignment.Center).Align(1, ColumnAlignment.Left);
            table.AddRow("ab", 0.26);
            table.AddRow("abcde", 10.0);

            string expected =
                "|   x   | lambda |\n" +
                "|:-----:|:-------|\n" +
                "|  ab   | 0.3    |\n" +
                "| abcde | 10.0   |\n";
            Assert.AreEqual(expected, table.ToString());
        }

        [TestMethod]
        public void FormatsMeanAndStdWithFixedDecimals()
        {
            Assert.AreEqual("0.50 +/- 0.01", MarkdownTable.FormatMeanStd(0.5, 0.0149, 2));
            Assert.AreEqual("n/a", MarkdownTable.FormatMeanStd(double.NaN, 0, 2));
            Assert.AreEqual("0.000", MarkdownTable.FormatNumber(-0.0002, 3));
            Assert.AreEqual("-0.001", MarkdownTable.FormatNumber(-0.0009, 3));
            Assert.AreEqual("inf", MarkdownTable.FormatNumber(double.PositiveInfinity, 3));
        }

        [TestMethod]
        public void MeanStdUsesTheSampleStandardDeviationOfFiniteValues()
        {
            var summary = MeanStd.Of(new[] { 1.0, 2.0, 3.0, double.NaN, 4.0 });
            Assert.AreEqual(2.5, summary.Mean, 1e-12);
            Assert.AreEqual(Math.Sqrt(5.0 / 3.0), summary.Std, 1e-12);
            Assert.AreEqual(4, summary.Count);
            Assert.AreEqual("2.50 +/- 1.29", summary.Format(2));
            Assert.AreEqual(new MeanStd(7, 0, 1), MeanStd.Of(new[] { 7.0 }));
            Assert.IsTrue(double.IsNaN(MeanStd.Of(Array.Empty<double>()).Mean));
        }

        [TestMethod]
        public void RowsMustMatchTheHeader()
        {
            var table = new MarkdownTable("a", "b");
            Assert.ThrowsExactly<ArgumentException>(() => table.AddRow("only one"));
        }
    }
}
