using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// Evaluators of segmentations and of annotator confusion-matrix estimates (docs/METHOD.md, section 7), in the
    /// manner of ML.NET's <c>Evaluate</c> methods: they read a scored data view and return a metrics object. Obtain it
    /// with <c>mlContext.NoisyLabels().Evaluation</c>.
    /// </summary>
    public sealed partial class NoisyLabelsEvaluationCatalog
    {
        private const string LabelRole = "label";
        private const string MatrixRole = "confusion matrix";

        // ML.NET's default column names (its DefaultColumnNames are internal to it), and the name the samples give the
        // matrices.
        private const string DefaultLabelColumnName = "Label";
        private const string DefaultPredictedLabelColumnName = "PredictedLabel";
        private const string DefaultConfusionMatricesColumnName = "ConfusionMatrices";

        internal NoisyLabelsEvaluationCatalog(MLContext mlContext)
        {
            Context = mlContext;
        }

        /// <summary>The context the evaluators run in.</summary>
        internal MLContext Context { get; }

        /// <summary>
        /// Scores predicted label maps against the ground truth: the foreground Dice per image, its mean and standard
        /// deviation over images, and the Dice of every class.
        /// </summary>
        /// <param name="data">The scored data.</param>
        /// <param name="labelColumnName">The ground-truth column: a vector of labels (key k = class k - 1, or numbers
        /// 0..L-1), present on every row. Default "Label", as ML.NET's evaluators.</param>
        /// <param name="predictedLabelColumnName">The predicted labels, in the same form, present on every row. Default
        /// "PredictedLabel", the trainers' output.</param>
        /// <param name="numberOfClasses">The number of classes L (2 for binary masks). Null: the largest key count of the
        /// key-typed columns, or 2 when they are numeric, as the fusion transforms infer it.</param>
        /// <returns>The metrics.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or is not a vector of labels.</exception>
        /// <exception cref="InvalidOperationException">A value is not a label below <paramref name="numberOfClasses"/>, a map
        /// is missing or has the wrong size, or there are no rows; the message names the column, the row and the value.</exception>
        public SegmentationMetrics EvaluateSegmentation(
            IDataView data,
            string labelColumnName = DefaultLabelColumnName,
            string predictedLabelColumnName = DefaultPredictedLabelColumnName,
            int? numberOfClasses = null)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(labelColumnName);
            ArgumentNullException.ThrowIfNull(predictedLabelColumnName);
            int classes = Classes(data, new[] { labelColumnName, predictedLabelColumnName }, numberOfClasses);
            var images = LabelledImagesReader.Read(data, null, new[] { labelColumnName, predictedLabelColumnName }, classes, LabelRole);
            if (images.Count == 0)
            {
                throw new InvalidOperationException("There are no rows to evaluate.");
            }

            var perImage = new double[images.Count];
            var perClass = new double[images.Count][];
            var counts = new long[3 * classes];
            for (int n = 0; n < images.Count; n++)
            {
                RequirePresent(images, n, 0, "ground truth");
                RequirePresent(images, n, 1, "prediction");
                var truth = images.LabelsOf(n, 0);
                var prediction = images.LabelsOf(n, 1);
                perImage[n] = DiceScore.Foreground(truth, prediction);
                perClass[n] = new double[classes];
                DiceScore.PerClass(truth, prediction, perClass[n], counts);
            }

            var classMeans = new double[classes];
            var classDeviations = new double[classes];
            for (int c = 0; c < classes; c++)
            {
                (classMeans[c], classDeviations[c]) = SegmentationMetrics.MeanAndStandardDeviation(perClass.Select(d => d[c]).ToArray());
            }

            return new SegmentationMetrics(classes, perImage, classMeans, classDeviations);
        }

        /// <summary>
        /// Scores estimated annotator confusion matrices against those the ground truth implies: the root mean squared
        /// error per annotator and image, averaged (see <see cref="ConfusionMatrixErrorMetrics"/>).
        /// </summary>
        /// <param name="data">The data with the ground truth, the annotations and the estimate.</param>
        /// <param name="annotatorColumnNames">The annotator columns, in the order of the estimate's first axis; an
        /// annotation missing on a row (all NaN, or the missing key) skips that annotator on that image.</param>
        /// <param name="labelColumnName">The ground-truth column, present on every row. Default "Label", as ML.NET's
        /// evaluators.</param>
        /// <param name="confusionMatricesColumnName">The estimate: a vector of Single laid out either [R, L, L] (one matrix
        /// per annotator and image indexed [annotator][observed][true], as the fusion transforms' and the trainer's
        /// <c>ConfusionMatricesColumnName</c>) or [R, L, L, H, W] (a matrix per pixel indexed
        /// [annotator][observed][true][pixel], as their <c>ConfusionFieldColumnName</c>). The layout is told from the
        /// vector's length. Default "ConfusionMatrices".</param>
        /// <param name="numberOfClasses">The number of classes L. Null: the largest key count of the key-typed label and
        /// annotator columns, or 2 when they are numeric, as the fusion transforms infer it.</param>
        /// <returns>The metrics.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type.</exception>
        /// <exception cref="InvalidOperationException">A bad label, a missing ground truth, an estimate of the wrong
        /// length or with a non-finite value, or no annotation at all; the message names the column and the row.</exception>
        public ConfusionMatrixErrorMetrics EvaluateConfusionMatrices(
            IDataView data,
            string[] annotatorColumnNames,
            string labelColumnName = DefaultLabelColumnName,
            string confusionMatricesColumnName = DefaultConfusionMatricesColumnName,
            int? numberOfClasses = null)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(labelColumnName);
            ArgumentNullException.ThrowIfNull(annotatorColumnNames);
            ArgumentNullException.ThrowIfNull(confusionMatricesColumnName);
            if (annotatorColumnNames.Length == 0)
            {
                throw new ArgumentException("At least one annotator column is needed.", nameof(annotatorColumnNames));
            }

            var matrixColumn = SchemaChecks.FindColumn(data.Schema, confusionMatricesColumnName, MatrixRole);
            if (matrixColumn.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector || vector.ItemType != NumberDataViewType.Single)
            {
                throw SchemaChecks.Mismatch(MatrixRole, confusionMatricesColumnName, "vector of Single", matrixColumn.Type);
            }

            var labelColumns = new[] { labelColumnName }.Concat(annotatorColumnNames).ToArray();
            int classes = Classes(data, labelColumns, numberOfClasses);
            var images = LabelledImagesReader.Read(data, null, labelColumns, classes, LabelRole);
            int annotators = annotatorColumnNames.Length;
            int pixels = images.Pixels;
            long perImageLength = (long)annotators * classes * classes;
            long perPixelLength = perImageLength * pixels;
            var sums = new double[annotators];
            var counts = new int[annotators];
            var truthMatrix = new double[classes * classes];
            var estimate = new double[classes * classes];
            var columnPixels = new long[classes];
            bool? perPixel = null;

            using var cursor = data.GetRowCursor(new[] { matrixColumn });
            var getter = cursor.GetGetter<VBuffer<float>>(matrixColumn);
            VBuffer<float> buffer = default;
            float[] dense = Array.Empty<float>();
            int row = -1;
            while (cursor.MoveNext())
            {
                row++;
                if (row >= images.Count)
                {
                    throw new InvalidOperationException($"The data gave more rows on a second pass ({row + 1}) than on the first ({images.Count}): evaluation needs a deterministic data view.");
                }

                getter(ref buffer);
                bool rowPerPixel = buffer.Length == perPixelLength && perPixelLength != perImageLength ? true
                    : buffer.Length == perImageLength ? false
                    : throw new InvalidOperationException(
                        $"Confusion matrix column '{confusionMatricesColumnName}', row {row}: {buffer.Length} values; expected {perImageLength} " +
                        $"([R, L, L] = [{annotators}, {classes}, {classes}]) or {perPixelLength} ([R, L, L, H, W] = [{annotators}, {classes}, {classes}, {images.Height}, {images.Width}]).");
                if (perPixel is not null && perPixel != rowPerPixel)
                {
                    throw new InvalidOperationException(
                        $"Confusion matrix column '{confusionMatricesColumnName}', row {row}: {buffer.Length} values, a different layout from the rows before.");
                }

                perPixel = rowPerPixel;
                var values = Dense(buffer, ref dense);
                for (int k = 0; k < values.Length; k++)
                {
                    if (!float.IsFinite(values[k]))
                    {
                        throw new InvalidOperationException($"Confusion matrix column '{confusionMatricesColumnName}', row {row}: value {values[k]} at index {k}; estimates must be finite.");
                    }
                }

                RequirePresent(images, row, 0, "ground truth");
                var truth = images.LabelsOf(row, 0);
                for (int r = 0; r < annotators; r++)
                {
                    if (!images.IsPresent(row, r + 1))
                    {
                        continue;
                    }

                    ConfusionMatrixError.TrueMatrix(truth, images.LabelsOf(row, r + 1), classes, truthMatrix, columnPixels);
                    if (rowPerPixel)
                    {
                        int size = classes * classes * pixels;
                        ConfusionMatrixError.AverageField(values.Slice(r * size, size), truth, classes, columnPixels, estimate);
                    }
                    else
                    {
                        for (int k = 0; k < classes * classes; k++)
                        {
                            estimate[k] = values[(r * classes * classes) + k];
                        }
                    }

                    sums[r] += ConfusionMatrixError.RootMeanSquaredError(estimate, truthMatrix, classes, columnPixels);
                    counts[r]++;
                }
            }

            if (row + 1 != images.Count)
            {
                throw new InvalidOperationException($"The data gave fewer rows on a second pass ({row + 1}) than on the first ({images.Count}): evaluation needs a deterministic data view.");
            }

            if (counts.Sum() == 0)
            {
                throw new InvalidOperationException(
                    $"No annotator column ({string.Join(", ", annotatorColumnNames.Select(c => "'" + c + "'"))}) has an annotation on any of the {images.Count} rows.");
            }

            return new ConfusionMatrixErrorMetrics((string[])annotatorColumnNames.Clone(), sums, counts, perPixel == true);
        }

        /// <summary>The number of classes: as given, else inferred from the columns' key types (see <see cref="KeyLabels.InferClasses"/>).</summary>
        private static int Classes(IDataView data, IEnumerable<string> labelColumns, int? numberOfClasses)
            => numberOfClasses ?? KeyLabels.InferClasses(
                null,
                labelColumns.Select(name => LabelColumn.Find(data.Schema, name, LabelRole)).Where(c => c.IsKey).Select(c => c.KeyCount),
                "label columns",
                nameof(numberOfClasses));

        /// <summary>The buffer's values as a dense span (sparse vectors are expanded into <paramref name="scratch"/>).</summary>
        private static ReadOnlySpan<float> Dense(in VBuffer<float> buffer, ref float[] scratch)
        {
            if (buffer.IsDense)
            {
                return buffer.GetValues();
            }

            if (scratch.Length != buffer.Length)
            {
                scratch = new float[buffer.Length];
            }

            Array.Clear(scratch);
            var values = buffer.GetValues();
            var indices = buffer.GetIndices();
            for (int k = 0; k < indices.Length; k++)
            {
                scratch[indices[k]] = values[k];
            }

            return scratch;
        }

        private static void RequirePresent(LabelledImages images, int row, int map, string what)
        {
            if (!images.IsPresent(row, map))
            {
                throw new InvalidOperationException($"Label column '{images.LabelColumns[map]}', row {row}: the {what} is missing (every value is NaN or the missing key).");
            }
        }
    }
}
