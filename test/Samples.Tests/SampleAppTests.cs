using Microsoft.ML.NoisyLabels.Samples.Experiments;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SkiaSharp;
using SampleProgram = Microsoft.ML.NoisyLabels.Samples.Program;

namespace Microsoft.ML.NoisyLabels.Samples.Tests
{
    [TestClass]
    public class SampleAppTests
    {
        /// <summary>The figures of a report whose every row ran.</summary>
        public static IReadOnlyList<string> Figures { get; } = new[] { "fig2-dense.png", "fig2-single-label.png", "fig3-dense.png", "fig3-single-label.png", "curves-warmup.png", "curves-loss.png", "lambda.png" };

        /// <summary>
        /// The sample's whole MNIST job on the smoke profile (tiny data and network, one seed): every row of both tables,
        /// the ablation, the JSON and every figure are written. Its numbers mean nothing; the quick profile's are in
        /// docs/RESULTS.md.
        /// </summary>
        [TestMethod]
        public void SmokeProfileWritesTheWholeReport()
        {
            string output = NewTempFolder();
            int exit = SampleProgram.Main(new[] { "mnist", "--profile", "smoke", "--seeds", "1", "--workers", "2", "--output", output });
            Assert.AreEqual(0, exit);

            string markdown = File.ReadAllText(Path.Combine(output, "results.md"));
            foreach (var method in Methods.All)
            {
                StringAssert.Contains(markdown, method.Title);
            }

            StringAssert.Contains(markdown, "## Table 1");
            StringAssert.Contains(markdown, "## Table 2");
            StringAssert.Contains(markdown, "## Warm-up ablation");
            StringAssert.Contains(markdown, "## The training labels against the ground truth");
            StringAssert.Contains(markdown, "| Annotator 'good'            | 100.00");
            StringAssert.Contains(markdown, "| Annotator 'blank'           | 0.00");
            foreach (string figure in Figures)
            {
                StringAssert.Contains(markdown, $"]({figure})");
                AssertIsAFigure(Path.Combine(output, figure));
            }

            string json = File.ReadAllText(Path.Combine(output, "results.json"));
            StringAssert.Contains(json, "\"trials\"");
            StringAssert.Contains(json, "\"dice\"");
        }

        [TestMethod]
        public void VariantKeysNameEveryDepartureFromThePaper()
        {
            Assert.AreEqual("ours-0.01", new OursVariant(0.01).Key);
            Assert.AreEqual("Ours, lambda = 0.01", new OursVariant(0.01).Title);
            Assert.AreEqual("ours-0.01-no-warmup", new OursVariant(0.01, Warmup: false).Key);
            Assert.AreEqual("ours-0.01-heads-2", new OursVariant(0.01, HeadBlocks: 2).Key);
            Assert.AreEqual("ours-0.1-heldout", new OursVariant(0.1, HeldOut: true).Key);
            var variant = new OursVariant(0, Likelihood: Microsoft.ML.NoisyLabels.Training.AnnotationLikelihood.SharedTruth, Kind: Microsoft.ML.NoisyLabels.Networks.ConfusionMatrixKind.Global);
            Assert.AreEqual("ours-0-global-shared", variant.Key);
            Assert.AreEqual("Ours, lambda = 0, global matrices, shared-truth likelihood", variant.Title);

            // Every row the sample can run has its own key: --methods and the report find rows by it.
            var keys = Methods.All.Concat(Methods.Optional).Select(m => m.Key).ToArray();
            Assert.AreEqual(keys.Length, keys.Distinct().Count());
        }

        [TestMethod]
        public void BadArgumentsPrintTheUsage()
        {
            Assert.AreEqual(2, SampleProgram.Main(new[] { "--profile", "huge" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "--methods", "nonsense" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "--seeds", "0" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "--epochs", "-3" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "report" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "report", "--from", Path.Combine(NewTempFolder(), "absent.json") }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "report", "--from", "results.json", "--seeds", "2" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "plot" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "verified", "--share", "0" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "verified", "--share", "1.5" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "verified", "--methods", "mode" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "ms", "--profile", "huge" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "ms", "--methods", "mean" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "ms", "--annotators", "paper" }));
            Assert.AreEqual(2, SampleProgram.Main(new[] { "ms", "--epochs", "many" }));
            Assert.AreEqual(0, SampleProgram.Main(new[] { "--help" }));
        }

        /// <summary>Asserts that <paramref name="path"/> is a PNG image of a figure: large enough, and not blank.</summary>
        public static void AssertIsAFigure(string path)
        {
            using var bitmap = SKBitmap.Decode(path);
            Assert.IsNotNull(bitmap, path);
            Assert.IsTrue(bitmap.Width >= 400 && bitmap.Height >= 250, $"{path}: {bitmap.Width} x {bitmap.Height}");

            // Dark text and lines: every figure has titles, labels or tick labels.
            Assert.IsTrue(bitmap.Pixels.Count(p => p.Red + p.Green + p.Blue < 200) > 500, $"{path} has too little ink");
        }

        /// <summary>A new empty folder under the system's temporary folder.</summary>
        public static string NewTempFolder()
        {
            string path = Path.Combine(Path.GetTempPath(), "noisylabels-sample-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
