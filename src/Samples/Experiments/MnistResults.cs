using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>The contents of results.json: what the report writes, and what <c>report --from</c> reads back.</summary>
    /// <param name="Profile">The experiment's size.</param>
    /// <param name="Command">The command line that ran it.</param>
    /// <param name="ElapsedSeconds">Its duration.</param>
    /// <param name="Summary">Per method and regime, Dice and confusion-matrix error over seeds.</param>
    /// <param name="TrainingLabels">The training labels' Dice against the ground truth.</param>
    /// <param name="Trials">Every trial's measurements, histories and sample predictions.</param>
    internal sealed record MnistResults(
        ExperimentProfile Profile,
        string Command,
        double ElapsedSeconds,
        IReadOnlyList<MethodSummary> Summary,
        IReadOnlyList<TrainingLabelQuality.Row> TrainingLabels,
        IReadOnlyList<TrialResult> Trials);

    /// <summary>One method in one regime, over seeds.</summary>
    /// <param name="Method">The method's key.</param>
    /// <param name="Title">Its title in the tables.</param>
    /// <param name="Regime">Dense labels or one label per image.</param>
    /// <param name="Dice">Foreground Dice (0..1) over seeds.</param>
    /// <param name="ConfusionRmse">Confusion-matrix RMSE over seeds (NaN for methods that estimate none).</param>
    internal sealed record MethodSummary(string Method, string Title, Regime Regime, MeanStd Dice, MeanStd ConfusionRmse);
}
