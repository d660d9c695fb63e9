using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Verified
{
    /// <summary>
    /// Where the majority over-segments: the over-segmenting-majority annotators on MNIST, with a verified mask on a few
    /// training images (2% by default). Trains every row of <see cref="VerifiedMethods"/> for every seed, several at a
    /// time with one libtorch thread each, and writes results.md and results.json.
    /// </summary>
    internal sealed class VerifiedExperiment
    {
        private readonly ExperimentProfile _profile;
        private readonly string _mnistFolder;
        private readonly double _share;
        private readonly int _workers;

        public VerifiedExperiment(ExperimentProfile profile, string mnistFolder, double verifiedShare, int workers)
        {
            _profile = profile;
            _mnistFolder = mnistFolder;
            _share = verifiedShare;
            _workers = workers;
        }

        /// <summary>Runs the experiment and writes its report into <paramref name="folder"/>; returns the Markdown.</summary>
        public string Run(string folder, string command)
        {
            var clock = Stopwatch.StartNew();
            var data = new Dictionary<int, VerifiedData>();
            var majority = new List<double>();
            for (int seed = 1; seed <= _profile.Seeds; seed++)
            {
                Console.WriteLine($"Simulating the annotators for seed {seed}...");
                data[seed] = VerifiedData.Create(_mnistFolder, _profile, _share, seed);
                majority.Add(MajorityDice(data[seed]));
            }

            var methods = VerifiedMethods.All;
            var trials = data.Keys.SelectMany(seed => methods.Select(m => (Seed: seed, Method: m))).ToArray();
            var results = new TrialResult[trials.Length];
            var progress = new ProgressBar(trials.Length);
            Parallel.For(0, trials.Length, new ParallelOptions { MaxDegreeOfParallelism = _workers }, i =>
            {
                if (_workers > 1)
                {
                    TorchSharp.torch.set_num_threads(1);
                }

                var (seed, method) = trials[i];
                results[i] = RunTrial(method, data[seed], seed);
                var r = results[i];
                string cm = r.ConfusionRmse is double e ? string.Format(CultureInfo.InvariantCulture, ", CM RMSE {0:F4}", e) : string.Empty;
                progress.Step(string.Format(CultureInfo.InvariantCulture, "{0}, seed {1}: Dice {2:F4}{3} ({4:F0} s)", method.Title, seed, r.Dice, cm, r.Seconds));
            });

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# Where the majority over-segments: verified masks on {100 * _share:0.#}% of the training images ({_profile.Name} profile)\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{_profile.TrainImages} training and {_profile.TestImages} test MNIST images; the over-segmenting-majority annotators (Good, Under, Over, OverThick, OverFractured: three of five thicken the strokes); ");
            text.Append(CultureInfo.InvariantCulture, $"the truth as a verified mask on a seeded {100 * _share:0.#}% of the training images. U-Net width {_profile.Width}, depth {_profile.Depth}; {_profile.Epochs} epochs, batch {_profile.BatchSize}, warm-up {_profile.WarmupEpochs} epochs; ");
            text.Append(CultureInfo.InvariantCulture, $"{_profile.Seeds} seeds (annotators, verified images, networks). Dice: foreground Dice on the test images, %, mean ± standard deviation over seeds. ");
            text.Append("The CNN on the verified images alone takes as many optimisation steps as the others (its epochs are scaled up).\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Command: `{command}` ({clock.Elapsed:h\\:mm\\:ss} on {Environment.ProcessorCount} cores).\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Majority-vote labels against the truth on the training images: Dice {MeanStd.Of(majority.Select(d => 100 * d)).Format(2)} %.\n\n");
            var table = new MarkdownTable("Method", "Dice (%)", "CM RMSE", "Dice per seed", "Seconds per run");
            foreach (var method in methods)
            {
                var runs = results.Where(r => r.Method == method.Key).OrderBy(r => r.Seed).ToArray();
                table.AddRow(method.Title, MeanStd.Of(runs.Select(r => 100 * r.Dice)).Format(2),
                    runs.Any(r => r.ConfusionRmse is not null) ? MeanStd.Of(runs.Select(r => r.ConfusionRmse ?? double.NaN)).Format(4) : "-",
                    string.Join(", ", runs.Select(r => (100 * r.Dice).ToString("F2", CultureInfo.InvariantCulture))),
                    runs.Average(r => r.Seconds).ToString("F1", CultureInfo.InvariantCulture));
            }

            text.Append(table.ToString());
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "results.md"), text.ToString());
            JsonReport.Write(Path.Combine(folder, "results.json"), new { Profile = _profile, VerifiedShare = _share, Command = command, ElapsedSeconds = clock.Elapsed.TotalSeconds, MajorityDice = majority, Trials = results });
            return text.ToString();
        }

        private TrialResult RunTrial(ExperimentMethod method, VerifiedData data, int seed)
        {
            var ml = new MLContext(seed);
            var test = VerifiedData.View(ml, data.Test);
            var context = new TrialContext(ml, VerifiedData.View(ml, data.Train), test, _profile, seed, Regime.Dense, VerifiedData.Annotators);
            var clock = Stopwatch.StartNew();
            var fitted = method.Fit(context);
            double seconds = clock.Elapsed.TotalSeconds;
            var evaluation = ml.NoisyLabels().Evaluation;
            double dice = evaluation.EvaluateSegmentation(fitted.Model.Transform(test), "Mask", "PredictedLabel").Dice;
            double? rmse = fitted.ConfusionEstimate is IDataView estimate && fitted.ConfusionColumn is string column
                ? evaluation.EvaluateConfusionMatrices(estimate, context.Annotators, "Mask", column).RootMeanSquaredError
                : null;
            return new TrialResult
            {
                Method = method.Key,
                Title = method.Title,
                Regime = Regime.Dense,
                Seed = seed,
                Dice = dice,
                ConfusionRmse = rmse,
                Seconds = seconds,
                History = fitted.Histories[0].Select(EpochRecord.From).ToArray(),
            };
        }

        // The majority-vote labels' Dice against the truth on the training images.
        private static double MajorityDice(VerifiedData data)
        {
            var ml = new MLContext(1);
            var train = VerifiedData.View(ml, data.Train);
            var fused = ml.NoisyLabels().Transforms.MajorityVote("Majority", VerifiedData.Annotators).Fit(train).Transform(train);
            return ml.NoisyLabels().Evaluation.EvaluateSegmentation(fused, "Mask", "Majority").Dice;
        }
    }
}
