namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>How an iterative fusion method ended on one image.</summary>
    /// <param name="Iterations">EM iterations performed (each one M-step and one E-step).</param>
    /// <param name="Converged">True when the stopping rule was met before the iteration cap.</param>
    internal readonly record struct FusionStatistics(int Iterations, bool Converged);
}
