using System.Globalization;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>One trial of a sweep: the settings it trained with and what it measured on the validation set.</summary>
    public sealed class SweepTrial
    {
        internal SweepTrial(int index, string? configurationName, AnnotatorConfusionTrainer.Options trainerOptions, double metric, double? validationDice,
            double validationCrossEntropy, IReadOnlyList<EpochSummary> trainingHistory, TimeSpan duration)
        {
            Index = index;
            ConfigurationName = configurationName;
            TrainerOptions = trainerOptions;
            Lambda = trainerOptions.Lambda;
            Seed = trainerOptions.Seed!.Value;
            Metric = metric;
            ValidationDice = validationDice;
            ValidationCrossEntropy = validationCrossEntropy;
            TrainingHistory = trainingHistory;
            Duration = duration;
        }

        /// <summary>The trial's index in <see cref="LambdaSweepResult.Trials"/>, from 0.</summary>
        public int Index { get; }

        /// <summary>The name of the <see cref="SweepConfiguration"/> the trial used; null when the sweep has none.</summary>
        public string? ConfigurationName { get; }

        /// <summary>The weight of the trace term the trial trained with.</summary>
        public double Lambda { get; }

        /// <summary>The seed the trial trained with (the same for every trial of a sweep).</summary>
        public int Seed { get; }

        /// <summary>
        /// The options the trial trained with (a copy: changing it changes nothing). With the validation settings
        /// removed, they retrain the chosen settings, for example on the training and validation data together.
        /// </summary>
        public AnnotatorConfusionTrainer.Options TrainerOptions { get; }

        /// <summary>
        /// The value the sweep ranks trials by, higher is better: <see cref="ValidationDice"/> with a ground-truth column,
        /// otherwise -<see cref="ValidationCrossEntropy"/> (see <see cref="LambdaSweepResult.Metric"/>).
        /// </summary>
        public double Metric { get; }

        /// <summary>The mean foreground Dice on the validation set (from the Evaluation catalog), when there is a ground-truth column.</summary>
        public double? ValidationDice { get; }

        /// <summary>
        /// The held-out annotations' cross-entropy under the trained model: the mean, over the validation images'
        /// annotations, of the mean over pixels of -log (A p)[y~], with the model's final weights and without the trace
        /// term. Lower is better. <see cref="EpochSummary.ValidationLoss"/> sums each image's annotators instead of
        /// averaging them, and uses identity matrices during the warm-up.
        /// </summary>
        public double ValidationCrossEntropy { get; }

        /// <summary>What each epoch of the trial's training measured.</summary>
        public IReadOnlyList<EpochSummary> TrainingHistory { get; }

        /// <summary>The time the trial took: training and validation.</summary>
        public TimeSpan Duration { get; }

        /// <inheritdoc />
        public override string ToString()
        {
            string name = ConfigurationName is null ? string.Empty : $"'{ConfigurationName}', ";
            string dice = ValidationDice is double d ? FormattableString.Invariant($"validation Dice {d:F4}, ") : string.Empty;
            return string.Format(CultureInfo.InvariantCulture, "{0}lambda {1}: {2}validation cross-entropy {3:F4}, {4:F1} s",
                name, Lambda, dice, ValidationCrossEntropy, Duration.TotalSeconds);
        }
    }
}
