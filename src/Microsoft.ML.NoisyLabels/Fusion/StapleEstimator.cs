namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Fuses the label maps of several annotators with STAPLE (Warfield, Zou and Wells 2004), which estimates each
    /// annotator's confusion matrix and the true segmentation together by expectation-maximisation, image by image.
    /// Create it with <see cref="NoisyLabelsTransformsCatalog.Staple(string, string[], int?, string?, string?)"/>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    ///
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | One column per annotator: known- or variable-size vector of a key type or of numbers (labels 0..L-1), all of one size |
    /// | Output column data type | Variable-size vector of <xref:System.Single>: fused labels; optionally the posterior, the confusion matrices and the EM statistics |
    /// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.NoisyLabels |
    /// | Exportable to ONNX | No |
    ///
    /// Two classes: ITK's STAPLEImageFilter, step for step. W starts as the fraction of annotators marking each pixel;
    /// the foreground prior g = mean(W) x ConfidenceWeight is fixed; each iteration computes every annotator's
    /// sensitivity p and specificity q from W, then W from p, q and g; it stops after an iteration (not the first) in
    /// which no p or q changed by more than 1e-7, or at the iteration cap. The fused label is W > 0.5; the confusion
    /// matrix is [[q, 1 - p], [1 - q, p]] indexed [observed][true].
    ///
    /// More classes: ITK's MultiLabelSTAPLEImageFilter (Rohlfing et al. 2004) without its two quirks: the initial
    /// matrices come from the majority vote, normalised per true class, with tied pixels left out; the prior is the
    /// label frequency over all annotators' pixels; it stops when no matrix entry changes by the termination threshold
    /// or more. The fused label is the posterior's argmax, ties to the smallest class.
    ///
    /// Products over annotators are computed as sums of logarithms. The EM runs over the distinct combinations of
    /// labels in the image, with their pixel counts, which gives the same estimates as running it over the pixels.
    ///
    /// Each row's EM reports its iterations and whether it met its stopping rule in the optional statistics column
    /// (`StatisticsColumnName`); the first row that stops at the iteration cap without converging is also reported as
    /// a warning in `MLContext.Log`. ITK's binary filter has no cap: a row that needs more iterations than the cap gets
    /// the estimates of the last iteration run, which can differ from ITK's.
    /// ]]></format>
    /// </remarks>
    public sealed class StapleEstimator : LabelFusionEstimator<StapleTransformer>
    {
        private readonly Options _options;

        internal StapleEstimator(MLContext context, Options options)
            : base(context, options)
        {
            _options = options;
        }

        private protected override FusionMethod Method => FusionMethod.Staple;

        private protected override FusionMappingSettings CreateSettings(AnnotatorColumns columns)
        {
            var staple = _options.ToSettings();
            staple.Validate(columns.Classes);
            return base.CreateSettings(columns) with { Staple = staple, Statistics = _options.StatisticsColumnName is not null };
        }

        private protected override StapleTransformer CreateTransformer(ITransformer model, FusionMappingSettings settings, bool oneCursor)
            => new StapleTransformer(model, _options, settings) { OneCursor = oneCursor };

        /// <summary>Options of <see cref="StapleEstimator"/>.</summary>
        public sealed class Options : LabelFusionOptions
        {
            /// <summary>
            /// The most EM iterations per image. ITK's binary filter has no cap; its EM normally stops within a few
            /// dozen iterations.
            /// </summary>
            public int MaximumNumberOfIterations = FusionDefaults.StapleMaximumIterations;

            /// <summary>
            /// Two classes only (ITK's ConfidenceWeight): the estimated foreground prior (the mean fraction of annotators
            /// marking a pixel) is multiplied by this; the product is clamped to [0, 1].
            /// </summary>
            public double ConfidenceWeight = FusionDefaults.ConfidenceWeight;

            /// <summary>
            /// More than two classes only: stop when no confusion-matrix entry changed by this much or more in an
            /// iteration (ITK's default 1e-5). The binary algorithm keeps ITK's own fixed rule.
            /// </summary>
            public double TerminationThreshold = FusionDefaults.MultiLabelTerminationThreshold;

            /// <summary>
            /// The prior probability of each class (L values summing to 1), or null to estimate it from the annotations
            /// of each image (the label frequencies). For two classes, the second value replaces g.
            /// </summary>
            public double[]? PriorProbabilities;

            /// <summary>
            /// The column that receives each row's EM statistics, a vector of two <see cref="float"/> values: the number
            /// of iterations run, and 1 if the stopping rule was met (0 if the EM stopped at
            /// <see cref="MaximumNumberOfIterations"/>, NaN for a row that no annotator labelled). Null for none.
            /// </summary>
            public string? StatisticsColumnName;

            internal StapleSettings ToSettings() => new StapleSettings
            {
                MaximumIterations = MaximumNumberOfIterations,
                ConfidenceWeight = ConfidenceWeight,
                TerminationThreshold = TerminationThreshold,
                Prior = PriorProbabilities?.ToArray(),
            };

            private protected override string?[] OutputNames()
                => new[] { OutputColumnName, ProbabilitiesColumnName, ConfusionMatricesColumnName, StatisticsColumnName };

            private protected override void ValidateMethod() => ToSettings().Validate(PriorProbabilities?.Length ?? FusionDefaults.NumberOfClasses);
        }
    }
}
