using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    [TestClass]
    public class AnnotatorSimulationTransformTests
    {
        private static readonly string[] Names = SimulatedAnnotatorColumnNames.All.ToArray();

        private sealed class MaskRow
        {
            public float[] Mask { get; set; } = Array.Empty<float>();

            public int Id { get; set; }
        }

        private static IDataView FromMasks(MLContext ml, IEnumerable<float[]> masks, IEnumerable<int>? ids = null)
        {
            var schema = SchemaDefinition.Create(typeof(MaskRow));
            schema[nameof(MaskRow.Mask)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 28, 28);
            var list = masks.ToArray();
            var idList = ids?.ToArray() ?? new int[list.Length];
            return ml.Data.LoadFromEnumerable(list.Select((m, i) => new MaskRow { Mask = m, Id = idList[i] }).ToArray(), schema);
        }

        private static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

        [TestMethod]
        public void SimpleOverloadWritesThePapersFiveAnnotatorsAsTheKernelComputesThem()
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, 25);
            var estimator = ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 7);
            var model = estimator.Fit(mnist);
            Assert.AreEqual(7, model.Seed);
            Assert.AreEqual(MnistColumnNames.Mask, model.InputColumnName);
            CollectionAssert.AreEqual(Names, model.Annotators.Select(a => a.OutputColumnName).ToArray());
            CollectionAssert.AreEqual(new double?[] { 0, 1.5, 0.7, 1.5, 0 }, model.Annotators.Select(a => a.Amount).ToArray());
            CollectionAssert.AreEqual(new int?[] { 0, 0, 0, 3, 0 }, model.Annotators.Select(a => a.Fractures).ToArray());

            var output = model.Transform(mnist);
            foreach (string name in Names)
            {
                var type = (VectorDataViewType)output.Schema[name].Type;
                Assert.AreEqual(NumberDataViewType.Single, type.ItemType, name);
            }

            var masks = Column(output, MnistColumnNames.Mask);
            var columns = Names.Select(n => Column(output, n)).ToArray();
            var sim = new AnnotatorSimulator(28, 28, 4);
            var recipes = model.Annotators.Select(a => a.ToRecipe()).ToArray();
            var expected = new float[28 * 28];
            for (int row = 0; row < masks.Length; row++)
            {
                CollectionAssert.AreEqual(masks[row], columns[0][row], $"row {row}: Good is the ground truth");
                Assert.AreEqual(0, Strokes.Count(columns[4][row]), $"row {row}: Blank is empty");
                sim.Load(Strokes.ToBytes(masks[row]));
                ulong hash = SimulationRandom.RowHash(7, masks[row]);
                for (int j = 0; j < recipes.Length; j++)
                {
                    var random = SimulationRandom.ForRow(hash, j);
                    sim.Simulate(recipes[j], ref random, expected);
                    CollectionAssert.AreEqual(expected, columns[j][row], $"row {row}, {Names[j]}");
                }

                Assert.IsTrue(Strokes.Count(columns[1][row]) > Strokes.Count(masks[row]), $"row {row}: Over grows");
                Assert.IsTrue(Strokes.Count(columns[2][row]) < Strokes.Count(masks[row]), $"row {row}: Under shrinks");
            }
        }

        [TestMethod]
        public void ResultsDependOnTheSeedAndTheRowNotOnTheRowOrder()
        {
            var ml = new MLContext(seed: 1);
            var masks = Strokes.MnistMasks(20).Select(m => m.Select(b => (float)b).ToArray()).ToArray();
            var forward = FromMasks(ml, masks);
            var backward = FromMasks(ml, masks.Reverse());
            var estimator = ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 11);
            var a = Column(estimator.Fit(forward).Transform(forward), SimulatedAnnotatorColumnNames.Wrong);
            var b = Column(estimator.Fit(backward).Transform(backward), SimulatedAnnotatorColumnNames.Wrong).Reverse().ToArray();
            var again = Column(new MLContext(seed: 99).NoisyLabels().Transforms.SimulateAnnotators(seed: 11).Fit(forward).Transform(forward), SimulatedAnnotatorColumnNames.Wrong);
            var other = Column(ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 12).Fit(forward).Transform(forward), SimulatedAnnotatorColumnNames.Wrong);
            int differs = 0;
            for (int row = 0; row < masks.Length; row++)
            {
                CollectionAssert.AreEqual(a[row], b[row], $"row {row}");
                CollectionAssert.AreEqual(a[row], again[row], $"row {row}");
                differs += a[row].SequenceEqual(other[row]) ? 0 : 1;
            }

            Assert.IsTrue(differs >= 15, $"another seed changed only {differs} of 20 rows");

            // Without a seed, the context's seed decides, reproducibly.
            int first = new MLContext(seed: 5).NoisyLabels().Transforms.SimulateAnnotators().Fit(forward).Seed;
            int second = new MLContext(seed: 5).NoisyLabels().Transforms.SimulateAnnotators().Fit(forward).Seed;
            Assert.AreEqual(first, second);
        }

        [TestMethod]
        public void SeedColumnTellsEqualMasksApart()
        {
            var ml = new MLContext(seed: 1);
            var bar = Strokes.HorizontalBar(12, 3).Select(b => (float)b).ToArray();
            var data = FromMasks(ml, Enumerable.Repeat(bar, 6), new[] { 0, 1, 2, 3, 4, 4 });
            var options = new AnnotatorSimulationEstimator.Options
            {
                Annotators = new[] { new SimulatedAnnotator("Cut", SimulatedAnnotatorKind.Wrong) { Fractures = 1 } },
                Seed = 3,
                SeedColumnName = nameof(MaskRow.Id),
            };
            var cut = Column(ml.NoisyLabels().Transforms.SimulateAnnotators(options).Fit(data).Transform(data), "Cut");
            CollectionAssert.AreEqual(cut[4], cut[5], "same mask, same id");
            Assert.IsTrue(cut.Take(5).Select(c => string.Join(",", c)).Distinct().Count() >= 3, "different ids cut in different places");
            foreach (var c in cut)
            {
                Assert.AreEqual(2, Strokes.Components(c));
            }

            options.SeedColumnName = null;
            var same = Column(ml.NoisyLabels().Transforms.SimulateAnnotators(options).Fit(data).Transform(data), "Cut");
            Assert.AreEqual(1, same.Select(c => string.Join(",", c)).Distinct().Count(), "without a seed column equal masks are cut alike");
        }

        [TestMethod]
        public void SavedModelGivesTheSameAnnotatorsInThisAndANewProcess()
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(TestData.MnistTestImages, TestData.MnistTestLabels, 12);
            var model = ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 5).Fit(mnist);
            var expected = Names.Select(n => Column(model.Transform(mnist), n)).ToArray();

            var loaded = ModelRoundTrip.SaveAndLoad(ml, model, mnist);
            Assert.IsInstanceOfType<TransformerChain<ITransformer>>(loaded);
            // The loader process has no libtorch backend: the simulation runs without one. (ML.NET's scan of the
            // contract assembly may load the managed TorchSharp assembly, a dependency of the package, but no native code.)
            var (fresh, _) = ModelRoundTrip.TransformInNewProcess(ml, model, mnist);
            foreach (var output in new[] { loaded.Transform(mnist), fresh })
            {
                for (int j = 0; j < Names.Length; j++)
                {
                    var actual = Column(output, Names[j]);
                    Assert.AreEqual(expected[j].Length, actual.Length);
                    for (int row = 0; row < actual.Length; row++)
                    {
                        CollectionAssert.AreEqual(expected[j][row], actual[row], $"{Names[j]}, row {row}");
                    }
                }
            }

            Assert.IsFalse(fresh.Schema.Any(c => !c.IsHidden && c.Name.StartsWith("__nl_", StringComparison.Ordinal)));
        }

        private sealed class KeyRow
        {
            public uint[] Truth { get; set; } = Array.Empty<uint>();
        }

        [TestMethod]
        public void KeyMasksMissingMasksAndBadValues()
        {
            var ml = new MLContext(seed: 1);
            var bar = Strokes.HorizontalBar(12, 3);
            var schema = SchemaDefinition.Create(typeof(KeyRow));
            schema[nameof(KeyRow.Truth)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(uint), 2), 28, 28);
            var rows = new[]
            {
                new KeyRow { Truth = bar.Select(b => (uint)(b + 1)).ToArray() },
                new KeyRow { Truth = new uint[28 * 28] },
            };
            var data = ml.Data.LoadFromEnumerable(rows, schema);
            var options = new AnnotatorSimulationEstimator.Options { InputColumnName = nameof(KeyRow.Truth), Seed = 1 };
            var output = ml.NoisyLabels().Transforms.SimulateAnnotators(options).Fit(data).Transform(data);
            var good = Column(output, SimulatedAnnotatorColumnNames.Good);
            CollectionAssert.AreEqual(bar.Select(b => (float)b).ToArray(), good[0], "key k is class k - 1");
            foreach (string name in Names)
            {
                Assert.IsTrue(Column(output, name)[1].All(float.IsNaN), $"{name}: no ground truth, no annotation");
            }

            var bad = bar.Select(b => (float)b).ToArray();
            bad[30] = 2;
            var badData = FromMasks(ml, new[] { bad });
            var ex = Assert.Throws<InvalidOperationException>(
                () => ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 1).Fit(badData).Transform(badData).GetColumn<float[]>("Over").ToArray());
            StringAssert.Contains(ex.ToString(), "Mask column 'Mask'");
            StringAssert.Contains(ex.ToString(), "value 2 at pixel 30");
        }

        [TestMethod]
        public void SchemaAndOptionErrors()
        {
            var ml = new MLContext(seed: 1);
            var data = FromMasks(ml, new[] { new float[28 * 28] });
            var transforms = ml.NoisyLabels().Transforms;

            var shape = transforms.SimulateAnnotators(seed: 1).GetOutputSchema(TestData.ShapeOf(data.Schema));
            foreach (string name in Names)
            {
                Assert.AreEqual(1, shape.Count(c => c.Name == name), name);
            }

            Assert.IsFalse(shape.Any(c => c.Name.StartsWith("__nl_", StringComparison.Ordinal)));

            var missing = Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SimulateAnnotators("Nope", 1).Fit(data));
            StringAssert.Contains(missing.Message, "Could not find mask column 'Nope'");
            var notLabels = Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SimulateAnnotators(nameof(MaskRow.Id), 1).Fit(data));
            StringAssert.Contains(notLabels.Message, "Schema mismatch for mask column 'Id'");

            Assert.Throws<ArgumentException>(() => transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options
            {
                Annotators = new[] { new SimulatedAnnotator("A", SimulatedAnnotatorKind.Over), new SimulatedAnnotator("A", SimulatedAnnotatorKind.Under) },
            }));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options
            {
                Annotators = new[] { new SimulatedAnnotator("A", SimulatedAnnotatorKind.Good) { Fractures = 2 } },
            }));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options
            {
                Annotators = new[] { new SimulatedAnnotator("A", SimulatedAnnotatorKind.Over) { Amount = -1 } },
            }));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options { UpscaleFactor = 0 }));
        }
    }
}
