using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>The rows of the paper's Tables 1 and 2, in their order, and the warm-up ablation.</summary>
    internal static class Methods
    {
        /// <summary>The paper's lambda grid.</summary>
        public static readonly double[] Lambdas = { 0, 0.001, 0.01, 0.1, 0.7, 0.9 };

        /// <summary>The lambda of the warm-up ablation.</summary>
        public const double AblationLambda = 0.01;

        public static IReadOnlyList<ExperimentMethod> All { get; } = new ExperimentMethod[]
        {
            new FusedLabelCnn("mean", "CNN on mean labels", FusedLabelCnn.Fusion.Mean),
            new FusedLabelCnn("mode", "CNN on mode labels (majority vote)", FusedLabelCnn.Fusion.Mode),
            new RandomLabelCnn(),
            new SeparateCnns(),
            new FusedLabelCnn("staple", "STAPLE + CNN", FusedLabelCnn.Fusion.Staple),
            new FusedLabelCnn("spatial-staple", "Spatial STAPLE + CNN", FusedLabelCnn.Fusion.SpatialStaple),
        }
        .Concat(Lambdas.Select(l => (ExperimentMethod)new Ours(new OursVariant(l))))
        .Append(new Oracle())
        .Append(new GroundTruthCnn())
        .Append(new Ours(new OursVariant(AblationLambda, Warmup: false)))
        .ToArray();

        /// <summary>
        /// Rows run only when <c>--methods</c> names them: the reference layout's confusion heads (two 3x3 blocks per
        /// annotator), against which the default 1x1 heads were chosen; the shared-truth likelihood (an extension of
        /// the paper's loss), with pixel-wise or global matrices; the oracle with that likelihood; the epoch chosen on
        /// held-out annotations; and every lambda of the grid without the trainer's flip guard (the paper's loss), with the
        /// trace weighted by p, and with both.
        /// </summary>
        public static IReadOnlyList<ExperimentMethod> Optional { get; } = new ExperimentMethod[]
        {
            new Ours(new OursVariant(AblationLambda, HeadBlocks: 2)),
            new Ours(new OursVariant(0, Likelihood: AnnotationLikelihood.SharedTruth)),
            new Ours(new OursVariant(AblationLambda, Likelihood: AnnotationLikelihood.SharedTruth)),
            new Ours(new OursVariant(0, Kind: ConfusionMatrixKind.Global)),
            new Ours(new OursVariant(0, Likelihood: AnnotationLikelihood.SharedTruth, Kind: ConfusionMatrixKind.Global)),
            new Oracle(AnnotationLikelihood.SharedTruth),
            new Ours(new OursVariant(AblationLambda, HeldOut: true)),
            new Ours(new OursVariant(0.1, HeldOut: true)),
        }
        .Concat(Lambdas.Select(l => (ExperimentMethod)new Ours(new OursVariant(l, Guard: false))))
        .Concat(Lambdas.Select(l => (ExperimentMethod)new Ours(new OursVariant(l, Trace: TraceWeighting.Predicted))))
        .Concat(Lambdas.Select(l => (ExperimentMethod)new Ours(new OursVariant(l, Guard: false, Trace: TraceWeighting.Predicted))))
        .ToArray();

        /// <summary>The share of the training images held out by the <see cref="OursVariant.HeldOut"/> rows.</summary>
        public const double HeldOutShare = 0.1;

        /// <summary>The key of the proposed model at <paramref name="lambda"/>.</summary>
        public static string OursKey(double lambda, bool warmup = true) => new OursVariant(lambda, warmup).Key;

        /// <summary>A CNN trained on the output of a label-fusion method (dense regime only).</summary>
        private sealed class FusedLabelCnn : ExperimentMethod
        {
            private const string Fused = "Fused";
            private const string FusedConfusion = "FusedConfusion";
            private readonly Fusion _fusion;

            public FusedLabelCnn(string key, string title, Fusion fusion)
                : base(key, title)
            {
                _fusion = fusion;
            }

            public enum Fusion
            {
                Mean,
                Mode,
                Staple,
                SpatialStaple,
            }

            // With one annotation per image, per-image fusion returns that annotation: these rows equal the naive CNN.
            public override bool AppliesTo(Regime regime) => regime != Regime.SingleLabel;

            public override FittedMethod Fit(TrialContext context)
            {
                var transforms = context.Ml.NoisyLabels().Transforms;
                string[] annotators = context.Annotators;
                IEstimator<ITransformer> fusion = _fusion switch
                {
                    // The mean label is a soft target: the probabilities column holds the fraction of annotators per class.
                    Fusion.Mean => transforms.MeanLabel("MeanVote", annotators, probabilitiesColumnName: Fused),
                    Fusion.Mode => transforms.MajorityVote(Fused, annotators),
                    Fusion.Staple => transforms.Staple(Fused, annotators, confusionMatricesColumnName: FusedConfusion),
                    _ => transforms.SpatialStaple(Fused, annotators, windowRadius: 3, confusionMatricesColumnName: FusedConfusion),
                };
                var fitted = fusion.Fit(context.Train);
                var cnn = TrainCnn(context, fitted.Transform(context.Train), MultipleLabelColumnsMode.Pooled, Fused);
                bool estimatesMatrices = _fusion is Fusion.Staple or Fusion.SpatialStaple;
                // STAPLE's matrices are scored on the test images' own annotations: it is an unsupervised per-image method.
                return new FittedMethod(cnn, cnn.TrainingHistories,
                    estimatesMatrices ? fitted.Transform(context.Test) : null, estimatesMatrices ? FusedConfusion : null);
            }
        }

        /// <summary>A CNN on one random annotation per image (in the single-label regime: the naive CNN).</summary>
        private sealed class RandomLabelCnn : ExperimentMethod
        {
            public RandomLabelCnn()
                : base("random", "CNN on random labels (naive CNN)")
            {
            }

            public override bool AppliesTo(Regime regime) => true;

            public override FittedMethod Fit(TrialContext context)
            {
                var data = context.Train;
                if (context.Regime != Regime.SingleLabel)
                {
                    data = context.Ml.NoisyLabels().Transforms.KeepSingleAnnotation(context.Annotators, seed: context.Seed + 2000).Fit(data).Transform(data);
                }

                var cnn = TrainCnn(context, data, MultipleLabelColumnsMode.Pooled, context.Annotators);
                return new FittedMethod(cnn, cnn.TrainingHistories);
            }
        }

        /// <summary>One CNN per annotator; the model outputs their mean probabilities.</summary>
        private sealed class SeparateCnns : ExperimentMethod
        {
            public SeparateCnns()
                : base("separate", "Separate CNNs per annotator (mean)")
            {
            }

            public override bool AppliesTo(Regime regime) => true;

            public override FittedMethod Fit(TrialContext context)
            {
                var cnn = TrainCnn(context, context.Train, MultipleLabelColumnsMode.SeparateNetworks, context.Annotators);
                return new FittedMethod(cnn, cnn.TrainingHistories);
            }
        }

        /// <summary>The two-network model in one configuration (the paper's, or a named departure from it).</summary>
        private sealed class Ours : ExperimentMethod
        {
            private readonly OursVariant _variant;

            public Ours(OursVariant variant)
                : base(variant.Key, variant.Title)
            {
                _variant = variant;
            }

            public override bool AppliesTo(Regime regime) => true;

            public override FittedMethod Fit(TrialContext context)
            {
                // Pixel-wise matrices are scored per pixel (the field, each column averaged over the pixels of its true
                // class); global ones are the same at every pixel, and their per-image matrices say it all.
                string column = _variant.Kind == ConfusionMatrixKind.Global ? "ConfusionMatrices" : "ConfusionField";
                var train = context.Train;
                IDataView? heldOut = null;
                if (_variant.HeldOut)
                {
                    // A tenth of the training images, annotations only, keep the epoch whose held-out likelihood is best.
                    var split = context.Ml.Data.TrainTestSplit(train, HeldOutShare, seed: context.Seed);
                    (train, heldOut) = (split.TrainSet, split.TestSet);
                }

                // --epoch-dice: the test images scored after every epoch, to see drift; training is unchanged.
                bool monitor = heldOut is null && context.Profile.EpochDiceImages > 0;
                var model = context.Ml.NoisyLabels().Trainers.AnnotatorConfusion(Network(new AnnotatorConfusionTrainer.Options
                {
                    ValidationSet = monitor ? context.Ml.Data.TakeRows(context.Test, context.Profile.EpochDiceImages) : heldOut,
                    ValidationGroundTruthColumnName = monitor ? "Mask" : null,
                    KeepBestEpoch = !monitor,
                    DiagonalDominanceWeight = _variant.Guard ? new AnnotatorConfusionTrainer.Options().DiagonalDominanceWeight : 0,
                    AnnotatorColumnNames = context.Annotators,
                    Lambda = _variant.Lambda,
                    TraceNormalization = TraceNormalization.SumOverAnnotators,
                    TraceWeighting = _variant.Trace,
                    WarmupEpochs = _variant.Warmup ? context.Profile.WarmupEpochs : 0,
                    ConfusionMatrixKind = _variant.Kind,
                    ConfusionHeadBlocks = _variant.HeadBlocks,
                    Likelihood = _variant.Likelihood,
                    ConfusionMatricesColumnName = _variant.Kind == ConfusionMatrixKind.Global ? column : null,
                    ConfusionFieldColumnName = _variant.Kind == ConfusionMatrixKind.Global ? null : column,
                }, context)).Fit(train);
                return new FittedMethod(model, model.TrainingHistories, model.Transform(context.Test), column);
            }
        }

        /// <summary>
        /// A CNN trained on the ground truth itself: the upper bound of any method that learns from the annotators. The
        /// truth does not depend on the regime, so it is trained once, in the dense table.
        /// </summary>
        private sealed class GroundTruthCnn : ExperimentMethod
        {
            public GroundTruthCnn()
                : base("truth", "CNN on the ground truth (upper bound)")
            {
            }

            public override bool AppliesTo(Regime regime) => regime == Regime.Dense;

            public override FittedMethod Fit(TrialContext context)
            {
                var cnn = TrainCnn(context, context.Train, MultipleLabelColumnsMode.Pooled, "Mask");
                return new FittedMethod(cnn, cnn.TrainingHistories);
            }
        }

        /// <summary>
        /// The segmentation network trained with each image's true (global) confusion matrices held fixed, as the
        /// independent implementation's oracle (docs/METHOD.md, section 9). With the paper's loss its optimum p need not be the truth: at a pixel next to a stroke,
        /// which the thickening and fracturing annotators mark and the other three leave empty, a p near 0.5 explains the
        /// five annotations better than either class (docs/RESULTS.md). The shared-truth likelihood has no such optimum.
        /// </summary>
        private sealed class Oracle : ExperimentMethod
        {
            private readonly AnnotationLikelihood _likelihood;

            public Oracle(AnnotationLikelihood likelihood = AnnotationLikelihood.Independent)
                : base(
                    likelihood == AnnotationLikelihood.SharedTruth ? "oracle-shared" : "oracle",
                    likelihood == AnnotationLikelihood.SharedTruth ? "Oracle, shared-truth likelihood" : "Oracle (true confusion matrices)")
            {
                _likelihood = likelihood;
            }

            public override bool AppliesTo(Regime regime) => true;

            public override FittedMethod Fit(TrialContext context)
            {
                var model = context.Ml.NoisyLabels().Trainers.AnnotatorConfusion(Network(new AnnotatorConfusionTrainer.Options
                {
                    AnnotatorColumnNames = context.Annotators,
                    OracleGroundTruthColumnName = "Mask",
                    Likelihood = _likelihood,
                }, context)).Fit(context.Train);
                return new FittedMethod(model, model.TrainingHistories);
            }
        }
    }
}
