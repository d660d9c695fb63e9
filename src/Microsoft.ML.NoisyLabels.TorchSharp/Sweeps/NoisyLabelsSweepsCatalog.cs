using Microsoft.ML.NoisyLabels;
using Microsoft.ML.NoisyLabels.Sweeps;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML
{
    /// <summary>
    /// The sweeps of Microsoft.ML.NoisyLabels.TorchSharp, on <c>mlContext.NoisyLabels().Sweeps</c>: they choose the
    /// trainer's settings on validation data.
    /// </summary>
    public static class NoisyLabelsSweepsCatalogExtensions
    {
        /// <summary>
        /// Trains <see cref="AnnotatorConfusionTrainer"/> once per lambda of the grid (and per configuration, if any),
        /// scores every trial on validation data and returns all the trials, the best one and its fitted model.
        /// </summary>
        /// <param name="catalog">The sweeps catalog.</param>
        /// <param name="trainingData">The training data: the columns <paramref name="trainerOptions"/> names.</param>
        /// <param name="trainerOptions">The options every trial starts from; the sweep sets lambda, the seed and the
        /// validation settings of its own copies and never changes these.</param>
        /// <param name="options">The grid, the configurations, the validation data and the ground truth; null for the
        /// defaults (the paper's grid, 20% of the training data held out, ranking by the annotations' likelihood).</param>
        /// <returns>Every trial's settings and metrics, the index of the best and its model.</returns>
        /// <exception cref="ArgumentException">An empty grid, a duplicate or null configuration, trainer options for the
        /// oracle, or options a trainer rejects.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite lambda, a validation fraction outside (0, 1),
        /// or a column missing from the data (<c>Could not find ground-truth column 'X'</c>).</exception>
        /// <exception cref="InvalidOperationException">No validation image has an annotation.</exception>
        /// <remarks>
        /// <format type="text/markdown"><![CDATA[
        /// **Why sweep.** Lambda matters and its best value depends on the data and the annotators. A large lambda
        /// flips the segmentation: in the binary case the flipped solution (p' = 1 - p, every confusion matrix with its
        /// columns swapped) fits the annotations exactly as well and has a smaller trace whenever an annotator beats
        /// chance, so trace minimisation pulls towards it (docs/METHOD.md, section 2). In an independent implementation
        /// the trace term helped the confusion-matrix error a little and the Dice not at all, and lambda 0.1 already
        /// did worse than 0 with one label per image (docs/METHOD.md, section 9); the paper's best was 0.7 on its own
        /// scale. The sweep is how to choose for your data.
        ///
        /// **Validation.** `options.ValidationSet` if given, else the trainer options' `ValidationSet`, else
        /// `options.ValidationFraction` of the training data split off with `TrainTestSplit` and the sweep's seed (the
        /// trials then train on the rest). Every trial trains with that validation set, so each keeps its best epoch
        /// (and stops early if `EarlyStoppingPatience` says so) by the same criterion as the sweep.
        ///
        /// **Metric.** With a ground-truth column (`options.GroundTruthColumnName`, else the trainer options'
        /// `ValidationGroundTruthColumnName`): the validation set's mean foreground Dice, from the Evaluation catalog's
        /// `EvaluateSegmentation`. Without one: the held-out annotations' likelihood, reported as
        /// `SweepTrial.ValidationCrossEntropy` (the mean over annotations of -log (A p)[y~], final weights, no trace
        /// term) and ranked by its negative. The likelihood cannot see the flip described above; the trainer warns in
        /// the log when a trial's confusion diagonal falls below 0.5, and a ground-truth column (even on a few images)
        /// is the reliable choice.
        ///
        /// **Seeds.** Every trial uses the same seed: the trainer options' `Seed`, else one drawn from the MLContext.
        /// The trials then start from the same weights and see the same batches, so they differ only in their settings;
        /// with a fixed seed a sweep is reproducible on the CPU.
        ///
        /// **Progress and memory.** Each trial is logged to `MLContext.Log` when it starts and ends, and reported to
        /// `options.Progress`. Only the best model so far is kept: the others' TorchSharp networks and ONNX sessions are
        /// released as soon as they are scored.
        /// ]]></format>
        /// </remarks>
        public static LambdaSweepResult Lambda(this NoisyLabelsSweepsCatalog catalog, IDataView trainingData, AnnotatorConfusionTrainer.Options trainerOptions, LambdaSweep.Options? options = null)
            => LambdaSweepRunner.Run(catalog.Context, trainingData, trainerOptions, options ?? new LambdaSweep.Options());

        /// <summary>
        /// Sweeps lambda over <paramref name="lambdas"/>, validating on the trainer options' validation set if they have
        /// one, else on 20% of the training data held out. See
        /// <see cref="Lambda(NoisyLabelsSweepsCatalog, IDataView, AnnotatorConfusionTrainer.Options, LambdaSweep.Options?)"/>.
        /// </summary>
        /// <param name="catalog">The sweeps catalog.</param>
        /// <param name="trainingData">The training data.</param>
        /// <param name="trainerOptions">The options every trial starts from.</param>
        /// <param name="lambdas">The lambda values, in the order they are tried.</param>
        /// <param name="groundTruthColumnName">A ground-truth column to rank the trials by validation Dice; null to rank
        /// them by the held-out annotations' likelihood.</param>
        /// <returns>Every trial's settings and metrics, the index of the best and its model.</returns>
        public static LambdaSweepResult Lambda(this NoisyLabelsSweepsCatalog catalog, IDataView trainingData, AnnotatorConfusionTrainer.Options trainerOptions, double[] lambdas, string? groundTruthColumnName = null)
            => catalog.Lambda(trainingData, trainerOptions, new LambdaSweep.Options { Lambdas = lambdas, GroundTruthColumnName = groundTruthColumnName });
    }
}
