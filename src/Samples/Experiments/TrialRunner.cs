using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>
    /// Runs every (seed, regime, method) trial of the MNIST experiment, several at a time, each with one TorchSharp
    /// thread: on a small CPU, independent trials side by side use the cores better than one trial with several threads.
    /// </summary>
    internal sealed class TrialRunner
    {
        /// <summary>Test images whose predictions the figures show.</summary>
        public const int SampleImages = 6;

        private readonly ExperimentProfile _profile;
        private readonly string _mnistFolder;
        private readonly int _workers;

        public TrialRunner(ExperimentProfile profile, string mnistFolder, int workers)
        {
            _profile = profile;
            _mnistFolder = mnistFolder;
            _workers = workers;
        }

        /// <summary>The data of each seed (kept for the figures).</summary>
        public Dictionary<int, MnistExperimentData> Data { get; } = new Dictionary<int, MnistExperimentData>();

        public IReadOnlyList<TrialResult> Run(IReadOnlyList<ExperimentMethod> methods)
        {
            var trials = new List<(int Seed, Regime Regime, ExperimentMethod Method)>();
            for (int seed = 1; seed <= _profile.Seeds; seed++)
            {
                Console.WriteLine($"Simulating annotators for seed {seed} ({_profile.TrainImages} training and {_profile.TestImages} test images)...");
                Data[seed] = MnistExperimentData.Create(_mnistFolder, _profile, seed);
                foreach (var regime in _profile.TrainedRegimes)
                {
                    trials.AddRange(methods.Where(m => m.AppliesTo(regime)).Select(m => (seed, regime, m)));
                }
            }

            var progress = new ProgressBar(trials.Count);
            var results = new TrialResult[trials.Count];
            Parallel.For(0, trials.Count, new ParallelOptions { MaxDegreeOfParallelism = _workers }, i =>
            {
                // Trials side by side share the cores: one libtorch thread each. libtorch's thread count belongs to
                // the thread (OpenMP's), so it is set on the worker thread that trains; a single worker keeps
                // libtorch's own choice.
                if (_workers > 1)
                {
                    TorchSharp.torch.set_num_threads(1);
                }

                var (seed, regime, method) = trials[i];
                results[i] = RunTrial(method, regime, seed);
                var result = results[i];
                string cm = result.ConfusionRmse is double rmse ? string.Format(CultureInfo.InvariantCulture, ", CM RMSE {0:F4}", rmse) : string.Empty;
                progress.Step(string.Format(CultureInfo.InvariantCulture, "{0}, {1}, seed {2}: Dice {3:F4}{4} ({5:F0} s)", regime, method.Title, seed, result.Dice, cm, result.Seconds));
            });
            return results;
        }

        private TrialResult RunTrial(ExperimentMethod method, Regime regime, int seed)
        {
            var data = Data[seed];
            var ml = new MLContext(seed);
            var test = MnistExperimentData.View(ml, data.Test);
            var context = new TrialContext(ml, MnistExperimentData.View(ml, data.Training(regime)), test, _profile, seed, regime);
            var clock = Stopwatch.StartNew();
            var fitted = method.Fit(context);
            double seconds = clock.Elapsed.TotalSeconds;

            var scored = fitted.Model.Transform(test);
            var dice = ml.NoisyLabels().Evaluation.EvaluateSegmentation(scored, "Mask", "PredictedLabel").Dice;
            double? rmse = null;
            double[]? perAnnotator = null;
            double[][]? meanConfusion = null;
            if (fitted.ConfusionEstimate is IDataView estimate && fitted.ConfusionColumn is string column)
            {
                var errors = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(estimate, context.Annotators, "Mask", column);
                rmse = errors.RootMeanSquaredError;
                perAnnotator = errors.PerAnnotatorRootMeanSquaredError.ToArray();
                var matrices = estimate.GetColumn<float[]>(column).ToArray();
                meanConfusion = ConfusionAverages.Estimated(data.Test, matrices, context.Annotators.Length);
            }

            float[][]? samples = seed == 1
                ? scored.GetColumn<float[]>("PredictedLabel").Take(SampleImages).ToArray()
                : null;
            return new TrialResult
            {
                Method = method.Key,
                Title = method.Title,
                Regime = regime,
                Seed = seed,
                Dice = dice,
                ConfusionRmse = rmse,
                ConfusionRmsePerAnnotator = perAnnotator,
                MeanConfusion = meanConfusion,
                Seconds = seconds,
                History = fitted.Histories[0].Select(EpochRecord.From).ToArray(),
                SamplePredictions = samples,
            };
        }
    }
}
