using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>How well a trained model predicts held-out annotations: the sweep's metric when there is no ground truth.</summary>
    internal static class AnnotatorLikelihood
    {
        /// <summary>
        /// The mean over the present annotations of <paramref name="validation"/> of the mean over pixels of
        /// -log (A p)[y~], with the model's weights as they are now (the ones it was exported with) and its learnt
        /// matrices, without the trace term. The training loop's per-epoch validation loss is not used: during the
        /// warm-up it is computed with identity matrices, which the exported model does not have. Always the per-annotation
        /// likelihood, whatever <see cref="AnnotatorConfusionTrainer.Options.Likelihood"/> the model was trained with, so
        /// that trials trained with either can be ranked on one scale.
        /// </summary>
        public static double CrossEntropy(SegmentationTransformer model, IDataView validation, AnnotatorConfusionTrainer.Options options)
        {
            var data = LabelledImagesReader.Read(validation, options.ImageColumnName, options.AnnotatorColumnNames, options.NumberOfClasses, "annotator");
            using var tensors = TrainingTensors.Create(data, null, null, options.NumberOfClasses, null, out _);
            if (tensors.Count == 0)
            {
                throw new InvalidOperationException(NoAnnotations(options, data.Count));
            }

            var network = model.SegmentationNetworks[0];
            var device = network.parameters().First().device;
            network.eval();
            using var noGrad = no_grad();
            double sum = 0, annotations = 0;
            for (int start = 0; start < tensors.Count; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(options.BatchSize, tensors.Count - start)).Select(i => (long)i).ToArray();
                var batch = tensors.Gather(indices, null, device);
                var (logP, logA) = network.Forward(batch.Images, ConfusionStage.Full);
                var terms = NoisyLabelLoss.Compute(logP, logA, batch.Labels, batch.Present, 0, options.TraceNormalization);
                // The loss's cross-entropy is the sum over present annotations divided by the batch's images.
                sum += (double)terms.CrossEntropy.item<float>() * indices.Length;
                annotations += batch.Present.sum().item<float>();
            }

            return sum / annotations;
        }

        /// <summary>The message for validation data with nothing to score.</summary>
        public static string NoAnnotations(AnnotatorConfusionTrainer.Options options, int rows)
            => $"No image of the validation data ({rows} rows) has an annotation in any of the columns {string.Join(", ", options.AnnotatorColumnNames.Select(c => "'" + c + "'"))}: " +
               $"give a larger {nameof(LambdaSweep.Options.ValidationFraction)} or a {nameof(LambdaSweep.Options.ValidationSet)}.";
    }
}
