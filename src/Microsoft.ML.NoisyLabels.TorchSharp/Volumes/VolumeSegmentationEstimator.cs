using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Segments whole volumes with a 2D model trained on patches (<see cref="SegmentationTransformer"/>, from
    /// <c>SamplePatches</c> and either trainer): slice by slice across <see cref="Options.SliceAxis"/>, each slice cut
    /// into overlapping windows of the training patch size, whose probabilities are blended with Gaussian weights. The
    /// networks use instance normalisation, whose statistics depend on the field of view, so they must see fields the
    /// size they were trained on.
    /// </summary>
    /// <remarks>
    /// <para>Fitting reads no data: it writes one ONNX graph for the volume column's shape (a Scan over the slices, the
    /// windows of a slice run as one batch) and applies it with ML.NET's <c>ApplyOnnxModel</c>, so the fitted
    /// transformer saves in model.zip and scores in a process without TorchSharp, and memory holds one slice's
    /// windows at a time besides the outputs. Windows start at 0 and are spread evenly to the last one, flush with the
    /// border, at steps of at most (1 - <see cref="Options.Overlap"/>) times their size; a slice smaller than a window
    /// is padded with zeros below and right, as <c>SamplePatches</c> pads. A window pixel's weight is a Gaussian of
    /// standard deviation one eighth of the window's size around its centre; each voxel's probabilities are the
    /// weighted mean over the windows that cover it.</para>
    /// <format type="text/markdown"><![CDATA[
    /// ### Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input columns | Volume: known-size vector of Single, [D, H, W] or [C, D, H, W] with the model's C. |
    /// | Output columns | Probabilities: vector of Single [L, D, H, W]. PredictedLabel: vector of Single [D, H, W] (NaN where the probabilities are). For two-network models, on request: confusion matrices per volume [R, L, L] and per voxel [R, L, L, D, H, W], indexed [annotator][observed][true]. |
    /// | Exportable to ONNX | Yes (it is an ONNX graph) |
    /// | Required NuGet packages | Microsoft.ML.NoisyLabels.TorchSharp to fit; Microsoft.ML.NoisyLabels and an ONNX Runtime package to score a saved model. |
    /// ]]></format>
    /// </remarks>
    public sealed class VolumeSegmentationEstimator : IEstimator<VolumeSegmentationTransformer>
    {
        private readonly MLContext _mlContext;
        private readonly SegmentationTransformer _model;
        private readonly Options _options;

        /// <summary>The options of <see cref="VolumeSegmentationEstimator"/>.</summary>
        public sealed class Options
        {
            /// <summary>The volume column: Single, [D, H, W] or [C, D, H, W] (as <c>LoadVolumes</c> gives it), all rows of one shape.</summary>
            public string VolumeColumnName = VolumeColumnNames.Image;

            /// <summary>The axis the slices are cut across: the one the training patches were cut across.</summary>
            public VolumeAxis SliceAxis = VolumeAxis.Depth;

            /// <summary>
            /// The least overlap of neighbouring windows, as a share of the window's size, in [0, 1): 0.5 (the default)
            /// moves windows by at most half their size. More overlap costs more windows and smooths seams.
            /// </summary>
            public double Overlap = 0.5;

            /// <summary>Output column of class probabilities [L, D, H, W]; null to leave it out.</summary>
            public string? ProbabilitiesColumnName = "Probabilities";

            /// <summary>Output column of the most probable class per voxel, as Single [D, H, W]; null to leave it out.</summary>
            public string? PredictedLabelColumnName = "PredictedLabel";

            /// <summary>
            /// Output column of each annotator's confusion matrix per volume, [R, L, L] indexed [annotator][observed][true]:
            /// the voxel average of the per-voxel matrices (pixel-wise heads), or the global matrices. Two-network
            /// models only; null (the default) to leave it out.
            /// </summary>
            public string? ConfusionMatricesColumnName;

            /// <summary>
            /// Output column of each annotator's confusion matrix per voxel, [R, L, L, D, H, W] (R * L * L times the
            /// voxels: 560 MB for 5 annotators, 2 classes and 181 x 217 x 181 voxels). Two-network models only; null (the
            /// default) to leave it out.
            /// </summary>
            public string? ConfusionFieldColumnName;
        }

        internal VolumeSegmentationEstimator(MLContext mlContext, SegmentationTransformer model, Options options)
        {
            _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
            _model = model ?? throw new ArgumentNullException(nameof(model));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (!(options.Overlap >= 0 && options.Overlap < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(Options.Overlap)} must be in [0, 1); got {options.Overlap}.");
            }

            if (!Enum.IsDefined(options.SliceAxis))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(Options.SliceAxis)} must be Depth, Height or Width; got {options.SliceAxis}.");
            }

            bool wantsConfusion = options.ConfusionMatricesColumnName is not null || options.ConfusionFieldColumnName is not null;
            if (wantsConfusion && (model.SegmentationNetworks.Count != 1 || !model.SegmentationNetworks[0].Architecture.HasConfusion))
            {
                throw new ArgumentException("Confusion outputs need a two-network model (AnnotatorConfusionTrainer); this model has no annotator heads.", nameof(options));
            }

            Outputs = new OnnxOutputNames(options.ProbabilitiesColumnName, options.PredictedLabelColumnName, options.ConfusionMatricesColumnName, ConfusionField: options.ConfusionFieldColumnName);
            if (Outputs.Names.Length == 0)
            {
                throw new ArgumentException("No output column is named.", nameof(options));
            }
        }

        private OnnxOutputNames Outputs { get; }

        /// <summary>Writes the graph for the volume column's shape and applies it with <c>ApplyOnnxModel</c>.</summary>
        /// <param name="input">Volumes; only the schema is read.</param>
        /// <returns>The transformer that segments the volumes.</returns>
        /// <exception cref="ArgumentOutOfRangeException">The volume column is missing, has no dimensions (volumes of
        /// several shapes) or has another number of channels than the model.</exception>
        public VolumeSegmentationTransformer Fit(IDataView input)
        {
            ArgumentNullException.ThrowIfNull(input);
            string column = _options.VolumeColumnName;
            var layout = VolumeLayout.OfColumn(input.Schema, column);
            var dims = _model.ImageDimensions;
            bool hasChannels = ((Microsoft.ML.Data.VectorDataViewType)input.Schema[column].Type).Dimensions.Length == 4;
            if (layout.Channels != dims[0])
            {
                throw new ArgumentOutOfRangeException(nameof(input),
                    $"Schema mismatch for volume column '{column}': expected {dims[0]} channel(s) as the model was trained on, got {layout.Channels} ({input.Schema[column].Type}).");
            }

            foreach (var network in _model.SegmentationNetworks)
            {
                network.cpu();
            }

            var spec = new VolumeExportSpec(column, layout, hasChannels, _options.SliceAxis, _options.Overlap, Outputs);
            byte[] onnx = VolumeOnnxExporter.Export(_model.SegmentationNetworks, dims[1], dims[2], spec);
            var host = ((IHostEnvironment)_mlContext).Register(nameof(VolumeSegmentationEstimator));
            using var channel = host.Start(nameof(Fit));
            var model = OnnxDeployment.Estimator(_mlContext, onnx, column, Outputs, message => channel.Warning(MessageSensitivity.None, message)).Fit(input);
            var plane = layout.Plane(_options.SliceAxis);
            var windows = new SlidingWindows(plane.Rows, plane.Columns, dims[1], dims[2], _options.Overlap);
            return new VolumeSegmentationTransformer(model, onnx, column, layout.Extents, _options.SliceAxis, windows, Outputs);
        }

        /// <summary>The output schema: the input's columns plus one vector of Single per output.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
            => OnnxDeployment.OutputSchema(_mlContext, inputSchema, _options.VolumeColumnName, Outputs);
    }
}
