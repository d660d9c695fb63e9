using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// The rows of the MS tables. The methods that learn from the annotators directly are the MNIST experiment's own
    /// (<see cref="Methods"/>), trained on 2D patches; the label-fusion rows fuse each training volume as a whole
    /// (STAPLE's parameters are per volume, as in the paper) before the patches are cut, so they train on a
    /// pre-fused patch column.
    /// </summary>
    internal static class MsMethods
    {
        /// <summary>The fused columns of the training patches.</summary>
        public const string MajorityColumn = "MajorityVote";
        public const string StapleColumn = "Staple";
        public const string SpatialStapleColumn = "SpatialStaple";

        /// <summary>The lambda of the proposed model's rows.</summary>
        public static readonly double[] Lambdas = { 0.01, 0.1 };

        /// <summary>Every row, in table order; <c>--methods</c> selects among them.</summary>
        public static IReadOnlyList<ExperimentMethod> All { get; } = new[]
        {
            new PreFusedLabelCnn("mode", "CNN on mode labels (majority vote)", MajorityColumn),
            Methods.All.First(m => m.Key == "random"),
            Methods.All.First(m => m.Key == "separate"),
            new PreFusedLabelCnn("staple", "STAPLE + CNN", StapleColumn),
            new PreFusedLabelCnn("spatial-staple", "Spatial STAPLE + CNN", SpatialStapleColumn),
        }
        .Concat(Lambdas.Select(l => Methods.All.First(m => m.Key == Methods.OursKey(l))))
        .Append(Methods.All.First(m => m.Key == "oracle"))
        .Append(Methods.All.First(m => m.Key == "truth"))
        .ToArray();

        /// <summary>The rows run by default: all but the separate CNNs (five networks: --methods names them).</summary>
        public static IReadOnlyList<ExperimentMethod> Default { get; } = All.Where(m => m.Key != "separate").ToArray();

        /// <summary>A CNN trained on a label-fusion column computed on the whole training volumes (dense regime only).</summary>
        private sealed class PreFusedLabelCnn : ExperimentMethod
        {
            private readonly string _column;

            public PreFusedLabelCnn(string key, string title, string column)
                : base(key, title)
            {
                _column = column;
            }

            // With one annotation per volume, fusion returns that annotation: the row equals the naive CNN.
            public override bool AppliesTo(Regime regime) => regime == Regime.Dense;

            public override FittedMethod Fit(TrialContext context)
            {
                var cnn = TrainCnn(context, context.Train, MultipleLabelColumnsMode.Pooled, _column);
                return new FittedMethod(cnn, cnn.TrainingHistories);
            }
        }
    }
}
