namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>The defaults of <see cref="LambdaSweep.Options"/>, in one place.</summary>
    internal static class SweepDefaults
    {
        /// <summary>
        /// The fraction of the training data held out for validation when no validation set is given: enough images to
        /// rank the trials, while the trials still train on most of the data.
        /// </summary>
        public const double ValidationFraction = 0.2;

        /// <summary>
        /// The paper's lambda grid, on its scale (<c>TraceNormalization.SumOverAnnotators</c>; docs/METHOD.md,
        /// section 2). A new array each time: options own theirs.
        /// </summary>
        public static double[] Lambdas => new[] { 0, 0.001, 0.01, 0.1, 0.7, 0.9 };
    }
}
