using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.NoisyLabels.Persistence;
using TorchSharp;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// A trained segmentation model. It segments images through an ONNX graph that the package writes from the
    /// trained weights and applies with ML.NET's <c>ApplyOnnxModel</c>: model.zip holds that graph, and
    /// <c>mlContext.Model.Load</c> gives back an ML.NET chain that runs in a process that never loads TorchSharp
    /// (it needs Microsoft.ML.OnnxTransformer and an ONNX Runtime package). The trained TorchSharp networks stay
    /// reachable here, to continue training (<c>InitialModel</c>) or to export. It holds native resources (the
    /// networks' tensors, the ONNX Runtime session): dispose it when done, as ML.NET's ONNX transformer is disposed.
    /// </summary>
    public sealed class SegmentationTransformer : NoisyLabelsTransformer, IDisposable
    {
        private readonly byte[] _onnxModel;
        private readonly SegmentationNetwork[] _networks;

        internal SegmentationTransformer(ITransformer model, byte[] onnxModel, SegmentationNetwork[] networks, IReadOnlyList<IReadOnlyList<EpochSummary>> histories,
            string imageColumnName, int[] imageDimensions, int classes, IReadOnlyList<string> annotatorColumnNames, OnnxOutputNames outputs)
            : base(model)
        {
            _onnxModel = onnxModel;
            _networks = networks;
            TrainingHistories = histories;
            ImageColumnName = imageColumnName;
            ImageDimensions = imageDimensions;
            NumberOfClasses = classes;
            AnnotatorColumnNames = annotatorColumnNames;
            ProbabilitiesColumnName = outputs.Probabilities;
            PredictedLabelColumnName = outputs.PredictedLabel;
            ConfusionMatricesColumnName = outputs.Confusion;
            AnnotatorPredictionsColumnName = outputs.AnnotatorPredictions;
            ConfusionFieldColumnName = outputs.ConfusionField;
        }

        /// <summary>The image column the model reads.</summary>
        public string ImageColumnName { get; }

        /// <summary>The image dimensions the model was trained on, [C, H, W].</summary>
        public IReadOnlyList<int> ImageDimensions { get; }

        /// <summary>Number of classes L.</summary>
        public int NumberOfClasses { get; }

        /// <summary>The annotator columns whose confusion matrices the model learnt (empty for plain networks).</summary>
        public IReadOnlyList<string> AnnotatorColumnNames { get; }

        /// <summary>Output column of class probabilities [L, H, W].</summary>
        public string? ProbabilitiesColumnName { get; }

        /// <summary>Output column of the predicted class per pixel [H, W].</summary>
        public string? PredictedLabelColumnName { get; }

        /// <summary>Output column of each annotator's confusion matrix per image, [R, L, L] indexed [annotator][observed][true], if requested.</summary>
        public string? ConfusionMatricesColumnName { get; }

        /// <summary>Output column of each annotator's confusion matrix per pixel, [R, L, L, H, W] indexed [annotator][observed][true][pixel], if requested.</summary>
        public string? ConfusionFieldColumnName { get; }

        /// <summary>Output column of each annotator's predicted mask, [R, H, W], if requested.</summary>
        public string? AnnotatorPredictionsColumnName { get; }

        /// <summary>Per trained network (one, or one per annotator), what each epoch measured.</summary>
        public IReadOnlyList<IReadOnlyList<EpochSummary>> TrainingHistories { get; }

        /// <summary>What each epoch of the first (usually the only) network measured.</summary>
        public IReadOnlyList<EpochSummary> TrainingHistory => TrainingHistories[0];

        /// <summary>The trained TorchSharp networks (one, or one per annotator). Their outputs are log-probabilities.</summary>
        public IReadOnlyList<torch.nn.Module> Networks => _networks;

        internal IReadOnlyList<SegmentationNetwork> SegmentationNetworks => _networks;

        /// <summary>The ONNX model that <see cref="NoisyLabelsTransformer.Model"/> applies (a copy).</summary>
        public byte[] GetOnnxModel() => (byte[])_onnxModel.Clone();

        /// <summary>Releases the networks' tensors and the ONNX Runtime session of <see cref="NoisyLabelsTransformer.Model"/>.</summary>
        public void Dispose()
        {
            foreach (var network in _networks)
            {
                network.Dispose();
            }

            (Model as IDisposable)?.Dispose();
        }
    }
}
