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
            var figures = new MnistFigures(_results, _firstSeed).Write(folder);

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# MNIST results ({_profile.Name} profile, {_profile.Annotators} annotators)\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{_profile.TrainImages} training and {_profile.TestImages} test images; five simulated annotators (good, over, under, wrong, blank; set '{_profile.Annotators}'); ");
            text.Append(CultureInfo.InvariantCulture, $"U-Net width {_profile.Width}, depth {_profile.Depth}; {_profile.Epochs} epochs, batch {_profile.BatchSize}, identity warm-up {_profile.WarmupEpochs} epochs; ");
            text.Append(CultureInfo.InvariantCulture, $"{_profile.Seeds} seeds (network initialisation, batches and simulated annotators). Dice is the foreground Dice on the test images, in %; ");
            text.Append("CM RMSE is the confusion-matrix error of docs/METHOD.md (section 7) on the test images. The paper's numbers (docs/METHOD.md, section 8) come from another protocol and are ");
            text.Append("given for orientation only.\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Command: `{command}` ({elapsed:h\\:mm\\:ss} on {Environment.ProcessorCount} cores).\n\n");
            text.Append("## Table 1: dense labels (every annotator labels every image)\n\n").Append(Table(Regime.Dense)).Append('\n');
            text.Append("## The training labels against the ground truth\n\n");
            text.Append("Foreground Dice of each set of training labels against the ground truth, on the training images (dense regime), mean over seeds. ");
            text.Append("A CNN trained on labels that already equal the truth is hard to beat: compare each fused label with its CNN in Table 1.\n\n");
            text.Append(LabelQualityTable()).Append('\n');
            if (_profile.TrainedRegimes.Contains(Regime.SingleLabel))
            {
                text.Append("## Table 2: one label per image\n\n").Append(Table(Regime.SingleLabel)).Append('\n');
            }

            if (_profile.TrainedRegimes.Contains(Regime.Partial))
            {
                text.Append(CultureInfo.InvariantCulture, $"## Table 3: partly labelled ({100 * RegimeNames.PartialRemoval:F0}% of the annotations removed, at least one kept per image)\n\n")
                    .Append(Table(Regime.Partial)).Append('\n');
            }

            if (_results.Seed1(Regime.Dense, Methods.OursKey(Methods.AblationLambda, warmup: false)) is not null || _results.Seed1(Regime.SingleLabel, Methods.OursKey(Methods.AblationLambda, warmup: false)) is not null)
            {
                text.Append("## Warm-up ablation (lambda = 0.01)\n\n").Append(Ablation()).Append('\n');
            }

            if (_results.Any(r => r.History.Any(h => h.ValidationDice is not null)))
            {
                text.Append("## Last epoch against best epoch (--epoch-dice)\n\n");
                text.Append(CultureInfo.InvariantCulture, $"Foreground Dice (%) on the first {_profile.EpochDiceImages} test images after every epoch, training unchanged; the model reported is the last epoch's. ");
                text.Append("A run counts as flipped when its last epoch scores below 50%.\n\n");
                text.Append(EpochDiceTable()).Append('\n');
            }

            text.Append("## Figures\n\n");
            foreach (var (file, caption) in figures)
            {
                text.Append(CultureInfo.InvariantCulture, $"![{caption}]({file})\n\n{caption}\n\n");
            }

            File.WriteAllText(Path.Combine(folder, "results.md"), text.ToString());
            JsonReport.Write(Path.Combine(folder, "results.json"), new MnistResults(_profile, command, elapsed.TotalSeconds, Summaries(), _labelQuality, _results));
            return text.ToString();
        }

        private string Table(Regime regime)
        {
            var table = new MarkdownTable("Method", "Dice (%)", "CM RMSE", "Paper: Dice / CM error", "Seconds per run");
            foreach (var method in _methods.Where(m => m.AppliesTo(regime)))
            {
                var runs = _results.Of(regime, method.Key).ToArray();
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
                    var runs = _results.Of(regime, Methods.OursKey(Methods.AblationLambda, warmup)).ToArray();
                    if (runs.Length == 0)
                    {
                        continue;
                    }

                    // The signs of a flip (docs/METHOD.md, section 2), in the last epoch.
                    int flipped = runs.Count(r => r.History[^1].MeanConfusionDiagonal < 0.5 || r.History[^1].MajorityDisagreement > 0.5);
                    table.AddRow(RegimeNames.Label(regime), warmup ? $"{_profile.WarmupEpochs} epochs" : "none",
                        MeanStd.Of(runs.Select(r => 100 * r.Dice)).Format(2), MeanStd.Of(runs.Select(r => r.ConfusionRmse ?? double.NaN)).Format(4), $"{flipped} of {runs.Length}");
                }
            }

            return table.ToString();
        }

        private string EpochDiceTable()
        {
            var table = new MarkdownTable("Method", "Regime", "Last epoch, per seed", "Best epoch, per seed (epoch)", "Largest drop (points)", "Runs within 1 point of their best", "Runs flipped (last epoch below 50%)");
            foreach (var regime in _profile.TrainedRegimes)
            {
                foreach (var method in _methods.Where(m => m.AppliesTo(regime)))
                {
                    var runs = _results.Of(regime, method.Key).Where(r => r.History.Any(h => h.ValidationDice is not null)).OrderBy(r => r.Seed).ToArray();
                    if (runs.Length == 0)
                    {
                        continue;
                    }

                    var last = runs.Select(r => 100 * r.History[^1].ValidationDice!.Value).ToArray();
                    var best = runs.Select(r => r.History.Where(h => h.ValidationDice is not null).MaxBy(h => h.ValidationDice!.Value)!).ToArray();
                    var drops = last.Select((d, i) => (100 * best[i].ValidationDice!.Value) - d).ToArray();
                    int flipped = last.Count(d => d < 50);
                    table.AddRow(method.Title, RegimeNames.Label(regime),
                        string.Join(", ", last.Select(d => d.ToString("F2", CultureInfo.InvariantCulture))),
                        string.Join(", ", best.Select(b => string.Create(CultureInfo.InvariantCulture, $"{100 * b.ValidationDice!.Value:F2} ({b.Epoch})"))),
                        drops.Max().ToString("F2", CultureInfo.InvariantCulture),
                        $"{drops.Count(d => d <= 1)} of {runs.Length}",
                        $"{flipped} of {runs.Length}");
                }
            }

            return table.ToString();
        }

        private MethodSummary[] Summaries()
            => _methods.SelectMany(m => _profile.TrainedRegimes.Where(m.AppliesTo).Select(regime =>
            {
                var runs = _results.Of(regime, m.Key).ToArray();
                return new MethodSummary(m.Key, m.Title, regime, MeanStd.Of(runs.Select(r => r.Dice)), MeanStd.Of(runs.Select(r => r.ConfusionRmse ?? double.NaN)));
            })).ToArray();
    }
}
