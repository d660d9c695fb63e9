using System.Diagnostics;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>
    /// Runs a sweep: checks everything before the first trial trains, then trains, scores and ranks the trials one by
    /// one, keeping only the best model alive so that memory does not grow with the grid.
    /// </summary>
    internal sealed class LambdaSweepRunner
    {
        private const string GroundTruthRole = "ground-truth";

        private readonly MLContext _mlContext;
        private readonly IHost _host;
        private readonly LambdaSweep.Options _options;
        private readonly IDataView _train;
        private readonly IDataView _validation;
        private readonly string? _groundTruth;
        private readonly bool _splitsTrainingData;
        private readonly IReadOnlyList<(string? Configuration, AnnotatorConfusionTrainer.Options Options)> _trials;

        private LambdaSweepRunner(MLContext mlContext, IDataView trainingData, AnnotatorConfusionTrainer.Options trainerOptions, LambdaSweep.Options options)
        {
            _mlContext = mlContext;
            _options = options;
            IDataView? given = options.ValidationSet ?? trainerOptions.ValidationSet;
            options.Check(splitsTrainingData: given is null);
            _groundTruth = options.GroundTruthColumnName ?? trainerOptions.ValidationGroundTruthColumnName;
            // The log's component name, as before the runner had a class of its own.
            _host = ((IHostEnvironment)mlContext).Register(nameof(LambdaSweep));
            // One seed for every trial: the trials then differ only in their settings (same initial weights, batches and
            // flips), so the comparison is not blurred by the noise between random starts.
            Seed = trainerOptions.Seed ?? _host.Rand.Next();
            _splitsTrainingData = given is null;
            if (given is null)
            {
                var split = mlContext.Data.TrainTestSplit(trainingData, options.ValidationFraction, seed: Seed);
                (_train, _validation) = (split.TrainSet, split.TestSet);
            }
            else
            {
                (_train, _validation) = (trainingData, given);
            }

            if (_groundTruth is not null)
            {
                SchemaChecks.FindColumn(_validation.Schema, _groundTruth, GroundTruthRole);
            }

            _trials = PlanTrials(trainerOptions);
            CheckValidationHasAnnotations(_trials[0].Options);
        }

        public int Seed { get; }

        public SweepMetric Metric => _groundTruth is null ? SweepMetric.AnnotatorLikelihood : SweepMetric.ValidationDice;

        public static LambdaSweepResult Run(MLContext mlContext, IDataView trainingData, AnnotatorConfusionTrainer.Options trainerOptions, LambdaSweep.Options options)
        {
            ArgumentNullException.ThrowIfNull(trainingData);
            ArgumentNullException.ThrowIfNull(trainerOptions);
            ArgumentNullException.ThrowIfNull(options);
            return new LambdaSweepRunner(mlContext, trainingData, trainerOptions, options).Run();
        }

        private LambdaSweepResult Run()
        {
            using var channel = _host.Start("Sweep");
            channel.Info(MessageSensitivity.None, FormattableString.Invariant(
                $"{_trials.Count} trials, ranked by {Metric}, seed {Seed}, validation on {(_splitsTrainingData ? "a held-out fraction of the training data" : "the given validation set")}."));
            var trials = new List<SweepTrial>(_trials.Count);
            SegmentationTransformer? best = null;
            int bestIndex = -1;
            try
            {
                for (int i = 0; i < _trials.Count; i++)
                {
                    var (configuration, options) = _trials[i];
                    string name = configuration is null ? string.Empty : $"'{configuration}', ";
                    channel.Info(MessageSensitivity.None, FormattableString.Invariant($"trial {i + 1}/{_trials.Count}: {name}lambda {options.Lambda}: training."));
                    var (trial, model) = RunTrial(i, configuration, options);
                    trials.Add(trial);
                    if (bestIndex < 0 || IsBetter(trial.Metric, trials[bestIndex].Metric))
                    {
                        Release(best);
                        (best, bestIndex) = (model, i);
                    }
                    else
                    {
                        Release(model);
                    }

                    channel.Info(MessageSensitivity.None, FormattableString.Invariant($"trial {i + 1}/{_trials.Count}: {trial}; best so far: trial {bestIndex + 1}."));
                    _options.Progress?.Report(new SweepProgress(i, _trials.Count, trial, bestIndex));
                }
            }
            catch
            {
                Release(best);
                throw;
            }

            var winner = trials[bestIndex];
            channel.Info(MessageSensitivity.None, FormattableString.Invariant($"best: trial {bestIndex + 1}/{trials.Count}, {winner}."));
            if (double.IsNaN(winner.Metric))
            {
                channel.Warning(MessageSensitivity.None, "Every trial's metric is NaN: training diverged. Use a smaller learning rate.");
            }

            return new LambdaSweepResult(Metric, trials, bestIndex, best!);
        }

        private (SweepTrial Trial, SegmentationTransformer Model) RunTrial(int index, string? configuration, AnnotatorConfusionTrainer.Options options)
        {
            var clock = Stopwatch.StartNew();
            var model = new AnnotatorConfusionTrainer(_mlContext, options).Fit(_train);
            try
            {
                double crossEntropy = AnnotatorLikelihood.CrossEntropy(model, _validation, options);
                double? dice = null;
                if (_groundTruth is not null)
                {
                    var scored = model.Transform(_validation);
                    dice = _mlContext.NoisyLabels().Evaluation.EvaluateSegmentation(scored, _groundTruth, options.PredictedLabelColumnName, options.NumberOfClasses).Dice;
                }

                double metric = dice ?? -crossEntropy;
                return (new SweepTrial(index, configuration, options, metric, dice, crossEntropy, model.TrainingHistory, clock.Elapsed), model);
            }
            catch
            {
                Release(model);
                throw;
            }
        }

        /// <summary>One options copy per trial, checked now so that a bad configuration fails before anything trains.</summary>
        private List<(string?, AnnotatorConfusionTrainer.Options)> PlanTrials(AnnotatorConfusionTrainer.Options trainerOptions)
        {
            var configurations = _options.Configurations is { Length: > 0 } given ? given : new SweepConfiguration?[] { null };
            var trials = new List<(string?, AnnotatorConfusionTrainer.Options)>();
            foreach (var configuration in configurations)
            {
                foreach (double lambda in _options.Lambdas)
                {
                    var options = TrialOptions.Copy(trainerOptions);
                    configuration?.Configure(options);
                    options.Lambda = lambda;
                    options.Seed = Seed;
                    options.ValidationSet = _validation;
                    options.ValidationGroundTruthColumnName = _groundTruth;
                    string where = configuration is null ? "The trainer options" : $"Sweep configuration '{configuration.Name}'";
                    if (options.OracleGroundTruthColumnName is not null)
                    {
                        throw new ArgumentException($"{where} train the oracle, whose confusion matrices are given: lambda has no effect on it.", nameof(trainerOptions));
                    }

                    if (_groundTruth is not null && options.PredictedLabelColumnName is null)
                    {
                        throw new ArgumentException($"{where} have no {nameof(options.PredictedLabelColumnName)}: validation Dice needs the predicted labels.", nameof(trainerOptions));
                    }

                    options.Check();
                    trials.Add((configuration?.Name, options));
                }
            }

            return trials;
        }

        private void CheckValidationHasAnnotations(AnnotatorConfusionTrainer.Options options)
        {
            var data = LabelledImagesReader.Read(_validation, options.ImageColumnName, options.AnnotatorColumnNames, options.NumberOfClasses, "annotator");
            if (!data.Present.Any(p => p))
            {
                throw new InvalidOperationException(AnnotatorLikelihood.NoAnnotations(options, data.Count));
            }
        }

        /// <summary>Higher is better; a NaN metric (a diverged trial) never beats a number.</summary>
        private static bool IsBetter(double metric, double best) => !double.IsNaN(metric) && (double.IsNaN(best) || metric > best);

        /// <summary>Frees a model the sweep no longer returns: its TorchSharp networks' native memory and its ONNX session.</summary>
        private static void Release(SegmentationTransformer? model)
        {
            if (model is null)
            {
                return;
            }

            foreach (var network in model.Networks)
            {
                network.Dispose();
            }

            (model.Model as IDisposable)?.Dispose();
        }
    }
}
