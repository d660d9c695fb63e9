using Microsoft.ML.NoisyLabels.Data;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// A validation set as read, in one pass, for a whole Fit: its label maps (annotations or labels) and, when asked
    /// for, its ground truth. Each network trained takes its <see cref="Tensors"/> from it, so that training several
    /// networks (one per label column) does not read the validation set again for each.
    /// </summary>
    internal sealed class ValidationData
    {
        public ValidationData(LabelledImages labels, LabelledImages? groundTruth)
        {
            Labels = labels;
            GroundTruth = groundTruth;
        }

        /// <summary>Images and label maps.</summary>
        public LabelledImages Labels { get; }

        /// <summary>The ground truth, one map per image, or null.</summary>
        public LabelledImages? GroundTruth { get; }

        /// <summary>
        /// The tensors a training loop validates on: all label maps, or map <paramref name="onlyMap"/> alone. The ground
        /// truth keeps the rows the labels keep (images without labels are left out), so that both stay aligned.
        /// </summary>
        public ValidationTensors Tensors(int classes, int? onlyMap)
        {
            var annotations = TrainingTensors.Create(Labels, null, null, classes, onlyMap, out int dropped);
            Tensor? truth = null;
            if (GroundTruth is LabelledImages groundTruth)
            {
                using var all = tensor(groundTruth.Labels, new long[] { groundTruth.Count, groundTruth.Height, groundTruth.Width });
                if (dropped == 0)
                {
                    truth = all.to_type(ScalarType.Int64);
                }
                else
                {
                    using var rows = tensor(annotations.Rows.ToArray());
                    using var kept = all.index_select(0, rows);
                    truth = kept.to_type(ScalarType.Int64);
                }
            }

            return new ValidationTensors(annotations, truth);
        }
    }
}
