namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>The contents of the MS experiment's results.json.</summary>
    /// <param name="Profile">The experiment's size.</param>
    /// <param name="Command">The command line that ran it.</param>
    /// <param name="ElapsedSeconds">Its duration.</param>
    /// <param name="Seed">The seed of the data and the networks.</param>
    /// <param name="TrainingLabels">Dice of each set of training labels against the truth, on the training volumes.</param>
    /// <param name="Trials">Every trial's measurements.</param>
    internal sealed record MsResults(MsExperimentProfile Profile, string Command, double ElapsedSeconds, int Seed, IReadOnlyList<MsLabelQuality> TrainingLabels, IReadOnlyList<MsTrialResult> Trials);

    /// <summary>One set of training labels against the truth.</summary>
    /// <param name="Labels">Which labels.</param>
    /// <param name="Dice">Mean lesion Dice over the training volumes.</param>
    /// <param name="LesionSensitivity">Lesion-wise sensitivity, pooled.</param>
    /// <param name="LesionPrecision">Lesion-wise precision, pooled.</param>
    internal sealed record MsLabelQuality(string Labels, double Dice, double LesionSensitivity, double LesionPrecision);
}
