namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Fuses the label maps of several annotators by majority vote (the paper's "mode label" baseline). Create it with
    /// <see cref="NoisyLabelsTransformsCatalog.MajorityVote(string, string[], int?, string?, string?)"/>.
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
    /// Each pixel gets the class that most of the annotators who labelled the image gave it; a tie goes to the smallest
    /// class index (for binary masks: background). The posterior is the one-hot fused label; each annotator's
    /// confusion matrix counts its labels against the fused labels, normalised per true class.
    /// Annotators whose whole annotation of an image is missing are left out for that image.
    /// ]]></format>
    /// </remarks>
    public sealed class MajorityVoteEstimator : LabelFusionEstimator<MajorityVoteTransformer>
    {
        private readonly Options _options;

        internal MajorityVoteEstimator(MLContext context, Options options)
            : base(context, options)
        {
            _options = options;
        }

        private protected override FusionMethod Method => FusionMethod.MajorityVote;

        private protected override MajorityVoteTransformer CreateTransformer(ITransformer model, FusionMappingSettings settings, bool oneCursor)
            => new MajorityVoteTransformer(model, _options, settings.Classes) { OneCursor = oneCursor };

        /// <summary>Options of <see cref="MajorityVoteEstimator"/>: the columns only (see <see cref="LabelFusionOptions"/>).</summary>
        public sealed class Options : LabelFusionOptions
        {
        }
    }
}
