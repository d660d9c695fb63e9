using Microsoft.ML.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Evaluation
{
    [TestClass]
    public class EvaluationTests
    {
        private const double Tolerance = 1e-12;
        private static readonly float N = float.NaN;

        private sealed class SegmentationRow
        {
            public float[] Truth { get; set; } = Array.Empty<float>();

            public float[] Predicted { get; set; } = Array.Empty<float>();
        }

        private static IDataView Segmentations(MLContext ml, params (float[] Truth, float[] Predicted)[] rows)
        {
            var schema = SchemaDefinition.Create(typeof(SegmentationRow));
            schema[nameof(SegmentationRow.Truth)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2, 2);
            schema[nameof(SegmentationRow.Predicted)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2, 2);
            return ml.Data.LoadFromEnumerable(rows.Select(r => new SegmentationRow { Truth = r.Truth, Predicted = r.Predicted }).ToArray(), schema);
        }

        [TestMethod]
        public void DiceOnTinyBinaryMaps()
        {
            var ml = new MLContext(seed: 1);
            var data = Segmentations(
                ml,
                (new float[] { 1, 1, 0, 0 }, new float[] { 1, 0, 0, 0 }), // 2 * 1 / (2 + 1) = 2/3
                (new float[] { 0, 0, 0, 0 }, new float[] { 0, 0, 0, 0 }), // both empty: 1
                (new float[] { 1, 1, 1, 1 }, new float[] { 0, 0, 0, 0 })); // 0
            var metrics = ml.NoisyLabels().Evaluation.EvaluateSegmentation(data, "Truth", "Predicted");
            Assert.AreEqual(3, metrics.Count);
            Assert.AreEqual(2, metrics.NumberOfClasses);
            CollectionAssert.AreEqual(new[] { 2.0 / 3, 1, 0 }, metrics.PerImageDice.ToArray());
            Assert.AreEqual(5.0 / 9, metrics.Dice, Tolerance);
            // Sample deviation of (2/3, 1, 0) around 5/9: sqrt((1/81 + 16/81 + 25/81) / 2) = sqrt(21) / 9.
            Assert.AreEqual(Math.Sqrt(21) / 9, metrics.DiceStandardDeviation, Tolerance);
            Assert.AreEqual(5.0 / 9, metrics.PerClassDice[1], Tolerance, "class 1 is the foreground");
            // Background: image 0: 2 * 2 / (2 + 3) = 0.8; image 1: 1; image 2: no background in the truth, 4 in the
            // prediction: 0.
            Assert.AreEqual(0.6, metrics.PerClassDice[0], Tolerance);
        }

        private sealed class KeyRow
        {
            public uint[] Truth { get; set; } = Array.Empty<uint>();

            public uint[] Predicted { get; set; } = Array.Empty<uint>();
        }

        [TestMethod]
        public void ForegroundAndPerClassDiceWithThreeClassesAndKeyColumns()
        {
            var ml = new MLContext(seed: 1);
            var schema = SchemaDefinition.Create(typeof(KeyRow));
            schema[nameof(KeyRow.Truth)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(uint), 3), 2, 2);
            schema[nameof(KeyRow.Predicted)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(uint), 3), 2, 2);
            // Classes (key - 1): truth 0, 1, 2, 2; prediction 0, 2, 2, 1.
            var data = ml.Data.LoadFromEnumerable(new[] { new KeyRow { Truth = new uint[] { 1, 2, 3, 3 }, Predicted = new uint[] { 1, 3, 3, 2 } } }, schema);
            var metrics = ml.NoisyLabels().Evaluation.EvaluateSegmentation(data, "Truth", "Predicted", numberOfClasses: 3);
            // Foreground (any class but 0): pixels 1, 2, 3 in both: Dice 1, although classes 1 and 2 are mixed up.
            Assert.AreEqual(1, metrics.Dice, Tolerance);
            Assert.AreEqual(0, metrics.DiceStandardDeviation);
            Assert.AreEqual(1, metrics.PerClassDice[0], Tolerance);
            Assert.AreEqual(0, metrics.PerClassDice[1], Tolerance);
            Assert.AreEqual(0.5, metrics.PerClassDice[2], Tolerance, "class 2: truth {2, 3}, prediction {1, 2}: 2 * 1 / 4");

            // Without a number of classes, the key type's count says 3, as the fusion transforms read it.
            var inferred = ml.NoisyLabels().Evaluation.EvaluateSegmentation(data, "Truth", "Predicted");
            CollectionAssert.AreEqual(metrics.PerClassDice.ToArray(), inferred.PerClassDice.ToArray());
        }

        [TestMethod]
        public void SegmentationErrorsNameTheColumnAndRow()
        {
            var ml = new MLContext(seed: 1);
            var evaluation = ml.NoisyLabels().Evaluation;
            var missing = Segmentations(ml, (new float[] { 1, 0, 0, 0 }, new float[] { 1, 0, 0, 0 }), (new float[] { 1, 0, 0, 0 }, new[] { N, N, N, N }));
            var ex = Assert.Throws<InvalidOperationException>(() => evaluation.EvaluateSegmentation(missing, "Truth", "Predicted"));
            StringAssert.Contains(ex.Message, "'Predicted', row 1");

            var outOfRange = Segmentations(ml, (new float[] { 1, 0, 2, 0 }, new float[] { 1, 0, 0, 0 }));
            ex = Assert.Throws<InvalidOperationException>(() => evaluation.EvaluateSegmentation(outOfRange, "Truth", "Predicted"));
            StringAssert.Contains(ex.Message, "'Truth', row 0: value 2 at pixel 2");

            var notFound = Assert.Throws<ArgumentOutOfRangeException>(() => evaluation.EvaluateSegmentation(outOfRange, "Truth", "Nope"));
            StringAssert.Contains(notFound.Message, "Could not find label column 'Nope'");
        }

        private sealed class MatrixRow
        {
            public float[] Truth { get; set; } = Array.Empty<float>();

            public float[] First { get; set; } = Array.Empty<float>();

            public float[] Second { get; set; } = Array.Empty<float>();

            public float[] Estimate { get; set; } = Array.Empty<float>();
        }

        private static IDataView Matrices(MLContext ml, int estimateLength, params MatrixRow[] rows)
        {
            var schema = SchemaDefinition.Create(typeof(MatrixRow));
            foreach (string name in new[] { nameof(MatrixRow.Truth), nameof(MatrixRow.First), nameof(MatrixRow.Second) })
            {
                schema[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2, 2);
            }

            schema[nameof(MatrixRow.Estimate)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, estimateLength);
            return ml.Data.LoadFromEnumerable(rows, schema);
        }

        /// <summary>Two annotators, three images; each estimate is [r][observed][true].</summary>
        private static MatrixRow[] PerImageRows() => new[]
        {
            // Truth 0 0 1 1; first says 0 1 1 1: true CM [[1/2, 0], [1/2, 1]]; estimate [[.6, .1], [.4, .9]]: RMSE 0.1.
            // The second is missing: its (wrong) estimate is ignored.
            new MatrixRow
            {
                Truth = new float[] { 0, 0, 1, 1 }, First = new float[] { 0, 1, 1, 1 }, Second = new[] { N, N, N, N },
                Estimate = new[] { .6f, .1f, .4f, .9f, 0, 0, 0, 0 },
            },

            // Truth has no class 1: only column 0 counts. First: column 0 = [3/4, 1/4], estimate [.5, .5]: RMSE 0.25
            // (its column 1 is wrong and ignored). Second: column 0 = [1, 0], estimated exactly: 0.
            new MatrixRow
            {
                Truth = new float[] { 0, 0, 0, 0 }, First = new float[] { 0, 0, 1, 0 }, Second = new float[] { 0, 0, 0, 0 },
                Estimate = new[] { .5f, .3f, .5f, .7f, 1, .5f, 0, .5f },
            },

            // First missing. Second: truth 1 1 1 0, says 1 0 1 0: true CM [[1, 1/3], [0, 2/3]]; estimate [[.9, .5], [.1, .5]].
            new MatrixRow
            {
                Truth = new float[] { 1, 1, 1, 0 }, First = new[] { N, N, N, N }, Second = new float[] { 1, 0, 1, 0 },
                Estimate = new[] { 0, 0, 0, 0, .9f, .5f, .1f, .5f },
            },
        };

        [TestMethod]
        public void ConfusionMatrixErrorPerImageEstimates()
        {
            var ml = new MLContext(seed: 1);
            var data = Matrices(ml, 8, PerImageRows());
            var metrics = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(data, new[] { "First", "Second" }, "Truth", "Estimate");
            // float inputs: compare with the float values the data hold.
            double Sq(float a, double b) => (a - b) * (a - b);
            double first0 = Math.Sqrt((Sq(.6f, .5) + Sq(.1f, 0) + Sq(.4f, .5) + Sq(.9f, 1)) / 4);
            double first1 = Math.Sqrt((Sq(.5f, .75) + Sq(.5f, .25)) / 2);
            double second2 = Math.Sqrt((Sq(.9f, 1) + Sq(.5f, 1.0 / 3) + Sq(.1f, 0) + Sq(.5f, 2.0 / 3)) / 4);
            Assert.AreEqual(0.1, first0, 1e-7);
            Assert.AreEqual(0.25, first1, 1e-7);
            Assert.AreEqual(Math.Sqrt(0.0755555555 / 4), second2, 1e-7);

            Assert.IsFalse(metrics.IsPerPixel);
            Assert.AreEqual(4, metrics.Count);
            CollectionAssert.AreEqual(new[] { 2, 2 }, metrics.PerAnnotatorCount.ToArray());
            Assert.AreEqual((first0 + first1) / 2, metrics.PerAnnotatorRootMeanSquaredError[0], Tolerance);
            Assert.AreEqual((0 + second2) / 2, metrics.PerAnnotatorRootMeanSquaredError[1], Tolerance);
            Assert.AreEqual((first0 + first1 + 0 + second2) / 4, metrics.RootMeanSquaredError, Tolerance);
            CollectionAssert.AreEqual(new[] { "First", "Second" }, metrics.AnnotatorColumnNames.ToArray());
        }

        [TestMethod]
        public void ConfusionMatrixErrorPerPixelFieldsAverageEachColumnOverItsOwnPixels()
        {
            var ml = new MLContext(seed: 1);
            // One annotator (First) and the second missing; estimate [R = 2, L, L, 2, 2] laid out [r][observed][true][pixel].
            // Truth 0 0 1 1, first says 0 1 1 1: true CM [[1/2, 0], [1/2, 1]]. Column 0 averages pixels 0 and 1,
            // column 1 pixels 2 and 3; the other pixels' values (here 1 and 0) must not count.
            var first = new float[]
            {
                .8f, .4f, 1, 1,   // (observed 0, true 0): mean over pixels 0, 1 = .6
                1, 1, .1f, .1f,   // (observed 0, true 1): mean over pixels 2, 3 = .1
                .2f, .6f, 0, 0,   // (observed 1, true 0): .4
                0, 0, .9f, .9f,   // (observed 1, true 1): .9
            };
            var row = new MatrixRow
            {
                Truth = new float[] { 0, 0, 1, 1 }, First = new float[] { 0, 1, 1, 1 }, Second = new[] { N, N, N, N },
                Estimate = first.Concat(new float[16]).ToArray(),
            };
            var data = Matrices(ml, 32, row);
            var metrics = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(data, new[] { "First", "Second" }, "Truth", "Estimate");
            Assert.IsTrue(metrics.IsPerPixel);
            Assert.AreEqual(1, metrics.Count);
            Assert.AreEqual(0.1, metrics.RootMeanSquaredError, 1e-7);
            Assert.IsTrue(double.IsNaN(metrics.PerAnnotatorRootMeanSquaredError[1]));
            CollectionAssert.AreEqual(new[] { 1, 0 }, metrics.PerAnnotatorCount.ToArray());
        }

        [TestMethod]
        public void ConfusionMatrixErrorsNameTheColumnAndRow()
        {
            var ml = new MLContext(seed: 1);
            var evaluation = ml.NoisyLabels().Evaluation;
            var rows = PerImageRows();
            var wrongLength = Matrices(ml, 6, rows.Select(r => new MatrixRow { Truth = r.Truth, First = r.First, Second = r.Second, Estimate = r.Estimate.Take(6).ToArray() }).ToArray());
            var ex = Assert.Throws<InvalidOperationException>(() => evaluation.EvaluateConfusionMatrices(wrongLength, new[] { "First", "Second" }, "Truth", "Estimate"));
            StringAssert.Contains(ex.Message, "Confusion matrix column 'Estimate', row 0: 6 values; expected 8");

            rows[1].Estimate[2] = float.NaN;
            ex = Assert.Throws<InvalidOperationException>(() => evaluation.EvaluateConfusionMatrices(Matrices(ml, 8, rows), new[] { "First", "Second" }, "Truth", "Estimate"));
            StringAssert.Contains(ex.Message, "row 1: value NaN at index 2");

            rows = PerImageRows();
            rows[2].Truth = new[] { N, N, N, N };
            ex = Assert.Throws<InvalidOperationException>(() => evaluation.EvaluateConfusionMatrices(Matrices(ml, 8, rows), new[] { "First", "Second" }, "Truth", "Estimate"));
            StringAssert.Contains(ex.Message, "Label column 'Truth', row 2: the ground truth is missing");

            rows = PerImageRows();
            foreach (var row in rows)
            {
                row.First = row.Second = new[] { N, N, N, N };
            }

            ex = Assert.Throws<InvalidOperationException>(() => evaluation.EvaluateConfusionMatrices(Matrices(ml, 8, rows), new[] { "First", "Second" }, "Truth", "Estimate"));
            StringAssert.Contains(ex.Message, "has an annotation on any of the 3 rows");

            var notFound = Assert.Throws<ArgumentOutOfRangeException>(() => evaluation.EvaluateConfusionMatrices(Matrices(ml, 8, PerImageRows()), new[] { "First" }, "Truth", "Nope"));
            StringAssert.Contains(notFound.Message, "Could not find confusion matrix column 'Nope'");
        }

        private sealed class AnnotatedRow
        {
            public float[] Mask { get; set; } = Array.Empty<float>();

            public float[] Good { get; set; } = Array.Empty<float>();

            public float[] Over { get; set; } = Array.Empty<float>();

            public float[] Under { get; set; } = Array.Empty<float>();

            public float[] Wrong { get; set; } = Array.Empty<float>();

            public float[] Blank { get; set; } = Array.Empty<float>();

            public float[] Estimate { get; set; } = Array.Empty<float>();
        }

        [TestMethod]
        public void SimulatedAnnotatorsScoredAgainstTheIdentity()
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, 10);
            var annotated = ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 1).Fit(mnist).Transform(mnist);
            var names = Microsoft.ML.NoisyLabels.Simulation.SimulatedAnnotatorColumnNames.All.ToArray();
            float[][] Get(string name) => annotated.GetColumn<float[]>(name).ToArray();
            var mask = Get("Mask");
            var columns = names.Select(Get).ToArray();

            // The identity for every annotator, [5, 2, 2].
            var identity = Enumerable.Range(0, names.Length).SelectMany(_ => new float[] { 1, 0, 0, 1 }).ToArray();
            var rows = Enumerable.Range(0, mask.Length).Select(n => new AnnotatedRow
            {
                Mask = mask[n], Good = columns[0][n], Over = columns[1][n], Under = columns[2][n], Wrong = columns[3][n], Blank = columns[4][n],
                Estimate = identity,
            }).ToArray();
            var schema = SchemaDefinition.Create(typeof(AnnotatedRow));
            foreach (string name in names.Append("Mask"))
            {
                schema[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 28, 28);
            }

            schema["Estimate"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, names.Length, 2, 2);
            var metrics = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(ml.Data.LoadFromEnumerable(rows, schema), names, "Mask", "Estimate");
            Assert.AreEqual(50, metrics.Count);
            Assert.AreEqual(0, metrics.PerAnnotatorRootMeanSquaredError[0], Tolerance, "Good is the identity");

            // Blank says 0 everywhere: its column 1 is [1, 0] against the identity's [0, 1]: sqrt(2 / 4).
            Assert.AreEqual(Math.Sqrt(0.5), metrics.PerAnnotatorRootMeanSquaredError[4], Tolerance, "Blank");

            // Over keeps every foreground pixel (column 1 exact) and marks a fraction f of the background as foreground:
            // RMSE sqrt(2 f^2 / 4) = f / sqrt(2) per image.
            double expectedOver = 0;
            for (int n = 0; n < mask.Length; n++)
            {
                int background = mask[n].Count(v => v == 0);
                int marked = Enumerable.Range(0, mask[n].Length).Count(p => mask[n][p] == 0 && columns[1][n][p] == 1);
                expectedOver += (double)marked / background / Math.Sqrt(2);
            }

            Assert.AreEqual(expectedOver / mask.Length, metrics.PerAnnotatorRootMeanSquaredError[1], Tolerance, "Over");
        }
    }
}
