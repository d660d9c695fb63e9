using System.Globalization;
using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>
    /// The MNIST report's figures, from the trials' results and the first seed's test data: the paper's Fig. 2 and
    /// Fig. 3 for both regimes, the warm-up and loss curves, and Dice against lambda. A figure whose rows were not run
    /// (see <c>--methods</c>) is left out.
    /// </summary>
    internal sealed class MnistFigures
    {
        private readonly IReadOnlyList<TrialResult> _results;
        private readonly MnistExperimentData _firstSeed;

        public MnistFigures(IReadOnlyList<TrialResult> results, MnistExperimentData firstSeed)
        {
            _results = results;
            _firstSeed = firstSeed;
        }

        /// <summary>Writes every figure the results allow into <paramref name="folder"/>: their file names and captions, in report order.</summary>
        public IReadOnlyList<(string File, string Caption)> Write(string folder)
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
            return candidates.Where(f => f.File is not null).Select(f => (f.File!, f.Caption)).ToArray();
        }

        private string? BestOurs(Regime regime)
            => Methods.Lambdas.Select(l => Methods.OursKey(l)).Where(k => _results.Of(regime, k).Any())
                .OrderByDescending(k => _results.Of(regime, k).Average(r => r.Dice)).FirstOrDefault();

        private string? ImageGrid(string folder, Regime regime, string? bestOurs)
        {
            string[] shown = (regime == Regime.Dense
                ? new[] { "mode", "mean", "staple", "spatial-staple", bestOurs, "oracle" }
                : new[] { "random", "separate", bestOurs, "oracle" }).Where(k => k is not null && _results.Seed1(regime, k) is not null).Select(k => k!).ToArray();
            if (shown.Length == 0)
            {
                return null;
            }

            var columns = new List<string> { "image", "truth" };
            columns.AddRange(MnistExperimentData.Annotators.Select(a => a.ToLowerInvariant()));
            columns.AddRange(shown.Select(ShortTitle));
            var figure = new ImageGridFigure(28, 28, columns)
            {
                Title = regime == Regime.Dense ? "Dense labels" : "One label per training image",
            };
            figure.AddGroup("annotators", 2, MnistExperimentData.Annotators.Length)
                .AddGroup("predictions", 2 + MnistExperimentData.Annotators.Length, shown.Length);
            for (int n = 0; n < TrialRunner.SampleImages; n++)
            {
                var row = _firstSeed.Test[n];
                var cells = new List<float[]?> { row.Image, row.Mask };
                cells.AddRange(MnistExperimentData.Annotators.Select(a => (float[]?)row.Annotation(a)));
                cells.AddRange(shown.Select(k => _results.Seed1(regime, k)!.SamplePredictions?[n]));
                figure.AddRow(null, cells);
            }

            return Save(figure, folder, $"fig2-{Slug(regime)}.png");
        }

        private string? Matrices(string folder, Regime regime, string? bestOurs)
        {
            var sources = (regime == Regime.Dense ? new[] { bestOurs, "staple", "spatial-staple" } : new[] { bestOurs })
                .Where(k => k is not null && _results.Seed1(regime, k)?.MeanConfusion is not null).Select(k => k!).ToArray();
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
                figure.AddSource(ShortTitle(key), _results.Seed1(regime, key)!.MeanConfusion!);
            }

            return Save(figure, folder, $"fig3-{Slug(regime)}.png");
        }

        private string? WarmupCurves(string folder)
        {
            var chart = new LineChartFigure
            {
                Title = FormattableString.Invariant($"Identity warm-up or none, λ = {Methods.AblationLambda}"),
                XTitle = "epoch",
                YTitle = "disagreement with the majority",
                ShowMarkers = true,
                YMin = 0,
            };
            foreach (var regime in new[] { Regime.Dense, Regime.SingleLabel })
            {
                foreach (bool warmup in new[] { true, false })
                {
                    var history = _results.Seed1(regime, Methods.OursKey(Methods.AblationLambda, warmup))?.History;
                    if (history is not null)
                    {
                        chart.Add($"{(regime == Regime.Dense ? "dense" : "one label")}, {(warmup ? "warm-up" : "no warm-up")}",
                            history.Select(h => (double)h.Epoch).ToArray(), history.Select(h => h.MajorityDisagreement).ToArray());
                    }
                }
            }

            return chart.Series.Count == 0 ? null : Save(chart, folder, "curves-warmup.png");
        }

        private string? LossCurves(string folder)
        {
            var chart = new LineChartFigure { Title = "Training cross-entropy (dense labels)", XTitle = "epoch", YTitle = "cross-entropy per image", ShowMarkers = true };
            foreach (double lambda in Methods.Lambdas)
            {
                var history = _results.Seed1(Regime.Dense, Methods.OursKey(lambda))?.History;
                if (history is not null)
                {
                    chart.Add(FormattableString.Invariant($"λ = {lambda}"), history.Select(h => (double)h.Epoch).ToArray(), history.Select(h => h.CrossEntropy).ToArray());
                }
            }

            return chart.Series.Count == 0 ? null : Save(chart, folder, "curves-loss.png");
        }

        private string? LambdaBars(string folder)
        {
            var lambdas = Methods.Lambdas.Where(l => _results.Of(Regime.Dense, Methods.OursKey(l)).Any() && _results.Of(Regime.SingleLabel, Methods.OursKey(l)).Any()).ToArray();
            if (lambdas.Length == 0)
            {
                return null;
            }

            var chart = new BarChartFigure(lambdas.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray())
            {
                Title = "Dice of the proposed model against λ",
                XTitle = "λ",
                YTitle = "Dice (%), mean ± std over seeds",
                ValueDecimals = 1,
            };
            foreach (var regime in new[] { Regime.Dense, Regime.SingleLabel })
            {
                chart.Add(regime == Regime.Dense ? "dense" : "one label",
                    lambdas.Select(l => MeanStd.Of(_results.Of(regime, Methods.OursKey(l)).Select(r => 100 * r.Dice))).ToArray());
            }

            return Save(chart, folder, "lambda.png");
        }

        private static string Save(IFigure figure, string folder, string file)
        {
            figure.SavePng(Path.Combine(folder, file));
            return file;
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
            _ => key.Replace("ours-", "ours λ=", StringComparison.Ordinal),
        };

        private static string Slug(Regime regime) => regime == Regime.Dense ? "dense" : "single-label";
    }
}
