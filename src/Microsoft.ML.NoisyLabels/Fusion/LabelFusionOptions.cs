namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The options every label-fusion estimator shares: which annotator columns to fuse and which output columns to
    /// write. Each estimator's nested <c>Options</c> class adds its method's settings.
    /// </summary>
    public abstract class LabelFusionOptions
    {
        private protected LabelFusionOptions()
        {
        }

        /// <summary>
        /// The annotator columns, one per annotator (at least one): vectors of labels, all of one size, either of an
        /// ML.NET key type (key k is class k - 1, the missing key 0 is "no label") or numeric (0..L-1, NaN for "no
        /// label"). An annotation that is missing at every pixel means that the annotator did not label that image: it
        /// is left out for that row; a row that no annotator labelled gets NaN outputs, and the first such row is reported
        /// as a warning in <see cref="MLContext.Log"/>. An annotation missing at some pixels only is an error. Each column
        /// may be named once. Columns of <see cref="float"/> are read in place; other types are converted first.
        /// </summary>
        public string[] AnnotatorColumnNames = Array.Empty<string>();

        /// <summary>
        /// The column that receives the fused labels: a vector of <see cref="float"/> (Single) class indices 0..L-1, one
        /// per pixel (NaN at every pixel when no annotator labelled the image). Required. Every output of the fusion
        /// transforms is a vector of Single, computed in double precision and rounded.
        /// </summary>
        public string OutputColumnName = string.Empty;

        /// <summary>
        /// The column that receives the class probabilities (for STAPLE, the posterior of the true label given the
        /// annotations), a vector of L x P floats, class-major (all pixels' probability of class 0, then of class 1,
        /// ...): the layout of the trainers' <c>ProbabilitiesColumnName</c>. Null for none.
        /// </summary>
        public string? ProbabilitiesColumnName;

        /// <summary>
        /// The column that receives each annotator's estimated confusion matrix, a vector of R x L x L floats indexed
        /// [annotator][observed label][true label]: every column (true label) sums to 1; NaN for an annotator who did not
        /// label the image. A true class that does not occur gets the identity column. Null for none.
        /// </summary>
        public string? ConfusionMatricesColumnName;

        /// <summary>
        /// The number of classes L (2 for binary masks, at most 255). Null: the largest key count of key-typed annotator
        /// columns, or 2 when they are numeric. Labels must lie in 0..L-1.
        /// </summary>
        public int? NumberOfClasses;

        /// <summary>Checks the options shared by every method.</summary>
        private protected void ValidateColumns()
        {
            if (AnnotatorColumnNames is null || AnnotatorColumnNames.Length == 0)
            {
                throw new ArgumentException("Label fusion needs at least one annotator column.", nameof(AnnotatorColumnNames));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in AnnotatorColumnNames)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException("Annotator column names must not be empty.", nameof(AnnotatorColumnNames));
                }

                // The same annotations twice would count one annotator twice.
                if (!seen.Add(name))
                {
                    throw new ArgumentException($"Annotator column '{name}' is named twice.", nameof(AnnotatorColumnNames));
                }
            }

            if (string.IsNullOrEmpty(OutputColumnName))
            {
                throw new ArgumentException("The output column name must not be empty.", nameof(OutputColumnName));
            }

            var outputs = OutputNames().Where(n => n is not null).ToArray();
            if (outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Length || outputs.Any(n => n!.Length == 0))
            {
                throw new ArgumentException($"The output column names must be distinct and not empty: {string.Join(", ", outputs.Select(n => "'" + n + "'"))}.");
            }

            if (NumberOfClasses is int classes && (classes < 2 || classes > Data.LabelValues.MaxClasses))
            {
                throw new ArgumentOutOfRangeException(nameof(NumberOfClasses), classes, $"The number of classes must lie in 2..{Data.LabelValues.MaxClasses}.");
            }
        }

        /// <summary>The output column names in the order of the mapping's outputs (fused, probabilities, matrices, field).</summary>
        private protected virtual string?[] OutputNames() => new[] { OutputColumnName, ProbabilitiesColumnName, ConfusionMatricesColumnName };

        internal string?[] GetOutputNames() => OutputNames();

        internal void Validate()
        {
            ValidateColumns();
            ValidateMethod();
        }

        /// <summary>Checks the method's own options.</summary>
        private protected virtual void ValidateMethod()
        {
        }
    }
}
