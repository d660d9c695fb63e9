using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>How <see cref="SegmentationTrainer"/> uses several label columns.</summary>
    public enum MultipleLabelColumnsMode
    {
        /// <summary>
        /// One network; every present label map of an image is a target for it (with one random annotation per image,
        /// this is the paper's naive CNN on random labels).
        /// </summary>
        Pooled = 0,

        /// <summary>One network per column, trained on that column alone; the model outputs their mean probabilities.</summary>
        SeparateNetworks = 1,
    }

    /// <summary>
    /// Trains a plain U-Net segmentation network, with the same network and training loop as
    /// <see cref="AnnotatorConfusionTrainer"/> but no annotator model: the paper's baselines (a CNN on majority-vote,
    /// mean, STAPLE or random labels; separate CNNs per annotator).
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ### Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | Yes |
    /// | Input columns | Image: known-size vector of Single, [C, H, W] or [H, W]. Labels: one or more columns, each a vector of H*W class labels (key or numeric; all missing = no label for that image), or a single column of L*H*W class probabilities laid out [L, H, W] (soft targets, such as a mean label). |
    /// | Output columns | Probabilities: vector of Single [L, H, W]. PredictedLabel: vector of Single [H, W]. |
    /// | Exportable to ONNX | Yes |
    /// | Required NuGet packages | Microsoft.ML.NoisyLabels, a libtorch backend for training, an ONNX Runtime package for inference. |
    /// ]]></format>
    /// </remarks>
    public sealed class SegmentationTrainer : IEstimator<SegmentationTransformer>
    {
        /// <summary>Options of <see cref="SegmentationTrainer"/>.</summary>
        public sealed class Options : SegmentationTrainerOptionsBase
        {
            /// <summary>
            /// The label columns. One column of H*W labels, or of L*H*W class probabilities (soft targets, told apart by
            /// their size); or several columns of labels, used as <see cref="MultipleLabelColumns"/> says. Required.
            /// </summary>
            public string[] LabelColumnNames = Array.Empty<string>();

            /// <summary>How several label columns are used. Default <see cref="MultipleLabelColumnsMode.Pooled"/>.</summary>
            public MultipleLabelColumnsMode MultipleLabelColumns = MultipleLabelColumnsMode.Pooled;

            internal override void Check()
            {
                base.Check();
                if (LabelColumnNames is null || LabelColumnNames.Length == 0)
                {
                    throw new ArgumentException("At least one label column is required.", nameof(LabelColumnNames));
                }
            }

            internal OnnxOutputNames Outputs => new OnnxOutputNames(ProbabilitiesColumnName, PredictedLabelColumnName, null, null);
        }

        private readonly MLContext _mlContext;
        private readonly Options _options;

        internal SegmentationTrainer(MLContext mlContext, Options options)
        {
            _mlContext = mlContext;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Check();
        }

        /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
        public SegmentationTransformer Fit(IDataView input)
        {
            var o = _options;
            using var session = new TrainingSession(_mlContext, nameof(SegmentationTrainer), o);
            int[] dims = SchemaChecks.ImageColumnDimensions(input.Schema, o.ImageColumnName);
            bool soft = IsSoft(input, dims);
            // One pass over the input: the images with either the label maps or the soft targets, which then carry the supervision.
            var read = soft
                ? LabelledImagesReader.ReadInOnePass(input, o.ImageColumnName, new[] { new LabelMapGroup(Array.Empty<string>(), "label") }, o.NumberOfClasses, o.LabelColumnNames[0])
                : LabelledImagesReader.ReadInOnePass(input, o.ImageColumnName, new[] { new LabelMapGroup(o.LabelColumnNames, "label") }, o.NumberOfClasses);
            var data = read.Groups[0];
            float[]? softTargets = read.SoftTargets;
            // Read once for all the networks; each takes its own label column from it.
            var validationData = soft ? null : session.ReadValidation(o, o.LabelColumnNames);

            bool separate = !soft && o.MultipleLabelColumns == MultipleLabelColumnsMode.SeparateNetworks && o.LabelColumnNames.Length > 1;
            int networksToTrain = separate ? o.LabelColumnNames.Length : 1;
            var networks = new SegmentationNetwork[networksToTrain];
            var histories = new IReadOnlyList<EpochSummary>[networksToTrain];
            var objective = new TrainingObjective(lambda: 0, TraceNormalization.MeanOverAnnotators, warmupEpochs: 0, globalEpochs: 0, confusionLearningRate: o.LearningRate);
            var architecture = new NetworkArchitecture(dims[0], o.NumberOfClasses, o.NetworkWidth, o.NetworkDepth, 0, ConfusionMatrixKind.PixelWise, 0);
            for (int k = 0; k < networksToTrain; k++)
            {
                using var tensors = TrainingTensors.Create(data, softTargets, null, o.NumberOfClasses, separate ? k : null, out int dropped);
                string label = separate ? $"network for '{o.LabelColumnNames[k]}'" : "segmentation";
                if (tensors.Count == 0)
                {
                    throw new InvalidOperationException($"No image in the training data has labels for the {label}.");
                }

                if (dropped > 0)
                {
                    session.Channel.Info(MessageSensitivity.None, $"{label}: {dropped} images without labels are left out.");
                }

                using var validation = validationData?.Tensors(o.NumberOfClasses, separate ? k : null);
                networks[k] = session.CreateNetwork(architecture, k);
                histories[k] = session.Loop(o).Run(networks[k], objective, tensors, validation, label);
            }

            var (model, onnx) = session.Export(networks, o.ImageColumnName, dims, o.Outputs, input);
            return new SegmentationTransformer(model, onnx, networks, histories, o.ImageColumnName, dims, o.NumberOfClasses, Array.Empty<string>(), o.Outputs);
        }

        /// <summary>The output schema: the input's columns plus the probabilities and the predicted label.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            foreach (string column in _options.LabelColumnNames)
            {
                SchemaChecks.FindColumn(inputSchema, column, "label");
            }

            return OnnxDeployment.OutputSchema(_mlContext, inputSchema, _options.ImageColumnName, _options.Outputs);
        }

        /// <summary>One column of Single whose size (known, or that of its first row) is L * H * W holds soft targets.</summary>
        private bool IsSoft(IDataView data, int[] dims)
        {
            var schema = data.Schema;
            if (_options.LabelColumnNames.Length != 1)
            {
                return false;
            }

            var column = SchemaChecks.FindColumn(schema, _options.LabelColumnNames[0], "label");
            if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
            {
                return false;
            }

            int softSize = _options.NumberOfClasses * dims[1] * dims[2];
            if (vector.Size != 0)
            {
                return vector.Size == softSize;
            }

            // A vector of variable size (the output of a label transform): look at the first row. This is the one read
            // before the full pass, and it is needed: whether the column holds labels or probabilities decides which
            // columns that pass reads and how it checks them, and a column of unknown size can be told only by a row.
            using var cursor = data.GetRowCursor(new[] { column });
            if (!cursor.MoveNext())
            {
                return false;
            }

            VBuffer<float> first = default;
            cursor.GetGetter<VBuffer<float>>(column)(ref first);
            return first.Length == softSize;
        }
    }
}
