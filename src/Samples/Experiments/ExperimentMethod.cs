using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>A fitted method: its model, and where its confusion-matrix estimate of the test set comes from.</summary>
    /// <param name="Model">Adds PredictedLabel (and, for ours, ConfusionMatrices or ConfusionField) to test data.</param>
    /// <param name="Histories">Per-epoch training summaries of its networks.</param>
    /// <param name="ConfusionEstimate">Test data with a confusion-matrix column to score, or null.</param>
    /// <param name="ConfusionColumn">That column's name.</param>
    internal sealed record FittedMethod(ITransformer Model, IReadOnlyList<IReadOnlyList<EpochSummary>> Histories, IDataView? ConfusionEstimate = null, string? ConfusionColumn = null);

    /// <summary>One row of the paper's tables: how to train it on a regime's data.</summary>
    internal abstract class ExperimentMethod
    {
        protected ExperimentMethod(string key, string title)
        {
            Key = key;
            Title = title;
        }

        /// <summary>A short identifier (file names, JSON).</summary>
        public string Key { get; }

        /// <summary>The row's title in the tables.</summary>
        public string Title { get; }

        /// <summary>Whether the row exists in <paramref name="regime"/>'s table.</summary>
        public abstract bool AppliesTo(Regime regime);

        /// <summary>Trains the method.</summary>
        public abstract FittedMethod Fit(TrialContext context);

        /// <summary>The options every network of a trial shares.</summary>
        protected static T Network<T>(T options, TrialContext context)
            where T : SegmentationTrainerOptionsBase
        {
            options.Epochs = context.Profile.Epochs;
            options.BatchSize = context.Profile.BatchSize;
            options.NetworkWidth = context.Profile.Width;
            options.NetworkDepth = context.Profile.Depth;
            options.Seed = context.Seed;
            return options;
        }

        /// <summary>A plain CNN trained on <paramref name="labels"/> of <paramref name="data"/>.</summary>
        protected static SegmentationTransformer TrainCnn(TrialContext context, IDataView data, MultipleLabelColumnsMode mode, params string[] labels)
            => context.Ml.NoisyLabels().Trainers.Segmentation(Network(new SegmentationTrainer.Options
            {
                LabelColumnNames = labels,
                MultipleLabelColumns = mode,
            }, context)).Fit(data);
    }
}
