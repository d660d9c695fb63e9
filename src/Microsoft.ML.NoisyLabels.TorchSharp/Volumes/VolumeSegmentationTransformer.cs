using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Segments whole volumes with a 2D model through sliding windows (see <see cref="VolumeSegmentationEstimator"/>).
    /// It is a facade over ML.NET's ONNX transformer, which holds the graph: model.zip stores that transformer, and
    /// <c>mlContext.Model.Load</c> gives it back (not this type), usable without TorchSharp. It holds an ONNX Runtime
    /// session: dispose it when done.
    /// </summary>
    public sealed class VolumeSegmentationTransformer : NoisyLabelsTransformer, IDisposable
    {
        private readonly byte[] _onnxModel;

        internal VolumeSegmentationTransformer(ITransformer model, byte[] onnxModel, string volumeColumnName, int[] volumeDimensions, VolumeAxis sliceAxis,
            SlidingWindows windows, OnnxOutputNames outputs)
            : base(model)
        {
            _onnxModel = onnxModel;
            VolumeColumnName = volumeColumnName;
            VolumeDimensions = volumeDimensions;
            SliceAxis = sliceAxis;
            WindowRowStarts = windows.RowStarts;
            WindowColumnStarts = windows.ColumnStarts;
            ProbabilitiesColumnName = outputs.Probabilities;
            PredictedLabelColumnName = outputs.PredictedLabel;
            ConfusionMatricesColumnName = outputs.Confusion;
            ConfusionFieldColumnName = outputs.ConfusionField;
        }

        /// <summary>The volume column read.</summary>
        public string VolumeColumnName { get; }

        /// <summary>The volumes' dimensions [D, H, W] the graph was written for.</summary>
        public IReadOnlyList<int> VolumeDimensions { get; }

        /// <summary>The axis the slices are cut across.</summary>
        public VolumeAxis SliceAxis { get; }

        /// <summary>The first row of each row of windows in a slice (rows of the slice plane).</summary>
        public IReadOnlyList<int> WindowRowStarts { get; }

        /// <summary>The first column of each column of windows in a slice.</summary>
        public IReadOnlyList<int> WindowColumnStarts { get; }

        /// <summary>Output column of class probabilities [L, D, H, W], or null.</summary>
        public string? ProbabilitiesColumnName { get; }

        /// <summary>Output column of the predicted class per voxel [D, H, W], or null.</summary>
        public string? PredictedLabelColumnName { get; }

        /// <summary>Output column of the confusion matrices per volume [R, L, L], or null.</summary>
        public string? ConfusionMatricesColumnName { get; }

        /// <summary>Output column of the confusion matrices per voxel [R, L, L, D, H, W], or null.</summary>
        public string? ConfusionFieldColumnName { get; }

        /// <summary>The ONNX model that <see cref="NoisyLabelsTransformer.Model"/> applies (a copy).</summary>
        public byte[] GetOnnxModel() => (byte[])_onnxModel.Clone();

        /// <summary>Releases the ONNX Runtime session of <see cref="NoisyLabelsTransformer.Model"/>.</summary>
        public void Dispose() => (Model as IDisposable)?.Dispose();
    }
}
