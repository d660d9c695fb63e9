namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Fuses the label maps of several annotators into their mean: the fraction of annotators giving each class (the
    /// paper's "mean label" soft target). Create it with
    /// <see cref="NoisyLabelsTransformsCatalog.MeanLabel(string, string[], int?, string?, string?)"/>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    ///
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | One column per annotator: known- or variable-size vector of a key type or of numbers (labels 0..L-1), all of one size |
    /// | Output column data type | Variable-size vector of <xref:System.Single>: fused labels; optionally the posterior and the confusion matrices |
    /// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.NoisyLabels |
    /// | Exportable to ONNX | No |
    ///
    /// The posterior of class c at a pixel is the fraction of the annotators who labelled the image that gave it c;
    /// the fused label is its argmax, which is the majority vote with the same tie rule (smallest class). Each
    /// annotator's confusion matrix counts its labels against the soft posterior, normalised per true class.
    /// ]]></format>
    /// </remarks>
    public sealed class MeanLabelEstimator : LabelFusionEstimator<MeanLabelTransformer>
    {
        private readonly Options _options;

        internal MeanLabelEstimator(MLContext context, Options options)
            : base(context, options)
        {
            _options = options;
        }

        private protected override FusionMethod Method => FusionMethod.MeanLabel;

        private protected override MeanLabelTransformer CreateTransformer(ITransformer model, FusionMappingSettings settings, bool oneCursor)
            => new MeanLabelTransformer(model, _options, settings.Classes) { OneCursor = oneCursor };

        /// <summary>Options of <see cref="MeanLabelEstimator"/>: the columns only (see <see cref="LabelFusionOptions"/>).</summary>
        public sealed class Options : LabelFusionOptions
        {
        }
    }
}
