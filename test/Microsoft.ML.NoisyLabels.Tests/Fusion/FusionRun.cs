using Microsoft.ML.NoisyLabels.Fusion;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>The outputs of one call of a fusion method, as arrays.</summary>
    internal sealed record FusionRun(byte[] Fused, double[] Posterior, double[] Confusion, FusionStatistics Statistics, double[]? Field = null)
    {
        /// <summary>Confusion matrix entry [rater][observed][true].</summary>
        public double Cm(int rater, int observed, int truth, int classes = 2) => Confusion[(((rater * classes) + observed) * classes) + truth];

        public static FusionRun Of(byte[][] raters, int classes, Func<Annotations, FusionOutputs, FusionStatistics> method, bool[]? present = null)
        {
            present ??= FusionTestData.AllPresent(raters.Length);
            int pixels = raters[0].Length;
            var fused = new byte[pixels];
            var posterior = new double[classes * pixels];
            var confusion = new double[raters.Length * classes * classes];
            var annotations = new Annotations(FusionTestData.Stack(raters), present, classes);
            var outputs = new FusionOutputs(fused, posterior, confusion, pixels, raters.Length, classes);
            var statistics = method(annotations, outputs);
            return new FusionRun(fused, posterior, confusion, statistics);
        }

        public static FusionRun Staple(byte[][] raters, int classes, StapleSettings? settings = null, bool[]? present = null)
            => Of(raters, classes, (a, o) => NoisyLabels.Fusion.Staple.Compute(a, o, settings ?? new StapleSettings()), present);

        public static FusionRun Spatial(byte[][] raters, int classes, ImageShape shape, SpatialStapleSettings settings, bool[]? present = null, bool withField = false)
        {
            present ??= FusionTestData.AllPresent(raters.Length);
            int pixels = raters[0].Length;
            var field = withField ? new double[raters.Length * classes * classes * pixels] : null;
            var run = Of(raters, classes, (a, o) => SpatialStaple.Compute(a, shape, o, field, settings), present);
            return run with { Field = field };
        }

        public static FusionRun MajorityVote(byte[][] raters, int classes, bool[]? present = null)
            => Of(raters, classes, (a, o) =>
            {
                NoisyLabels.Fusion.MajorityVote.Compute(a, o);
                return default;
            }, present);

        public static FusionRun MeanLabel(byte[][] raters, int classes, bool[]? present = null)
            => Of(raters, classes, (a, o) =>
            {
                NoisyLabels.Fusion.MeanLabel.Compute(a, o);
                return default;
            }, present);
    }
}
