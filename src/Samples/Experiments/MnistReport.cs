using System.Globalization;
using System.Text;
using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>Writes the MNIST experiment's report: results.md, results.json and PNG figures.</summary>
    internal sealed class MnistReport
    {
        private readonly ExperimentProfile _profile;
        private readonly IReadOnlyList<TrialResult> _results;
        private readonly MnistExperimentData _firstSeed;
        private readonly IReadOnlyList<ExperimentMethod> _methods;
        private readonly IReadOnlyList<TrainingLabelQuality.Row> _labelQuality;

        public MnistReport(ExperimentProfile profile, IReadOnlyList<TrialResult> results, MnistExperimentData firstSeed, IReadOnlyList<ExperimentMethod> methods, IReadOnlyList<TrainingLabelQuality.Row> labelQuality)
        {
            _labelQuality = labelQuality;
            _profile = profile;
            _results = results;
            _firstSeed = firstSeed;
            _methods = methods;
        }

        /// <summary>Writes every file into <paramref name="folder"/> and returns the Markdown text.</summary>
        public string Write(string folder, string command, TimeSpan elapsed)
        {
            Directory.CreateDirectory(folder);
            string? bestDense = BestOurs(Regime.Dense);
            string? bestSingle = BestOurs(Regime.SingleLabel);
            var candidates = new (string? File, string Caption)[]
            {
                (ImageGrid(folder, Regime.Dense, bestDense), "Test images, ground truth, the five simulated annotators and each method's prediction (dense labels, seed 1; the paper's Fig. 2)."),
                (ImageGrid(folder, Regime.SingleLabel, bestSingle), "The same with one label per training image."),
                (Matrices(folder, Regime.Dense, bestDense), "Each annotator's confusion matrix averaged over the test images: true, ours (best lambda) and STAPLE's (dense, seed 1; the paper's Fig. 3)."),
                (Matrices(folder, Regime.SingleLabel, bestSingle), "The same with one label per training image."),
                (WarmupCurves(folder), "Disagreement with the annotators' majority per epoch, lambda = 0.01, with and without the identity warm-up (seed 1)."),
                (LossCurves(folder), "Training cross-entropy per epoch of the proposed model for each lambda (dense, seed 1)."),
                (LambdaBars(folder), "Dice against lambda, mean +/- std over seeds."),
            };
            // With --methods some rows are absent; the figures that need them are left out.
            var figures = candidates.Where(f => f.File is not null).Select(f => (File: f.File!, f.Caption)).ToList();

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# MNIST results ({_profile.Name} profile)\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{_profile.TrainImages} training and {_profile.TestImages} test images; five simulated annotators (good, over, under, wrong, blank); ");
            text.Append(CultureInfo.InvariantCulture, $"U-Net width {_profile.Width}, depth {_profile.Depth}; {_profile.Epochs} epochs, batch {_profile.BatchSize}, identity warm-up {_profile.WarmupEpochs} epochs; ");
            text.Append(CultureInfo.InvariantCulture, $"{_profile.Seeds} seeds (network initialisation, batches and simulated annotators). Dice is the foreground Dice on the test images, in %; ");
            text.Append("CM RMSE is SPEC section 7's confusion-matrix error on the test images. The paper's numbers (SPEC section 8) come from another protocol and are ");
            text.Append("given for orientation only.\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Command: `{command}` ({elapsed:h\\:mm\\:ss} on {Environment.ProcessorCount} cores).\n\n");
            text.Append("## Table 1: dense labels (every annotator labels every image)\n\n").Append(Table(Regime.Dense)).Append('\n');
            text.Append("## The training labels against the ground truth\n\n");
            text.Append("Foreground Dice of each set of training labels against the ground truth, on the training images (dense regime), mean over seeds. ");
            text.Append("A CNN trained on labels that already equal the truth is hard to beat: compare each fused label with its CNN in Table 1.\n\n");
            text.Append(LabelQualityTable()).Append('\n');
            text.Append("## Table 2: one label per image\n\n").Append(Table(Regime.SingleLabel)).Append('\n');
            if (Seed1(Regime.Dense, Methods.OursKey(Methods.AblationLambda, warmup: false)) is not null || Seed1(Regime.SingleLabel, Methods.OursKey(Methods.AblationLambda, warmup: false)) is not null)
            {
                text.Append("## Warm-up ablation (lambda = 0.01)\n\n").Append(Ablation()).Append('\n');
            }

            text.Append("## Figures\n\n");
            foreach (var (file, caption) in figures)
            {
                text.Append(CultureInfo.InvariantCulture, $"![{caption}]({file})\n\n{caption}\n\n");
            }

            File.WriteAllText(Path.Combine(folder, "results.md"), text.ToString());
            JsonReport.Write(Path.Combine(folder, "results.json"), new { Profile = _profile, Command = command, ElapsedSeconds = elapsed.TotalSeconds, Summary = Summaries(), TrainingLabels = _labelQuality, Trials = _results });
            return text.ToString();
        }

        private IEnumerable<TrialResult> Of(Regime regime, string method) => _results.Where(r => r.Regime == regime && r.Method == method);

        private TrialResult? Seed1(Regime regime, string method) => Of(regime, method).FirstOrDefault(r => r.Seed == 1);

        private string? BestOurs(Regime regime)
            => Methods.Lambdas.Select(l => Methods.OursKey(l)).Where(k => Of(regime, k).Any())
                .OrderByDescending(k => Of(regime, k).Average(r => r.Dice)).FirstOrDefault();

        private string Table(Regime regime)
        {
            var table = new MarkdownTable("Method", "Dice (%)", "CM RMSE", "Paper: Dice / CM error", "Seconds per run");
            foreach (var method in _methods.Where(m => m.AppliesTo(regime)))
            {
                var runs = Of(regime, method.Key).ToArray();
                var dice = MeanStd.Of(runs.Select(r => 100 * r.Dice));
                var rmse = runs.Any(r => r.ConfusionRmse is not null) ? MeanStd.Of(runs.Select(r => r.ConfusionRmse ?? double.NaN)).Format(4) : "-";
                table.AddRow(method.Title, dice.Format(2), rmse, PaperNumbers.For(regime, method.Key), runs.Average(r => r.Seconds).ToString("F1", CultureInfo.InvariantCulture));
            }

            return table.ToString();
        }

        private string LabelQualityTable()
        {
            var table = new MarkdownTable("Training labels", "Dice against the ground truth (%)");
            foreach (var row in _labelQuality)
            {
                table.AddRow(row.Labels, MeanStd.Of(row.DicePerSeed.Select(d => 100 * d)).Format(2));
            }

            return table.ToString();
        }

        private string Ablation()
        {
            var table = new MarkdownTable("Regime", "Warm-up", "Dice (%)", "CM RMSE", "Runs whose segmentation flipped");
            foreach (var regime in new[] { Regime.Dense, Regime.SingleLabel })
            {
                foreach (bool warmup in new[] { true, false })
                {
                    var runs = Of(regime, Methods.OursKey(Methods.AblationLambda, warmup)).ToArray();
                    if (runs.Length == 0)
                    {
                        continue;
                    }

                    // SPEC section 9's signs of a flip, in the last epoch.
                    int flipped = runs.Count(r => r.History[^1].MeanConfusionDiagonal < 0.5 || r.History[^1].MajorityDisagreement > 0.5);
                    table.AddRow(regime == Regime.Dense ? "dense" : "one label", warmup ? $"{_profile.WarmupEpochs} epochs" : "none",
                        MeanStd.Of(runs.Select(r => 100 * r.Dice)).Format(2), MeanStd.Of(runs.Select(r => r.ConfusionRmse ?? double.NaN)).Format(4), $"{flipped} of {runs.Length}");
                }
            }

            return table.ToString();
        }

        private object Summaries()
            => _methods.SelectMany(m => new[] { Regime.Dense, Regime.SingleLabel }.Where(m.AppliesTo).Select(regime =>
            {
                var runs = Of(regime, m.Key).ToArray();
                return new
                {
                    Method = m.Key,
                    m.Title,
                    Regime = regime.ToString(),
                    Dice = MeanStd.Of(runs.Select(r => r.Dice)),
                    ConfusionRmse = MeanStd.Of(runs.Select(r => r.ConfusionRmse ?? double.NaN)),
                };
            })).ToArray();

        private string? ImageGrid(string folder, Regime regime, string? bestOurs)
        {
            var columns = new List<(string Title, string? Method)> { ("image", null), ("truth", null) };
            columns.AddRange(MnistExperimentData.Annotators.Select(a => (a.ToLowerInvariant(), (string?)null)));
            string[] shown = (regime == Regime.Dense
                ? new[] { "mode", "mean", "staple", "spatial-staple", bestOurs, "oracle" }
                : new[] { "random", "separate", bestOurs, "oracle" }).Where(k => k is not null && Seed1(regime, k) is not null).Select(k => k!).ToArray();
            if (shown.Length == 0)
            {
                return null;
            }

            columns.AddRange(shown.Select(k => (ShortTitle(k), (string?)k)));
            var figure = new ImageGridFigure(28, 28, columns.Select(c => c.Title).ToArray())
            {
                Title = regime == Regime.Dense ? "Dense labels" : "One label per training image",
            };
            for (int n = 0; n < TrialRunner.SampleImages; n++)
            {
                var row = _firstSeed.Test[n];
                var cells = new List<float[]?> { row.Image, row.Mask };
                cells.AddRange(MnistExperimentData.Annotators.Select(a => (float[]?)row.Annotation(a)));
                cells.AddRange(shown.Select(k => Seed1(regime, k)!.SamplePredictions?[n]));
                figure.AddRow(null, cells);
            }

            string file = $"fig2-{Slug(regime)}.png";
            figure.SavePng(Path.Combine(folder, file));
            return file;
        }

        private string? Matrices(string folder, Regime regime, string? bestOurs)
        {
            var sources = (regime == Regime.Dense ? new[] { bestOurs, "staple", "spatial-staple" } : new[] { bestOurs })
                .Where(k => k is not null && Seed1(regime, k)?.MeanConfusion is not null).Select(k => k!).ToArray();
            if (sources.Length == 0)
            {
                return null;
            }

            var figure = new ConfusionMatrixFigure(MnistExperimentData.Annotators.Select(a => a.ToLowerInvariant()).ToArray())
            {
                Title = regime == Regime.Dense ? "Confusion matrices, dense labels" : "Confusion matrices, one label per training image",
            };
            figure.AddSource("true", ConfusionAverages.True(_firstSeed.Test, MnistExperimentData.Annotators));
            foreach (string key in sources)
            {
                figure.AddSource(ShortTitle(key), Seed1(regime, key)!.MeanConfusion!);
            }

            string file = $"fig3-{Slug(regime)}.png";
            figure.SavePng(Path.Combine(folder, file));
            return file;
        }

        private string? WarmupCurves(string folder)
        {
            var chart = new LineChartFigure
            {
                Title = "Warm-up or none, lambda 0.01",
                XTitle = "epoch",
                YTitle = "disagreement with majority",
                ShowMarkers = true,
                YMin = 0,
            };
            foreach (var regime in new[] { Regime.Dense, Regime.SingleLabel })
            {
                foreach (bool warmup in new[] { true, false })
                {
                    var history = Seed1(regime, Methods.OursKey(Methods.AblationLambda, warmup))?.History;
                    if (history is null)
                    {
                        continue;
                    }

                    chart.Add($"{(regime == Regime.Dense ? "dense" : "one label")}, {(warmup ? "warm-up" : "no warm-up")}",
                        history.Select(h => (double)h.Epoch).ToArray(), history.Select(h => h.MajorityDisagreement).ToArray());
                }
            }

            if (chart.Series.Count == 0)
            {
                return null;
            }

            const string File = "curves-warmup.png";
            chart.SavePng(Path.Combine(folder, File));
            return File;
        }

        private string? LossCurves(string folder)
        {
            var chart = new LineChartFigure { Title = "Training cross-entropy (dense)", XTitle = "epoch", YTitle = "cross-entropy per image", ShowMarkers = true };
            foreach (double lambda in Methods.Lambdas)
            {
                var history = Seed1(Regime.Dense, Methods.OursKey(lambda))?.History;
                if (history is null)
                {
                    continue;
                }

                chart.Add(FormattableString.Invariant($"lambda {lambda}"), history.Select(h => (double)h.Epoch).ToArray(), history.Select(h => h.CrossEntropy).ToArray());
            }

            if (chart.Series.Count == 0)
            {
                return null;
            }

            const string File = "curves-loss.png";
            chart.SavePng(Path.Combine(folder, File));
            return File;
        }

        private string? LambdaBars(string folder)
        {
            var lambdas = Methods.Lambdas.Where(l => Of(Regime.Dense, Methods.OursKey(l)).Any() && Of(Regime.SingleLabel, Methods.OursKey(l)).Any()).ToArray();
            if (lambdas.Length == 0)
            {
                return null;
            }

            var chart = new BarChartFigure(lambdas.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray())
            {
                Title = "Dice of the proposed model against lambda",
                XTitle = "lambda",
                YTitle = "Dice (%)",
                ValueDecimals = 1,
            };
            foreach (var regime in new[] { Regime.Dense, Regime.SingleLabel })
            {
                chart.Add(regime == Regime.Dense ? "dense" : "one label",
                    lambdas.Select(l => MeanStd.Of(Of(regime, Methods.OursKey(l)).Select(r => 100 * r.Dice))).ToArray());
            }

            const string File = "lambda.png";
            chart.SavePng(Path.Combine(folder, File));
            return File;
        }

        private static string ShortTitle(string key) => key switch
        {
            "mode" => "mode CNN",
            "mean" => "mean CNN",
            "random" => "naive CNN",
            "separate" => "separate CNNs",
            "staple" => "STAPLE",
            "spatial-staple" => "Spatial STAPLE",
            "oracle" => "oracle",
            "truth" => "truth CNN",
            _ => key.Replace("ours-", "ours lambda ", StringComparison.Ordinal),
        };

        private static string Slug(Regime regime) => regime == Regime.Dense ? "dense" : "single-label";
    }
}
