using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Base of the fitted label-fusion transformers: fuses the annotator columns of each row (image) into a fused label
    /// map and, on request, the posterior and the annotators' confusion matrices. A facade over the first-party ML.NET
    /// pipeline in <see cref="NoisyLabelsTransformer.Model"/>, which is what model.zip holds: <c>mlContext.Model.Load</c>
    /// gives back that pipeline (a <see cref="TransformerChain{TLastTransformer}"/>), which works in any process that
    /// can load this assembly.
    /// </summary>
    public abstract class LabelFusionTransformer : NoisyLabelsTransformer
    {
        private protected LabelFusionTransformer(ITransformer model, LabelFusionOptions options, int numberOfClasses)
            : base(model)
        {
            AnnotatorColumnNames = options.AnnotatorColumnNames.ToArray();
            OutputColumnName = options.OutputColumnName;
            ProbabilitiesColumnName = options.ProbabilitiesColumnName;
            ConfusionMatricesColumnName = options.ConfusionMatricesColumnName;
            NumberOfClasses = numberOfClasses;
        }

        /// <summary>The annotator columns, in order (annotator r of the confusion matrices is column r).</summary>
        public IReadOnlyList<string> AnnotatorColumnNames { get; }

        /// <summary>The fused-label column.</summary>
        public string OutputColumnName { get; }

        /// <summary>The class-probabilities (posterior) column, [L, P], or null.</summary>
        public string? ProbabilitiesColumnName { get; }

        /// <summary>The confusion-matrix column, or null.</summary>
        public string? ConfusionMatricesColumnName { get; }

        /// <summary>The number of classes L used.</summary>
        public int NumberOfClasses { get; }

        /// <summary>
        /// True when each row holds so many labels (see <see cref="LabelFusionEstimator{TTransformer}.OneCursorValues"/>)
        /// that the output is read through one cursor (<see cref="SingleCursorDataView"/>): the mapping uses every core
        /// inside such a row, and ML.NET's row splitting would only copy it.
        /// </summary>
        internal bool OneCursor { get; init; }

        private protected override IDataView WrapOutput(IDataView output) => OneCursor ? new SingleCursorDataView(output) : output;
    }
}
