using System.Globalization;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Samples.Report.Tests
{
    [TestClass]
    public class JsonReportTests
    {
        public enum Regime
        {
            SingleLabel,
            Dense,
        }

        public sealed record Result(string Method, Regime Regime, double Lambda, MeanStd Dice, double[] PerSeed, Dictionary<string, double> PerAnnotator);

        [TestMethod]
        public void RoundTripsThroughAFile()
        {
            var result = new Result(
                "ours",
                Regime.SingleLabel,
                0.01,
                new MeanStd(0.91, 0.02, 3),
                new[] { 0.9, double.NaN, 0.92 },
                new Dictionary<string, double> { ["Good"] = 0.05, ["Blank"] = double.PositiveInfinity });
            string folder = Path.Combine(Path.GetTempPath(), "noisylabels-json-" + Guid.NewGuid().ToString("N"));
            try
            {
                string path = Path.Combine(folder, "sub", "result.json");
                JsonReport.Write(path, result);
                var back = JsonReport.Read<Result>(path);
                Assert.AreEqual(result.Method, back.Method);
                Assert.AreEqual(result.Regime, back.Regime);
                Assert.AreEqual(result.Lambda, back.Lambda);
                Assert.AreEqual(result.Dice, back.Dice);
                CollectionAssert.AreEqual(result.PerSeed, back.PerSeed);
                CollectionAssert.AreEquivalent(result.PerAnnotator, back.PerAnnotator);

                byte[] bytes = File.ReadAllBytes(path);
                Assert.AreEqual((byte)'{', bytes[0], "no byte-order mark");
                Assert.AreEqual((byte)'\n', bytes[^1]);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [TestMethod]
        public void TextIsIndentedCamelCaseAndInvariant()
        {
            var previous = CultureInfo.CurrentCulture;
            try
            {
                // A culture with a decimal comma must not leak into the file.
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
                string json = JsonReport.Serialize(new { Method = "STAPLE", Regime = Regime.Dense, Dice = new MeanStd(0.5, double.NaN, 2) });
                string expected =
                    "{\n" +
                    "  \"method\": \"STAPLE\",\n" +
                    "  \"regime\": \"Dense\",\n" +
                    "  \"dice\": {\n" +
                    "    \"mean\": 0.5,\n" +
                    "    \"std\": \"NaN\",\n" +
                    "    \"count\": 2\n" +
                    "  }\n" +
                    "}";
                Assert.AreEqual(expected, json);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [TestMethod]
        public void OptionsCannotBeChanged()
        {
            Assert.IsTrue(JsonReport.Options.IsReadOnly);
        }
    }
}
