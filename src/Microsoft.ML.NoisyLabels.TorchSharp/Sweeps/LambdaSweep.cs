using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>
    /// The sweep over the trace weight lambda of <see cref="AnnotatorConfusionTrainer"/> (and optionally other trainer
    /// options), run by
    /// <see cref="NoisyLabelsSweepsCatalogExtensions.Lambda(NoisyLabelsSweepsCatalog, IDataView, AnnotatorConfusionTrainer.Options, Options?)"/>.
    /// It holds the sweep's <see cref="Options"/>, nested as ML.NET nests every estimator's.
    /// </summary>
    public static class LambdaSweep
    {
        /// <summary>
        /// Options of a lambda sweep. The trials train with the trainer options' own
        /// <see cref="AnnotatorConfusionTrainer.Options.TraceNormalization"/> (default
        /// <see cref="TraceNormalization.SumOverAnnotators"/>): the sweep has no normalisation of its own.
        /// </summary>
        public sealed class Options
        {
            /// <summary>
            /// The lambda values, tried in this order; each finite and &gt;= 0. Default the paper's grid
            /// {0, 0.001, 0.01, 0.1, 0.7, 0.9}, which assumes <see cref="TraceNormalization.SumOverAnnotators"/> (the
            /// trainer's default); with <see cref="TraceNormalization.MeanOverAnnotators"/> the same lambda weighs the
            /// trace R times less for images with R annotators.
            /// </summary>
            public double[] Lambdas = SweepDefaults.Lambdas;

            /// <summary>
            /// Variations of the trainer options, each swept over every lambda (trials = configurations x lambdas).
            /// Default none: one trial per lambda with the trainer options as given.
            /// </summary>
            public SweepConfiguration[]? Configurations;

            /// <summary>
            /// The validation data: the same image and annotator columns as the training data (and the ground-truth column,
            /// if any). Default none: the trainer options' <see cref="SegmentationTrainerOptionsBase.ValidationSet"/> if set,
            /// else <see cref="ValidationFraction"/> of the training data.
            /// </summary>
            public IDataView? ValidationSet;

            /// <summary>
            /// Without a validation set, the fraction of the training data held out for validation (strictly between 0 and 1),
            /// split off with ML.NET's <c>TrainTestSplit</c> and the sweep's seed. Default 0.2.
            /// </summary>
            public double ValidationFraction = SweepDefaults.ValidationFraction;

            /// <summary>
            /// A ground-truth column of the validation data: the trials are then ranked by validation Dice, and each trial's
            /// training keeps its best epoch by Dice. Default none: the trainer options'
            /// <see cref="SegmentationTrainerOptionsBase.ValidationGroundTruthColumnName"/> if set, else the trials are ranked
            /// by the held-out annotations' likelihood.
            /// </summary>
            public string? GroundTruthColumnName;

            /// <summary>Receives every trial's result as it finishes, in addition to the lines in <c>MLContext.Log</c>. Default none.</summary>
            public IProgress<SweepProgress>? Progress;

            /// <summary>Checks the options; <paramref name="splitsTrainingData"/>: no validation set is given anywhere.</summary>
            internal void Check(bool splitsTrainingData)
            {
                if (Lambdas is null || Lambdas.Length == 0)
                {
                    throw new ArgumentException("The lambda grid is empty: give at least one value.", nameof(Lambdas));
                }

                for (int i = 0; i < Lambdas.Length; i++)
                {
                    double lambda = Lambdas[i];
                    if (!(lambda >= 0) || double.IsInfinity(lambda))
                    {
                        throw new ArgumentOutOfRangeException(nameof(Lambdas), lambda, $"Lambda {lambda} (index {i} of the grid) must be a finite value >= 0.");
                    }
                }

                // The fraction only matters when it is used: a validation set makes it irrelevant.
                if (splitsTrainingData && !(ValidationFraction > 0 && ValidationFraction < 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"{nameof(ValidationFraction)} must lie strictly between 0 and 1.");
                }

                if (GroundTruthColumnName is not null && GroundTruthColumnName.Length == 0)
                {
                    throw new ArgumentException("The ground-truth column name must not be empty.", nameof(GroundTruthColumnName));
                }

                if (Configurations is not null)
                {
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var configuration in Configurations)
                    {
                        if (configuration is null)
                        {
                            throw new ArgumentException("A sweep configuration is null.", nameof(Configurations));
                        }

                        if (!names.Add(configuration.Name))
                        {
                            throw new ArgumentException($"The sweep configuration '{configuration.Name}' is named twice.", nameof(Configurations));
                        }
                    }
                }
            }
        }
    }
}
