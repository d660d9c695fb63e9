using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Verified
{
    /// <summary>
    /// The rows of the verified-masks experiment: the MNIST experiment's naive CNNs, STAPLE and the proposed model from
    /// the annotations alone; the proposed model with the verified masks; a CNN on the verified images alone; and the
    /// CNN on the ground truth as the upper bound.
    /// </summary>
    internal static class VerifiedMethods
    {
        /// <summary>The column holding the verified masks (the truth on the verified images, NaN elsewhere).</summary>
        public const string VerifiedColumn = "Verified";

        /// <summary>Lambda of the proposed model's rows.</summary>
        public const double Lambda = 0.01;

        public static IReadOnlyList<ExperimentMethod> All { get; } = new[] { "mean", "mode", "random", "staple" }
            .Select(key => Methods.All.First(m => m.Key == key))
            .Append(Methods.All.First(m => m.Key == Methods.OursKey(Lambda)))
            .Append(new VerifiedOnlyCnn())
            .Append(new OursWithVerifiedMasks())
            .Append(Methods.All.First(m => m.Key == "truth"))
            .ToArray();

        /// <summary>
        /// A CNN trained on the verified images alone. Its epochs are scaled so that it takes as many optimisation steps
        /// as the networks trained on every image: fewer images are not fewer steps.
        /// </summary>
        private sealed class VerifiedOnlyCnn : ExperimentMethod
        {
            public VerifiedOnlyCnn()
                : base("verified-only", "CNN on the verified images alone")
            {
            }

            public override bool AppliesTo(Regime regime) => regime == Regime.Dense;

            public override FittedMethod Fit(TrialContext context)
            {
                long all = context.Train.GetRowCount() ?? throw new InvalidOperationException("The training set has no row count.");
                long verified = VerifiedData.CountVerified(context.Train);
                var options = Network(new SegmentationTrainer.Options { LabelColumnNames = new[] { VerifiedColumn } }, context);
                options.Epochs = (int)Math.Ceiling(context.Profile.Epochs * (double)all / verified);
                var cnn = context.Ml.NoisyLabels().Trainers.Segmentation(options).Fit(context.Train);
                return new FittedMethod(cnn, cnn.TrainingHistories);
            }
        }

        /// <summary>The proposed model with the verified masks.</summary>
        private sealed class OursWithVerifiedMasks : ExperimentMethod
        {
            public OursWithVerifiedMasks()
                : base(FormattableString.Invariant($"ours-{Lambda}-verified"), FormattableString.Invariant($"Ours, lambda = {Lambda}, with the verified masks"))
            {
            }

            public override bool AppliesTo(Regime regime) => regime == Regime.Dense;

            public override FittedMethod Fit(TrialContext context)
            {
                const string column = "ConfusionField";
                var model = context.Ml.NoisyLabels().Trainers.AnnotatorConfusion(Network(new AnnotatorConfusionTrainer.Options
                {
                    AnnotatorColumnNames = context.Annotators,
                    Lambda = Lambda,
                    TraceNormalization = TraceNormalization.SumOverAnnotators,
                    WarmupEpochs = context.Profile.WarmupEpochs,
                    VerifiedLabelColumnName = VerifiedColumn,
                    ConfusionFieldColumnName = column,
                }, context)).Fit(context.Train);
                return new FittedMethod(model, model.TrainingHistories, model.Transform(context.Test), column);
            }
        }
    }
}
