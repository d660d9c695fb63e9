using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Tests.Training;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TorchSharp;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes.Segmentation
{
    [TestClass]
    public class VolumeSegmentationTests
    {
        private const int D = 5;
        private const int H = 40;
        private const int W = 36;
        private const int Window = 16;

        /// <summary>Two tiny models trained on 16 x 16 images (training once for the class: they are only read).</summary>
        private static SegmentationTransformer s_twoNetwork = null!;
        private static SegmentationTransformer s_plain = null!;

        [ClassInitialize]
        public static void TrainModels(TestContext context)
        {
            var ml = new MLContext(seed: 1);
            var patches = TrainerTestData.Load(ml, 16, Window, seed: 1);
            s_twoNetwork = ml.NoisyLabels().Trainers.AnnotatorConfusion(new AnnotatorConfusionTrainer.Options
            {
                AnnotatorColumnNames = new[] { "A0", "A1" },
                Epochs = 2,
                WarmupEpochs = 1,
                BatchSize = 8,
                NetworkWidth = 4,
                NetworkDepth = 2,
                Seed = 3,
            }).Fit(patches);
            s_plain = ml.NoisyLabels().Trainers.Segmentation(new SegmentationTrainer.Options
            {
                LabelColumnNames = new[] { "A0", "A1" },
                MultipleLabelColumns = MultipleLabelColumnsMode.SeparateNetworks,
                Epochs = 1,
                BatchSize = 8,
                NetworkWidth = 4,
                NetworkDepth = 1,
                Seed = 3,
            }).Fit(patches);
        }

        [ClassCleanup]
        public static void DisposeModels()
        {
            s_twoNetwork?.Dispose();
            s_plain?.Dispose();
        }

        private sealed class VolumeRow
        {
            public float[] Image { get; set; } = Array.Empty<float>();

            public float[] Truth { get; set; } = Array.Empty<float>();

            public float[] A0 { get; set; } = Array.Empty<float>();

            public float[] A1 { get; set; } = Array.Empty<float>();
        }

        /// <summary>Random volumes [1, D, H, W] with a bright box; A0 marks the box, A1 its complement.</summary>
        private static IDataView Volumes(MLContext ml, int count, int seed)
        {
            var random = new Random(seed);
            var rows = new VolumeRow[count];
            for (int n = 0; n < count; n++)
            {
                var image = new float[D * H * W];
                var truth = new float[D * H * W];
                for (int i = 0; i < image.Length; i++)
                {
                    int y = i / W % H, x = i % W;
                    bool inside = y >= 10 && y < 22 && x >= 5 && x < 20;
                    truth[i] = inside ? 1 : 0;
                    image[i] = (inside ? 0.8f : 0.2f) + (0.3f * (float)random.NextDouble());
                }

                rows[n] = new VolumeRow { Image = image, Truth = truth, A0 = (float[])truth.Clone(), A1 = truth.Select(v => 1 - v).ToArray() };
            }

            var schema = SchemaDefinition.Create(typeof(VolumeRow));
            schema[nameof(VolumeRow.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, D, H, W);
            foreach (string name in new[] { nameof(VolumeRow.Truth), nameof(VolumeRow.A0), nameof(VolumeRow.A1) })
            {
                schema[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, D, H, W);
            }

            return ml.Data.LoadFromEnumerable(rows, schema);
        }

        private static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

        /// <summary>The blending weight by hand: a Gaussian of standard deviation 16 / 8 = 2 around pixel 7.5.</summary>
        private static double Gaussian(int i, int j) => Math.Exp(-0.5 * (Math.Pow((i - 7.5) / 2, 2) + Math.Pow((j - 7.5) / 2, 2)));

        /// <summary>
        /// The expected outputs computed with TorchSharp: every window of every slice through the network, blended by
        /// hand. The slice plane is (rows, columns) = (H, W) across D, or (D, W) across H, padded with zeros to 16 rows.
        /// Returns probabilities [L, D, H, W] and the field [R*L*L, D, H, W] (empty for plain networks).
        /// </summary>
        private static (double[] Probabilities, double[] Field) Reference(SegmentationTransformer model, float[] volume, VolumeAxis axis, int[] rowStarts, int[] columnStarts)
        {
            var networks = model.SegmentationNetworks;
            int classes = model.NumberOfClasses;
            int entries = networks[0].Architecture.Annotators * classes * classes;
            bool depth = axis == VolumeAxis.Depth;
            int slices = depth ? D : H, rows = depth ? H : D;
            int paddedRows = Math.Max(rows, Window);
            int Voxel(int s, int u, int v) => depth ? (((s * H) + u) * W) + v : (((u * H) + s) * W) + v;
            var probabilities = new double[classes * D * H * W];
            var field = new double[entries * D * H * W];
            int windows = rowStarts.Length * columnStarts.Length;
            for (int s = 0; s < slices; s++)
            {
                var batch = new float[windows * Window * Window];
                int k = 0;
                foreach (int top in rowStarts)
                {
                    foreach (int left in columnStarts)
                    {
                        for (int i = 0; i < Window; i++)
                        {
                            for (int j = 0; j < Window; j++)
                            {
                                int u = top + i;
                                batch[(((k * Window) + i) * Window) + j] = u < rows ? volume[Voxel(s, u, left + j)] : 0f;
                            }
                        }

                        k++;
                    }
                }

                // Mean probabilities of the networks, and the first network's matrices, per window.
                var p = new float[windows * classes * Window * Window];
                float[] a = Array.Empty<float>();
                using (var scope = torch.NewDisposeScope())
                using (torch.no_grad())
                {
                    var input = torch.tensor(batch, new long[] { windows, 1, Window, Window });
                    for (int m = 0; m < networks.Count; m++)
                    {
                        var (logP, logA) = networks[m].Forward(input, ConfusionStage.Full);
                        var values = logP.exp().data<float>().ToArray();
                        for (int i = 0; i < p.Length; i++)
                        {
                            p[i] += values[i] / networks.Count;
                        }

                        if (m == 0 && logA is not null)
                        {
                            a = logA.exp().contiguous().data<float>().ToArray();
                        }
                    }
                }

                var numerator = new double[(classes + entries) * paddedRows * W];
                var weights = new double[paddedRows * W];
                k = 0;
                foreach (int top in rowStarts)
                {
                    foreach (int left in columnStarts)
                    {
                        for (int i = 0; i < Window; i++)
                        {
                            for (int j = 0; j < Window; j++)
                            {
                                int pixel = ((top + i) * W) + left + j;
                                double g = Gaussian(i, j);
                                weights[pixel] += g;
                                for (int c = 0; c < classes; c++)
                                {
                                    numerator[(c * paddedRows * W) + pixel] += g * p[(((((k * classes) + c) * Window) + i) * Window) + j];
                                }

                                for (int e = 0; e < a.Length / (windows * Window * Window); e++)
                                {
                                    numerator[((classes + e) * paddedRows * W) + pixel] += g * a[(((((k * entries) + e) * Window) + i) * Window) + j];
                                }
                            }
                        }

                        k++;
                    }
                }

                for (int u = 0; u < rows; u++)
                {
                    for (int v = 0; v < W; v++)
                    {
                        int pixel = (u * W) + v;
                        for (int c = 0; c < classes; c++)
                        {
                            probabilities[(c * D * H * W) + Voxel(s, u, v)] = numerator[(c * paddedRows * W) + pixel] / weights[pixel];
                        }

                        for (int e = 0; a.Length > 0 && e < entries; e++)
                        {
                            field[(e * D * H * W) + Voxel(s, u, v)] = numerator[((classes + e) * paddedRows * W) + pixel] / weights[pixel];
                        }
                    }
                }
            }

            return (probabilities, networks[0].Architecture.HasConfusion ? field : Array.Empty<double>());
        }

        private static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
        {
            Assert.AreEqual(expected.Length, actual.Length, what);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], tolerance, $"{what}, index {i}");
            }
        }

        [TestMethod]
        [DataRow(VolumeAxis.Depth)]
        [DataRow(VolumeAxis.Height)]
        public void TwoNetworkOutputsEqualTheNetworkOnEveryWindowBlendedByHand(VolumeAxis axis)
        {
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 1, seed: 5);
            using var segmenter = ml.NoisyLabels().Transforms.SegmentVolumes(s_twoNetwork, new VolumeSegmentationEstimator.Options
            {
                SliceAxis = axis,
                ConfusionMatricesColumnName = "CM",
                ConfusionFieldColumnName = "Field",
            }).Fit(volumes);

            // Windows of 16 at steps of at most 8 (50% overlap), spread evenly, the last flush with the border:
            // 40 rows: 0, 8, 16, 24; 36 columns: 0, 6.67, 13.33, 20 rounded; 5 rows (across H): one window, padded.
            int[] rowStarts = axis == VolumeAxis.Depth ? new[] { 0, 8, 16, 24 } : new[] { 0 };
            int[] columnStarts = { 0, 7, 13, 20 };
            CollectionAssert.AreEqual(rowStarts, segmenter.WindowRowStarts.ToArray());
            CollectionAssert.AreEqual(columnStarts, segmenter.WindowColumnStarts.ToArray());

            var scored = segmenter.Transform(volumes);
            var (probabilities, field) = Reference(s_twoNetwork, Column(volumes, "Image")[0], axis, rowStarts, columnStarts);
            var p = Column(scored, "Probabilities")[0];
            AssertClose(probabilities, p, 1e-5, "probabilities");
            AssertClose(field, Column(scored, "Field")[0], 1e-5, "confusion field");

            // The per-volume matrices are the field's voxel average; the label is the most probable class.
            int voxels = D * H * W;
            var cm = Column(scored, "CM")[0];
            Assert.AreEqual(2 * 2 * 2, cm.Length);
            for (int e = 0; e < cm.Length; e++)
            {
                Assert.AreEqual(field.Skip(e * voxels).Take(voxels).Average(), cm[e], 1e-5, $"matrix entry {e}");
            }

            var label = Column(scored, "PredictedLabel")[0];
            for (int i = 0; i < voxels; i++)
            {
                Assert.AreEqual(p[voxels + i] > p[i] ? 1f : 0f, label[i], $"label at voxel {i}");
            }

            CollectionAssert.AreEqual(new[] { 2, D, H, W }, ((VectorDataViewType)scored.Schema["Probabilities"].Type).Dimensions.ToArray());
            CollectionAssert.AreEqual(new[] { D, H, W }, ((VectorDataViewType)scored.Schema["PredictedLabel"].Type).Dimensions.ToArray());
            CollectionAssert.AreEqual(new[] { 2, 2, 2, D, H, W }, ((VectorDataViewType)scored.Schema["Field"].Type).Dimensions.ToArray());
        }

        [TestMethod]
        public void PlainModelOfSeveralNetworksAveragesThemAndSavesToModelZipThatLoadsWithoutTorchSharp()
        {
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 2, seed: 6);
            using var segmenter = ml.NoisyLabels().Transforms.SegmentVolumes(s_plain).Fit(volumes);
            var scored = segmenter.Transform(volumes);
            var images = Column(volumes, "Image");
            var p = Column(scored, "Probabilities");
            for (int n = 0; n < 2; n++)
            {
                var (expected, _) = Reference(s_plain, images[n], VolumeAxis.Depth, new[] { 0, 8, 16, 24 }, new[] { 0, 7, 13, 20 });
                AssertClose(expected, p[n], 1e-5, $"probabilities of volume {n}");
            }

            var loaded = ModelRoundTrip.SaveAndLoad(ml, segmenter, volumes);
            Assert.IsNotInstanceOfType<VolumeSegmentationTransformer>(loaded, "model.zip holds ML.NET's own ONNX transformer");
            var reloaded = loaded.Transform(volumes);
            var (fresh, torchLoaded) = ModelRoundTrip.TransformInNewProcess(ml, segmenter, volumes);
            Assert.IsFalse(torchLoaded, "a saved volume model must run without TorchSharp");
            foreach (string column in new[] { "Probabilities", "PredictedLabel" })
            {
                var expected = Column(scored, column);
                var inProcess = Column(reloaded, column);
                var inFreshProcess = Column(fresh, column);
                for (int n = 0; n < expected.Length; n++)
                {
                    CollectionAssert.AreEqual(expected[n], inProcess[n], $"{column}, row {n}, after Model.Load");
                    CollectionAssert.AreEqual(expected[n], inFreshProcess[n], $"{column}, row {n}, in a fresh process");
                }
            }
        }

        [TestMethod]
        public void EvaluationAcceptsVolumeOutputs()
        {
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 2, seed: 7);
            using var segmenter = ml.NoisyLabels().Transforms.SegmentVolumes(s_twoNetwork, new VolumeSegmentationEstimator.Options
            {
                ConfusionMatricesColumnName = "CM",
                ConfusionFieldColumnName = "Field",
            }).Fit(volumes);
            var scored = segmenter.Transform(volumes);
            string[] raters = { "A0", "A1" };

            // Dice over each volume's voxels, from the [D, H, W] columns.
            var truth = Column(scored, "Truth");
            var predicted = Column(scored, "PredictedLabel");
            var dice = ml.NoisyLabels().Evaluation.EvaluateSegmentation(scored, "Truth", "PredictedLabel");
            for (int n = 0; n < 2; n++)
            {
                double both = truth[n].Zip(predicted[n]).Count(t => t.First == 1 && t.Second == 1);
                double expected = 2 * both / (truth[n].Count(v => v == 1) + predicted[n].Count(v => v == 1));
                Assert.AreEqual(expected, dice.PerImageDice[n], 1e-12, $"Dice of volume {n}");
            }

            // The field [R, L, L, D, H, W] and the matrices [R, L, L] are read as the 2D model's are.
            var fromField = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(scored, raters, "Truth", "Field");
            var fromMatrices = ml.NoisyLabels().Evaluation.EvaluateConfusionMatrices(scored, raters, "Truth", "CM");
            Assert.IsTrue(double.IsFinite(fromField.RootMeanSquaredError) && fromField.RootMeanSquaredError >= 0);
            Assert.IsTrue(double.IsFinite(fromMatrices.RootMeanSquaredError) && fromMatrices.RootMeanSquaredError >= 0);
        }

        [TestMethod]
        public void BadColumnsAndOptionsAreRefused()
        {
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 1, seed: 8);
            var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SegmentVolumes(s_plain, "Scan").Fit(volumes));
            StringAssert.Contains(missing.Message, "Could not find volume column 'Scan'");

            // A 2D map [H, W] is not a volume.
            var images = TrainerTestData.Load(ml, 2, Window, seed: 1);
            var flat = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SegmentVolumes(s_plain, "Truth").Fit(images));
            StringAssert.Contains(flat.Message, "Schema mismatch for volume column 'Truth'");

            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SegmentVolumes(s_plain, overlap: 1));
            var confusion = Assert.ThrowsExactly<ArgumentException>(() => ml.NoisyLabels().Transforms.SegmentVolumes(s_plain, new VolumeSegmentationEstimator.Options { ConfusionFieldColumnName = "Field" }));
            StringAssert.Contains(confusion.Message, "annotator heads");
        }
    }
}
