namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Fuses the label maps of several annotators with Spatial STAPLE (Asman and Landman 2012): STAPLE whose confusion
    /// matrices vary over the image, estimated in a window around each pixel. Create it with
    /// <see cref="NoisyLabelsTransformsCatalog.SpatialStaple(string, string[], int, int?, string?, string?)"/>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    ///
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | One column per annotator: vector of a key type or of numbers (labels 0..L-1), all of one size, with dimensions [H, W] or [D, H, W] (or set `ImageShape`) |
    /// | Output column data type | Variable-size vector of <xref:System.Single>: fused labels; optionally the posterior, the confusion matrices and the confusion-matrix field |
    /// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.NoisyLabels |
    /// | Exportable to ONNX | No |
    ///
    /// Every annotator k has a confusion matrix theta_k(x) at each pixel x, from the soft counts in the
    /// (2r+1)-wide window around x blended with the annotator's whole-image (STAPLE) matrix by a pseudo-count kappa:
    /// theta_k(x)[o, s] = (C_k(x)[o, s] + kappa theta_k[o, s]) / (B_s(x) + kappa), where C_k(x)[o, s] is the window's
    /// posterior weight of class s at pixels the annotator labelled o and B_s(x) the window's weight of class s. Each
    /// column sums to 1; a class absent from a window takes the global column; kappa = +infinity is plain STAPLE.
    /// Windows are clipped at the image borders and summed separably with running sums, in 2D and 3D.
    ///
    /// The EM starts from the fraction of annotators voting each class, fixes the pixels where at least the consensus
    /// threshold of them agree, and alternates the matrices and the posterior (prior: the voxelwise vote fraction, or
    /// the image's label frequencies) until the mean change of the posteriors is below the convergence threshold.
    /// The confusion matrices reported are the pixel averages of theta_k(x); the field holds theta_k(x) itself,
    /// R x L x L x P floats indexed [annotator][observed][true][pixel].
    ///
    /// Defaults are those of the authors' tool (radius 5, voxelwise prior, consensus 0.99, convergence 1e-4,
    /// 100 iterations) and kappa = 1. For 28 x 28 MNIST digits a radius of 3 to 5 is reasonable.
    /// ]]></format>
    /// </remarks>
    public sealed class SpatialStapleEstimator : LabelFusionEstimator<SpatialStapleTransformer>
    {
        private readonly Options _options;

        internal SpatialStapleEstimator(MLContext context, Options options)
            : base(context, options)
        {
            _options = options;
        }

        private protected override FusionMethod Method => FusionMethod.SpatialStaple;

        private protected override FusionMappingSettings CreateSettings(AnnotatorColumns columns)
            => base.CreateSettings(columns) with
            {
                Spatial = _options.ToSettings(),
                Shape = ResolveShape(columns),
                Field = _options.ConfusionFieldColumnName is not null,
            };

        private protected override SpatialStapleTransformer CreateTransformer(ITransformer model, FusionMappingSettings settings, bool oneCursor)
            => new SpatialStapleTransformer(model, _options, settings) { OneCursor = oneCursor };

        private ImageShape ResolveShape(AnnotatorColumns columns)
        {
            string first = _options.AnnotatorColumnNames[0];
            if (_options.ImageShape is int[] dimensions)
            {
                var shape = ImageShape.FromDimensions(dimensions);
                if (columns.Pixels != 0 && columns.Pixels != shape.Pixels)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(Options.ImageShape), $"The image shape {shape} has {shape.Pixels} pixels, but annotator column '{first}' holds {columns.Pixels} labels.");
                }

                return shape;
            }

            return columns.Shape ?? throw new ArgumentException(
                $"Spatial STAPLE needs the image shape: annotator column '{first}' has no dimensions [H, W] or [D, H, W]. Set {nameof(Options)}.{nameof(Options.ImageShape)}.");
        }

        /// <summary>Options of <see cref="SpatialStapleEstimator"/>.</summary>
        public sealed class Options : LabelFusionOptions
        {
            /// <summary>
            /// The window radius r, at least 1: windows are 2r+1 pixels wide along each axis (the authors' default, 5). A radius
            /// of 0 is refused with an <see cref="ArgumentOutOfRangeException"/> naming this option.
            /// </summary>
            public int WindowRadius = FusionDefaults.WindowRadius;

            /// <summary>
            /// kappa, the weight of the global (whole-image STAPLE) matrix in each window, in pixels: each window's counts
            /// get kappa times the global matrix added before they are normalised. 0 is purely local (a class absent from
            /// a window then takes the global column); <see cref="double.PositiveInfinity"/> is purely global (STAPLE).
            /// The default, 1, defines the columns of classes absent from a window and barely moves windows with data.
            /// </summary>
            public double GlobalPseudoCount = FusionDefaults.GlobalPseudoCount;

            /// <summary>
            /// True (the default): the prior of class s at a pixel is the fraction of the annotators voting s there.
            /// False: the label frequencies over all the image's annotations, as in STAPLE.
            /// </summary>
            public bool VoxelwisePrior = FusionDefaults.VoxelwisePrior;

            /// <summary>
            /// Pixels where at least this fraction of the annotators agree are fixed to their label (they still count in
            /// the windows). Must exceed 0.5; a value above 1 fixes no pixel. Default 0.99.
            /// </summary>
            public double ConsensusThreshold = FusionDefaults.ConsensusThreshold;

            /// <summary>
            /// Stop when the mean, over the pixels being estimated, of the change of their posterior (summed over
            /// classes) is below this. Default 1e-4.
            /// </summary>
            public double ConvergenceThreshold = FusionDefaults.SpatialConvergenceThreshold;

            /// <summary>The most EM iterations per image. Default 100.</summary>
            public int MaximumNumberOfIterations = FusionDefaults.SpatialMaximumIterations;

            /// <summary>
            /// The image shape, [H, W] or [D, H, W], or null to take it from the annotator columns' dimensions.
            /// </summary>
            public int[]? ImageShape;

            /// <summary>
            /// The column that receives the confusion-matrix field theta_k(x), R x L x L x P floats indexed
            /// [annotator][observed][true][pixel] (NaN for annotators who did not label the image); null for none.
            /// </summary>
            public string? ConfusionFieldColumnName;

            internal SpatialStapleSettings ToSettings() => new SpatialStapleSettings
            {
                WindowRadius = WindowRadius,
                GlobalPseudoCount = GlobalPseudoCount,
                VoxelwisePrior = VoxelwisePrior,
                ConsensusThreshold = ConsensusThreshold,
                ConvergenceThreshold = ConvergenceThreshold,
                MaximumIterations = MaximumNumberOfIterations,
            };

            private protected override string?[] OutputNames()
                => new[] { OutputColumnName, ProbabilitiesColumnName, ConfusionMatricesColumnName, ConfusionFieldColumnName };

            private protected override void ValidateMethod()
            {
                ToSettings().Validate();
                if (ImageShape is not null)
                {
                    Fusion.ImageShape.FromDimensions(ImageShape);
                }
            }
        }
    }
}
