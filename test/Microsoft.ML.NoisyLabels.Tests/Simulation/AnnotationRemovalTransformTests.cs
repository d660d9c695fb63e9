using Microsoft.ML.Data;
using Row = Microsoft.ML.NoisyLabels.Tests.Simulation.SixAnnotatorRow;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    [TestClass]
    public class AnnotationRemovalTransformTests
    {
        private const int Pixels = 4;
        private static readonly string[] Names = Row.Names;

        /// <summary>Random 2 x 2 annotations of two classes; annotator r is absent with probability <paramref name="absent"/>.</summary>
        private static Row[] MakeRows(int count, int seed, double absent)
        {
            var random = new Random(seed);
            float[] Annotation() => random.NextDouble() < absent
                ? Enumerable.Repeat(float.NaN, Pixels).ToArray()
                : Enumerable.Range(0, Pixels).Select(_ => (float)random.Next(2)).ToArray();
            return Enumerable.Range(0, count).Select(_ => Row.From(_ => Annotation())).ToArray();
        }

        private static IDataView ToData(MLContext ml, IEnumerable<Row> rows) => SixAnnotatorRow.ToData(ml, rows, 2);

        /// <summary>Per row, which annotators were kept; checks that kept annotations are unchanged and removed ones all NaN.</summary>
        private static bool[][] Kept(IDataView output, Row[] rows)
        {
            var columns = Names.Select(n => output.GetColumn<float[]>(n).ToArray()).ToArray();
            var kept = new bool[rows.Length][];
            for (int n = 0; n < rows.Length; n++)
            {
                kept[n] = new bool[Names.Length];
                for (int r = 0; r < Names.Length; r++)
                {
                    var value = columns[r][n];
                    kept[n][r] = !value.All(float.IsNaN);
                    if (kept[n][r])
                    {
                        CollectionAssert.AreEqual(rows[n].Annotations()[r], value, $"row {n}, annotator {r}: a kept annotation is unchanged");
                    }
                    else
                    {
                        Assert.IsTrue(value.All(float.IsNaN), $"row {n}, annotator {r}: a removed annotation is missing at every pixel");
                    }
                }
            }

            return kept;
        }

        [TestMethod]
        public void RemovesEachAnnotationWithTheProbabilityAndKeepsOnePerRow()
        {
            var ml = new MLContext(seed: 1);
            var rows = MakeRows(1000, 3, absent: 0);
            var data = ToData(ml, rows);
            var kept = Kept(ml.NoisyLabels().Transforms.RemoveAnnotations(Names, removalProbability: 0.7, seed: 4).Fit(data).Transform(data), rows);

            Assert.IsTrue(kept.All(k => k.Any()), "every row keeps at least one annotation");
            // Expected kept fraction: (1 - p) + p^R / R = 0.3 + 0.7^6 / 6 = 0.3196, i.e. 1,918 of 6,000 annotations
            // (standard deviation 36); and 0.7^6 = 11.8% of the rows (118 of 1,000, sd 10) keep exactly one that way.
            int total = kept.Sum(k => k.Count(x => x));
            Assert.IsTrue(total > 1770 && total < 2070, $"{total} of 6000 annotations kept");
            for (int r = 0; r < Names.Length; r++)
            {
                int count = kept.Count(k => k[r]);
                Assert.IsTrue(count > 250 && count < 390, $"annotator {r} kept {count} of 1000 times");
            }
        }

        [TestMethod]
        public void ProbabilitiesZeroAndOneKeepAllOrOne_MissingStaysMissing()
        {
            var ml = new MLContext(seed: 1);
            var rows = MakeRows(300, 5, absent: 0.4);
            rows[0] = Row.From(_ => Missing());
            var data = ToData(ml, rows);

            var all = Kept(ml.NoisyLabels().Transforms.RemoveAnnotations(Names, 0, seed: 1).Fit(data).Transform(data), rows);
            var one = Kept(ml.NoisyLabels().Transforms.RemoveAnnotations(Names, 1, seed: 1).Fit(data).Transform(data), rows);
            for (int n = 0; n < rows.Length; n++)
            {
                var present = rows[n].Annotations().Select(a => !float.IsNaN(a[0])).ToArray();
                CollectionAssert.AreEqual(present, all[n], $"row {n}: probability 0 keeps what is present");
                Assert.AreEqual(present.Any(x => x) ? 1 : 0, one[n].Count(x => x), $"row {n}: probability 1 keeps one");
                Assert.IsTrue(one[n].Zip(present).All(p => !p.First || p.Second), $"row {n}: only a present annotation is kept");
            }

            static float[] Missing() => Enumerable.Repeat(float.NaN, Pixels).ToArray();
        }

        [TestMethod]
        public void TheDrawsDependOnTheSeedNotOnTheRowOrder_AndSurviveSaving()
        {
            var ml = new MLContext(seed: 1);
            var rows = MakeRows(200, 7, absent: 0.2);
            var forward = ToData(ml, rows);
            var backward = ToData(ml, rows.Reverse());
            var model = ml.NoisyLabels().Transforms.RemoveAnnotations(Names, 0.5, seed: 8).Fit(forward);
            Assert.AreEqual(0.5, model.RemovalProbability);
            var a = Kept(model.Transform(forward), rows);
            var b = Kept(model.Transform(backward), rows.Reverse().ToArray()).Reverse().ToArray();
            for (int n = 0; n < rows.Length; n++)
            {
                CollectionAssert.AreEqual(a[n], b[n], $"row {n}");
            }

            var other = Kept(ml.NoisyLabels().Transforms.RemoveAnnotations(Names, 0.5, seed: 9).Fit(forward).Transform(forward), rows);
            Assert.IsTrue(Enumerable.Range(0, rows.Length).Count(n => !a[n].SequenceEqual(other[n])) > 100, "another seed draws differently");

            var loaded = Kept(ModelRoundTrip.SaveAndLoad(ml, model, forward).Transform(forward), rows);
            var (fresh, _) = ModelRoundTrip.TransformInNewProcess(ml, model, forward);
            var inNewProcess = Kept(fresh, rows);
            for (int n = 0; n < rows.Length; n++)
            {
                CollectionAssert.AreEqual(a[n], loaded[n], $"row {n}, loaded");
                CollectionAssert.AreEqual(a[n], inNewProcess[n], $"row {n}, new process");
            }
        }

        [TestMethod]
        public void BadProbabilitiesAndColumnsAreRefused()
        {
            var ml = new MLContext(seed: 1);
            foreach (double p in new[] { -0.1, 1.5, double.NaN })
            {
                var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.RemoveAnnotations(Names, p));
                StringAssert.Contains(ex.Message, "RemovalProbability must be between 0 and 1");
            }

            Assert.Throws<ArgumentException>(() => ml.NoisyLabels().Transforms.RemoveAnnotations(new[] { "A0", "A0" }, 0.5));
            var data = ToData(ml, MakeRows(3, 1, absent: 0));
            var notFound = Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.RemoveAnnotations(new[] { "A0", "Z" }, 0.5, seed: 1).Fit(data));
            StringAssert.Contains(notFound.Message, "Could not find annotator column 'Z'");
        }
    }
}
