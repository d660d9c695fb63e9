using System.Globalization;
using System.Text;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>Writes the MS experiment's report: results.md, results.json and slice figures.</summary>
    internal sealed class MsReport
    {
        // The paper's MS rows (dense labels, lesion Dice %): docs/METHOD.md, section 8.
        private static readonly Dictionary<string, string> s_paper = new()
        {
            ["staple"] = "55.05",
            ["spatial-staple"] = "58.37",
            ["oracle"] = "78.86",
        };

        private readonly MsExperimentProfile _profile;
        private readonly MsExperiment _experiment;
        private readonly IReadOnlyList<MsTrialResult> _results;
        private readonly IReadOnlyList<ExperimentMethod> _methods;
        private readonly IReadOnlyList<Regime> _regimes;

        public MsReport(MsExperimentProfile profile, MsExperiment experiment, IReadOnlyList<MsTrialResult> results, IReadOnlyList<ExperimentMethod> methods, IReadOnlyList<Regime> regimes)
        {
            _profile = profile;
            _experiment = experiment;
            _results = results;
            _methods = methods;
            _regimes = regimes;
        }

        /// <summary>Writes every file into <paramref name="folder"/> and returns the Markdown text.</summary>
        public string Write(string folder, string command, TimeSpan elapsed, int seed)
        {
            var text = new StringBuilder();
            var p = _profile;
            text.Append(CultureInfo.InvariantCulture, $"# MS lesions, semi-synthetic ({p.Name} profile)\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{p.TrainSubjects} training and {p.TestSubjects} test subjects generated from the Colin27 T1 and the JHU white-matter atlas (data/mri), ");
            text.Append("each with a random smooth deformation, bias field, contrast change and noise, a FLAIR-like channel, and MS-like lesions (ground truth); ");
            text.Append("five simulated raters per subject (good, over, under, wrong, blank, with missed small lesions and merged neighbours). ");
            text.Append(CultureInfo.InvariantCulture, $"Every method trains on {p.PatchesPerVolume} axial {p.PatchSize}x{p.PatchSize} patches per training volume (T1 + FLAIR; half centred on a voxel some rater marks) ");
            text.Append(CultureInfo.InvariantCulture, $"with a U-Net of width {p.Training.Width} and depth {p.Training.Depth}, {p.Training.Epochs} epochs, batch {p.Training.BatchSize}, identity warm-up {p.Training.WarmupEpochs} epochs, seed {seed}; ");
            text.Append("the whole test volumes are then segmented with sliding windows of the patch size (50% overlap, Gaussian blending) through the saved ONNX graph. ");
            text.Append("Dice is the lesion Dice per test volume, averaged, in %; lesions are 26-connected components, a truth lesion is found when the prediction overlaps it, ");
            text.Append("a predicted lesion is false when it overlaps no truth lesion; CM RMSE is the confusion-matrix error on the test volumes (docs/METHOD.md, section 7). ");
            text.Append("One seed: differences of a point or two are within the noise. The paper's MS figures come from real scans and another protocol: orientation only.\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Command: `{command}` ({elapsed:h\\:mm\\:ss} on {Environment.ProcessorCount} cores).\n\n");
            text.Append("## The training labels against the ground truth\n\n").Append(LabelTable()).Append('\n');
            text.Append("## Table 1: dense labels (every rater labels every volume)\n\n").Append(Table(Regime.Dense)).Append('\n');
            if (_regimes.Contains(Regime.SingleLabel))
            {
                text.Append("## Table 2: one rater per training volume\n\n").Append(Table(Regime.SingleLabel)).Append('\n');
            }

            text.Append("## Figures\n\n");
            foreach (var (file, caption) in Figures(folder))
            {
                text.Append(CultureInfo.InvariantCulture, $"![{caption}]({file})\n\n{caption}\n\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"NIfTI outputs: every method's predicted mask of every test volume is in its case folder under {Path.GetRelativePath(folder, _experiment.TestFolder)}/ (pred-<regime>-<method>.nii.gz, uint8, the scans' header), beside the scans, the truth and the raters.\n");
            File.WriteAllText(Path.Combine(folder, "results.md"), text.ToString());
            JsonReport.Write(Path.Combine(folder, "results.json"), new MsResults(_profile, command, elapsed.TotalSeconds, seed, _experiment.LabelQuality, _results));
            return text.ToString();
        }

        private string LabelTable()
        {
            var table = new MarkdownTable("Training labels", "Lesion Dice (%)", "Lesion sensitivity", "Lesion precision");
            foreach (var row in _experiment.LabelQuality)
            {
                table.AddRow(row.Labels, Percent(row.Dice), Fraction(row.LesionSensitivity), Fraction(row.LesionPrecision));
            }

            return table.ToString();
        }

        private string Table(Regime regime)
        {
            var table = new MarkdownTable("Method", "Lesion Dice (%)", "Lesions found", "False lesions", "Lesion F1", "CM RMSE", "Paper (MS, dense)", "Training s", "Inference s / volume");
            foreach (var method in _methods.Where(m => m.AppliesTo(regime)))
            {
                var r = _results.FirstOrDefault(t => t.Regime == regime && t.Method == method.Key);
                if (r is null)
                {
                    continue;
                }

                string paper = regime == Regime.Dense ? s_paper.GetValueOrDefault(method.Key, method.Key.StartsWith("ours", StringComparison.Ordinal) ? "67.58 (ours)" : "-") : "-";
                table.AddRow(method.Title, Percent(r.Dice), $"{r.TruePositiveLesions} of {r.TruthLesions}", r.FalsePositiveLesions.ToString(CultureInfo.InvariantCulture), Fraction(r.LesionF1),
                    r.ConfusionRmse is double e ? e.ToString("F4", CultureInfo.InvariantCulture) : "-", paper,
                    r.TrainingSeconds.ToString("F0", CultureInfo.InvariantCulture), r.SecondsPerVolume.ToString("F2", CultureInfo.InvariantCulture));
            }

            return table.ToString();
        }

        // The first test case's three slices with the most lesion: the raters, then each regime's methods.
        private IEnumerable<(string File, string Caption)> Figures(string folder)
        {
            string caseFolder = Directory.GetDirectories(_experiment.TestFolder).Order(StringComparer.Ordinal).First();
            MsFigures.Case(caseFolder).SavePng(Path.Combine(folder, "raters.png"));
            yield return ("raters.png", $"{Path.GetFileName(caseFolder)} (a test subject): FLAIR, the ground truth and the five simulated raters, on the three axial slices with the most lesion.");

            var flairVolume = NiftiFile.Read(Path.Combine(caseFolder, MsDataset.FlairFileName));
            var dims = flairVolume.Header.Shape;
            var shape = new VolumeShape(dims[2], dims[1], dims[0]);
            var flair = flairVolume.ToSingleArray();
            var truth = NiftiFile.Read(Path.Combine(caseFolder, MsDataset.TruthFileName)).ToSingleArray();
            var slices = MsFigures.LesionSlices(truth, shape, 3);
            foreach (var regime in _regimes)
            {
                var panels = new List<(string, float[]?)> { ("ground truth", truth) };
                foreach (var method in _methods.Where(m => m.AppliesTo(regime)))
                {
                    if (_experiment.FirstCasePredictions.TryGetValue((regime, method.Key), out var mask))
                    {
                        panels.Add((method.Key == "truth" ? "CNN on truth" : method.Key, mask));
                    }
                }

                string file = $"predictions-{RegimeNames.Key(regime)}.png";
                MsFigures.Slices(flair, shape, panels, slices, $"{RegimeNames.Label(regime)}: each method's segmentation of {Path.GetFileName(caseFolder)}").SavePng(Path.Combine(folder, file));
                yield return (file, $"{RegimeNames.Label(regime)}: the ground truth and each method's segmentation of the same slices (contours over the FLAIR).");

                var estimates = _results.Where(r => r.Regime == regime && r.MeanConfusion is not null).ToArray();
                if (estimates.Length > 0)
                {
                    var matrices = new ConfusionMatrixFigure(MnistExperimentData.Annotators.Select(a => a.ToLowerInvariant()).ToArray())
                    {
                        Title = $"Confusion matrices on the test volumes, {RegimeNames.Label(regime)}",
                    };
                    matrices.AddSource("true", _experiment.TrueConfusion);
                    foreach (var r in estimates)
                    {
                        matrices.AddSource(r.Method, r.MeanConfusion!);
                    }

                    string cmFile = $"confusion-{RegimeNames.Key(regime)}.png";
                    matrices.SavePng(Path.Combine(folder, cmFile));
                    yield return (cmFile, $"{RegimeNames.Label(regime)}: each rater's confusion matrix, true and estimated, averaged over the test volumes as the CM RMSE averages them (column j over the voxels whose truth is j).");
                }
            }
        }

        private static string Percent(double value) => (100 * value).ToString("F2", CultureInfo.InvariantCulture);

        private static string Fraction(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
    }
}
