using Microsoft.ML.NoisyLabels.Samples.Experiments;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SkiaSharp;
using SampleProgram = Microsoft.ML.NoisyLabels.Samples.Program;

namespace Microsoft.ML.NoisyLabels.Samples.Tests
{
    /// <summary>
    /// The report and <c>report --from</c> on made-up results (no training): every figure is drawn, and redrawing
    /// from results.json alone gives the same PNG bytes, because the first seed's data is simulated again exactly.
    /// </summary>
    [TestClass]
    public class ReportRedrawTests
    {
        [TestMethod]
        public void FiguresRedrawnFromResultsJsonAreTheSameBytes()
        {
            var profile = ExperimentProfile.Smoke with { Seeds = 1 };
            var firstSeed = MnistExperimentData.Create(Path.Combine(AppContext.BaseDirectory, "data", "mnist"), profile, seed: 1);
            var results = MadeUpResults(firstSeed);
            var labelQuality = new[] { new TrainingLabelQuality.Row("Annotator 'good'", new[] { 1.0 }) };
            string output = SampleAppTests.NewTempFolder();
            new MnistReport(profile, results, firstSeed, Methods.All, labelQuality).Write(output, "made up", TimeSpan.FromSeconds(1));

            string redrawn = SampleAppTests.NewTempFolder();
            Assert.AreEqual(0, SampleProgram.Main(new[] { "report", "--from", Path.Combine(output, "results.json"), "--output", redrawn }));
            string markdown = File.ReadAllText(Path.Combine(output, "results.md"));
            foreach (string figure in SampleAppTests.Figures)
            {
                StringAssert.Contains(markdown, $"]({figure})");
                SampleAppTests.AssertIsAFigure(Path.Combine(output, figure));
                CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(output, figure)), File.ReadAllBytes(Path.Combine(redrawn, figure)), figure);
            }

            Assert.IsFalse(File.Exists(Path.Combine(redrawn, "results.md")), "report redraws the figures only");
        }

        // One seed-1 trial for every row of the tables, with the fields the report reads: Dice, confusion estimates
        // for the methods that make them, a short history and the sample predictions (the ground truth, here).
        private static List<TrialResult> MadeUpResults(MnistExperimentData data)
        {
            var random = new Random(7);
            var results = new List<TrialResult>();
            foreach (var method in Methods.All)
            {
                foreach (var regime in new[] { Regime.Dense, Regime.SingleLabel }.Where(method.AppliesTo))
                {
                    bool confusion = method.Key.StartsWith("ours", StringComparison.Ordinal) || method.Key is "staple" or "spatial-staple" or "oracle";
                    results.Add(new TrialResult
                    {
                        Method = method.Key,
                        Title = method.Title,
                        Regime = regime,
                        Seed = 1,
                        Dice = 0.5 + (0.5 * random.NextDouble()),
                        ConfusionRmse = confusion ? random.NextDouble() / 4 : null,
                        MeanConfusion = confusion ? MnistExperimentData.Annotators.Select(_ => new[] { 0.9, 0.2, 0.1, 0.8 }).ToArray() : null,
                        Seconds = 1,
                        History = Enumerable.Range(1, 3).Select(e => new EpochRecord(e, "Joint", 1.0 / e, 1.0 / e, 0, 0.9, random.NextDouble() / 5, 100)).ToArray(),
                        SamplePredictions = data.Test.Take(TrialRunner.SampleImages).Select(r => r.Mask).ToArray(),
                    });
                }
            }

            return results;
        }
    }
}
