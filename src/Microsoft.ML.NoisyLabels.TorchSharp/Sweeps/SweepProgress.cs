namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>Progress of a sweep, reported after every trial.</summary>
    /// <param name="Trial">The index of the trial just finished, from 0.</param>
    /// <param name="Trials">The number of trials of the sweep.</param>
    /// <param name="Result">What the trial measured.</param>
    /// <param name="BestTrialIndex">The index of the best trial so far.</param>
    public readonly record struct SweepProgress(int Trial, int Trials, SweepTrial Result, int BestTrialIndex);
}
