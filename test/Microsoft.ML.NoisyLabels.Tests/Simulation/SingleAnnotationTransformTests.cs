using Microsoft.ML.Data;
using Row = Microsoft.ML.NoisyLabels.Tests.Simulation.SixAnnotatorRow;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    [TestClass]
    public class SingleAnnotationTransformTests
    {
        private const int Pixels = 9;
        private const int Annotators = 6;
        private static readonly string[] Names = Row.Names;

        /// <summary>Random 3 x 3 annotations of three classes; annotator r is missing on a row with probability 0.3.</summary>
        private static Row[] MakeRows(int count, int seed)
        {
            var random = new Random(seed);
            float[] Annotation() => random.NextDouble() < 0.3
                ? Enumerable.Repeat(float.NaN, Pixels).ToArray()
                : Enumerable.Range(0, Pixels).Select(_ => (float)random.Next(3)).ToArray();
            var rows = Enumerable.Range(0, count).Select(_ => Row.From(_ => Annotation())).ToArray();
            // One row with no annotation at all.
            rows[0] = Row.From(_ => Missing());
            return rows;

            static float[] Missing() => Enumerable.Repeat(float.NaN, Pixels).ToArray();
        }

        private static IDataView ToData(MLContext ml, IEnumerable<Row> rows) => SixAnnotatorRow.ToData(ml, rows, 3);

        /// <summary>The index of the one annotation kept on each row (-1 when none), checking it equals its input.</summary>
        private static int[] Chosen(IDataView output, Row[] rows, string[] outputNames)
        {
            var columns = outputNames.Select(n => output.GetColumn<float[]>(n).ToArray()).ToArray();
            var chosen = new int[rows.Length];
            for (int n = 0; n < rows.Length; n++)
            {
                var kept = Enumerable.Range(0, Annotators).Where(r => !columns[r][n].All(float.IsNaN)).ToArray();
                Assert.IsTrue(kept.Length <= 1, $"row {n}: {kept.Length} annotations kept");
                bool any = rows[n].Annotations().Any(a => !float.IsNaN(a[0]));
                Assert.AreEqual(any ? 1 : 0, kept.Length, $"row {n}");
                chosen[n] = kept.Length == 0 ? -1 : kept[0];
                if (kept.Length == 1)
                {
                    CollectionAssert.AreEqual(rows[n].Annotations()[kept[0]], columns[kept[0]][n], $"row {n}: the kept annotation is unchanged");
                }

                for (int r = 0; r < Annotators; r++)
                {
                    Assert.AreEqual(Pixels, columns[r][n].Length);
                }
            }

            return chosen;
        }

        [TestMethod]
        public void KeepsOnePresentAnnotationPerRowUniformly()
        {
            var ml = new MLContext(seed: 1);
            var rows = MakeRows(1200, 3);
            var data = ToData(ml, rows);
            var model = ml.NoisyLabels().Transforms.KeepSingleAnnotation(Names, seed: 4).Fit(data);
            CollectionAssert.AreEqual(Names, model.OutputColumnNames.ToArray(), "in place by default");
            var chosen = Chosen(model.Transform(data), rows, Names);
            Assert.AreEqual(-1, chosen[0]);

            // Uniform among the present annotators: each is kept about 1/6 of the time (expected 200 of 1200 rows).
            for (int r = 0; r < Annotators; r++)
            {
                int count = chosen.Count(c => c == r);
                Assert.IsTrue(count > 150 && count < 250, $"annotator {r} kept {count} times");
            }

            // Rows with a single present annotator keep that one.
            for (int n = 1; n < rows.Length; n++)
            {
                var present = Enumerable.Range(0, Annotators).Where(r => !float.IsNaN(rows[n].Annotations()[r][0])).ToArray();
                if (present.Length == 1)
                {
                    Assert.AreEqual(present[0], chosen[n]);
                }
            }
        }

        [TestMethod]
        public void TheDrawDependsOnTheSeedAndTheRowNotOnTheRowOrder()
        {
            var ml = new MLContext(seed: 1);
            var rows = MakeRows(200, 5);
            var outputs = Names.Select(n => "Kept" + n).ToArray();
            var options = new SingleAnnotationEstimator.Options { AnnotatorColumnNames = Names, OutputColumnNames = outputs, Seed = 8 };
            var forward = ToData(ml, rows);
            var backward = ToData(ml, rows.Reverse());
            var a = Chosen(ml.NoisyLabels().Transforms.KeepSingleAnnotation(options).Fit(forward).Transform(forward), rows, outputs);
            var b = Chosen(ml.NoisyLabels().Transforms.KeepSingleAnnotation(options).Fit(backward).Transform(backward), rows.Reverse().ToArray(), outputs).Reverse().ToArray();
            CollectionAssert.AreEqual(a, b);

            options.Seed = 9;
            var c = Chosen(ml.NoisyLabels().Transforms.KeepSingleAnnotation(options).Fit(forward).Transform(forward), rows, outputs);
            Assert.IsTrue(a.Zip(c).Count(p => p.First != p.Second) > 100, "another seed draws differently");

            // The inputs stay when the outputs have other names.
            var output = ml.NoisyLabels().Transforms.KeepSingleAnnotation(options).Fit(forward).Transform(forward);
            CollectionAssert.AreEqual(rows[3].A2, output.GetColumn<float[]>("A2").ElementAt(3));
        }

        [TestMethod]
        public void SavedModelDrawsTheSameInThisAndANewProcess()
        {
            var ml = new MLContext(seed: 1);
            var rows = MakeRows(60, 7);
            var data = ToData(ml, rows);
            var model = ml.NoisyLabels().Transforms.KeepSingleAnnotation(Names, seed: 2).Fit(data);
            var expected = Chosen(model.Transform(data), rows, Names);
            CollectionAssert.AreEqual(expected, Chosen(ModelRoundTrip.SaveAndLoad(ml, model, data).Transform(data), rows, Names));
            var (fresh, _) = ModelRoundTrip.TransformInNewProcess(ml, model, data);
            CollectionAssert.AreEqual(expected, Chosen(fresh, rows, Names));
        }

        [TestMethod]
        public void SingleLabelRegimeOnSimulatedMnistAnnotators()
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, 100);
            var names = SimulatedAnnotatorColumnNames.All.ToArray();
            var pipeline = ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 1)
                .Append(ml.NoisyLabels().Transforms.KeepSingleAnnotation(names, seed: 1));
            var output = pipeline.Fit(mnist).Transform(mnist);
            var columns = names.Select(n => output.GetColumn<float[]>(n).ToArray()).ToArray();
            var kept = new int[names.Length];
            for (int n = 0; n < 100; n++)
            {
                var present = Enumerable.Range(0, names.Length).Where(r => !columns[r][n].All(float.IsNaN)).ToArray();
                Assert.AreEqual(1, present.Length, $"row {n}");
                Assert.IsTrue(columns[present[0]][n].All(v => v == 0 || v == 1));
                kept[present[0]]++;
            }

            Assert.IsTrue(kept.All(k => k > 5), $"every annotator is kept sometimes: {string.Join(", ", kept)}");
        }

        private sealed class KeyRow
        {
            public byte[] First { get; set; } = Array.Empty<byte>();

            public byte[] Second { get; set; } = Array.Empty<byte>();
        }

        [TestMethod]
        public void KeyColumnsComeOutAsClassIndicesAndErrorsNameTheColumn()
        {
            var ml = new MLContext(seed: 1);
            var schema = SchemaDefinition.Create(typeof(KeyRow));
            schema[nameof(KeyRow.First)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(byte), 3), 4);
            schema[nameof(KeyRow.Second)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(byte), 3), 4);
            var rows = new[] { new KeyRow { First = new byte[] { 1, 2, 3, 1 }, Second = new byte[4] } };
            var data = ml.Data.LoadFromEnumerable(rows, schema);
            var output = ml.NoisyLabels().Transforms.KeepSingleAnnotation(new[] { "First", "Second" }, seed: 1).Fit(data).Transform(data);
            CollectionAssert.AreEqual(new float[] { 0, 1, 2, 0 }, output.GetColumn<float[]>("First").Single());
            Assert.IsTrue(output.GetColumn<float[]>("Second").Single().All(float.IsNaN));

            var partly = MakeRows(3, 1);
            partly[1].A3[4] = float.NaN;
            var bad = ToData(ml, partly);
            var ex = Assert.Throws<InvalidOperationException>(
                () => ml.NoisyLabels().Transforms.KeepSingleAnnotation(Names, seed: 1).Fit(bad).Transform(bad).GetColumn<float[]>("A0").ToArray());
            StringAssert.Contains(ex.ToString(), "Annotator column 'A3'");

            Assert.Throws<ArgumentException>(() => ml.NoisyLabels().Transforms.KeepSingleAnnotation(new SingleAnnotationEstimator.Options
            {
                AnnotatorColumnNames = Names,
                OutputColumnNames = new[] { "x" },
            }));
            var notFound = Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.KeepSingleAnnotation(new[] { "A0", "Z" }, 1).Fit(bad));
            StringAssert.Contains(notFound.Message, "Could not find annotator column 'Z'");
        }
    }
}
