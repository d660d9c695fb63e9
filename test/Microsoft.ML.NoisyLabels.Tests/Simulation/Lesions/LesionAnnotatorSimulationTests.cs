using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation.Lesions
{
    [TestClass]
    public class LesionAnnotatorSimulationTests
    {
        private static readonly int[] Shape = { 16, 16, 16 };

        private static float[] Empty() => new float[Shape[0] * Shape[1] * Shape[2]];

        private static float[][] Simulate(MLContext ml, float[] truth, int seed, params SimulatedLesionAnnotator[] annotators)
        {
            var data = LesionVolumes.Truths(ml, Shape, truth);
            var options = new LesionAnnotatorSimulationEstimator.Options { InputColumnName = "Truth", Annotators = annotators, Seed = seed };
            var output = ml.NoisyLabels().Transforms.SimulateLesionAnnotators(options).Fit(data).Transform(data);
            return annotators.Select(a => output.GetColumn<float[]>(a.OutputColumnName).Single()).ToArray();
        }

        private static int Components(float[] mask)
        {
            var labels = new int[mask.Length];
            return new ConnectedComponents().Label(mask.Select(v => (byte)v).ToArray(), new VolumeShape(Shape[0], Shape[1], Shape[2]), VoxelConnectivity.FacesEdgesCorners, labels);
        }

        [TestMethod]
        public void OverAndUnderGrowAndShrinkABallAsTheNaiveMorphologyDoes()
        {
            var ml = new MLContext(seed: 1);
            var ball = LesionVolumes.Ball(Empty(), Shape, 8, 8, 8, 16);
            Assert.AreEqual(257, LesionVolumes.Count(ball), "the digital ball of radius 4");
            var masks = Simulate(
                ml,
                ball,
                3,
                new SimulatedLesionAnnotator("Over1", SimulatedAnnotatorKind.Over) { MergeDistance = 0 },
                new SimulatedLesionAnnotator("Over2", SimulatedAnnotatorKind.Over) { Radius = 2, MergeDistance = 0 },
                new SimulatedLesionAnnotator("Under1", SimulatedAnnotatorKind.Under) { MissProbability = 0 },
                new SimulatedLesionAnnotator("Under2", SimulatedAnnotatorKind.Under) { Radius = 2, MissProbability = 0 });

            // Radius 1: the ball plus its face neighbours, the ball of radius 4 minus its surface layer.
            CollectionAssert.AreEqual(LesionVolumes.Naive(ball, Shape, 1, dilate: true), masks[0]);
            CollectionAssert.AreEqual(LesionVolumes.Naive(ball, Shape, 2, dilate: true), masks[1]);
            CollectionAssert.AreEqual(LesionVolumes.Naive(ball, Shape, 1, dilate: false), masks[2]);
            CollectionAssert.AreEqual(LesionVolumes.Naive(ball, Shape, 2, dilate: false), masks[3]);

            // Hand counts (enumerated separately): the face neighbours add 186 voxels to the ball of radius^2 <= 16;
            // erosion by them keeps 123, exactly the ball of radius^2 <= 9.
            Assert.AreEqual(443, LesionVolumes.Count(masks[0]), "dilation by 1");
            Assert.AreEqual(123, LesionVolumes.Count(masks[2]), "erosion by 1");
            CollectionAssert.AreEqual(LesionVolumes.Ball(Empty(), Shape, 8, 8, 8, 9), masks[2], "erosion by 1 leaves the ball of radius 3");
            Assert.IsTrue(LesionVolumes.Count(masks[1]) > LesionVolumes.Count(masks[0]));
            Assert.IsTrue(LesionVolumes.Count(masks[3]) < LesionVolumes.Count(masks[2]));
        }

        [TestMethod]
        public void GoodCopiesBlankIsEmptyAndFlippedIsTheComplement()
        {
            var ml = new MLContext(seed: 1);
            var truth = LesionVolumes.Ball(Empty(), Shape, 5, 6, 7, 9);
            var masks = Simulate(
                ml,
                truth,
                1,
                new SimulatedLesionAnnotator("Good", SimulatedAnnotatorKind.Good),
                new SimulatedLesionAnnotator("Blank", SimulatedAnnotatorKind.Blank),
                new SimulatedLesionAnnotator("Flipped", SimulatedAnnotatorKind.Flipped));
            CollectionAssert.AreEqual(truth, masks[0]);
            Assert.AreEqual(0, LesionVolumes.Count(masks[1]));
            CollectionAssert.AreEqual(truth.Select(v => 1 - v).ToArray(), masks[2]);
        }

        [TestMethod]
        public void SmallLesionsAreTheOnesMissed()
        {
            var ml = new MLContext(seed: 1);
            var truth = LesionVolumes.Ball(Empty(), Shape, 10, 10, 10, 16);
            int[][] singles = { new[] { 1, 1, 1 }, new[] { 1, 1, 14 }, new[] { 1, 14, 1 }, new[] { 14, 1, 1 }, new[] { 1, 14, 14 }, new[] { 3, 5, 3 } };
            foreach (var s in singles)
            {
                truth[LesionVolumes.Index(Shape, s[0], s[1], s[2])] = 1;
            }

            // A single voxel is missed with probability 2^(-1/4) = 0.84, the ball of 257 voxels with 2^(-64): never.
            var annotator = new SimulatedLesionAnnotator("Rater", SimulatedAnnotatorKind.Good) { MissProbability = 1, MissHalfVolume = 4 };
            int missedSmall = 0;
            for (int seed = 0; seed < 20; seed++)
            {
                var mask = Simulate(ml, truth, seed, annotator)[0];
                Assert.AreEqual(0f, mask[LesionVolumes.Index(Shape, 10, 10, 10) + 1] - 1, $"seed {seed}: the large lesion is kept");
                Assert.AreEqual(257, LesionVolumes.Count(mask.Select((v, i) => truth[i] != 0 && v != 0 && Math.Abs((i / 256) - 10) <= 4 && Math.Abs((i / 16 % 16) - 10) <= 4 ? 1f : 0f).ToArray()), $"seed {seed}");
                missedSmall += singles.Count(s => mask[LesionVolumes.Index(Shape, s[0], s[1], s[2])] == 0);
                for (int i = 0; i < mask.Length; i++)
                {
                    Assert.IsTrue(mask[i] <= truth[i], $"seed {seed}: voxel {i} is marked but is not a lesion voxel");
                }
            }

            // 120 draws at 0.84: 101 expected; fewer than 80 has probability below 1e-6.
            Assert.IsTrue(missedSmall >= 80 && missedSmall < 120, $"{missedSmall} of 120 single-voxel lesions missed");
        }

        [TestMethod]
        public void LesionsCloserThanTheMergeDistanceJoinAndFartherOnesDoNot()
        {
            var ml = new MLContext(seed: 1);
            var truth = Empty();
            // Near pair: x 2..4 and 7..9 (nearest voxels 3 apart); far pair, farther down: x 1..3 and 12..14 (9 apart).
            LesionVolumes.Box(truth, Shape, 2, 4, 2, 4, 2, 4);
            LesionVolumes.Box(truth, Shape, 2, 4, 2, 4, 7, 9);
            LesionVolumes.Box(truth, Shape, 10, 12, 10, 12, 1, 3);
            LesionVolumes.Box(truth, Shape, 10, 12, 10, 12, 12, 14);
            Assert.AreEqual(4, Components(truth));
            var merged = Simulate(ml, truth, 1, new SimulatedLesionAnnotator("Merger", SimulatedAnnotatorKind.Good) { MergeDistance = 3 })[0];
            Assert.AreEqual(3, Components(merged), "the near pair joins, the far pair stays apart");
            Assert.AreEqual(1f, merged[LesionVolumes.Index(Shape, 3, 3, 5)], "the gap of the near pair is bridged");
            Assert.AreEqual(1f, merged[LesionVolumes.Index(Shape, 3, 3, 6)], "the gap of the near pair is bridged");
            for (int i = 0; i < truth.Length; i++)
            {
                Assert.IsTrue(merged[i] >= truth[i], $"voxel {i}: merging only adds");
                if (i / 256 >= 8)
                {
                    Assert.AreEqual(truth[i], merged[i], $"voxel {i}: the far pair keeps its shape");
                }
            }

            var apart = Simulate(ml, truth, 1, new SimulatedLesionAnnotator("Merger", SimulatedAnnotatorKind.Good) { MergeDistance = 2 })[0];
            CollectionAssert.AreEqual(truth, apart, "no lesions are 2 voxels apart or closer");
        }

        [TestMethod]
        public void WrongDilatesThenCutsLesionsApart()
        {
            var ml = new MLContext(seed: 1);
            var ball = LesionVolumes.Ball(Empty(), Shape, 8, 8, 8, 25);
            var masks = Simulate(
                ml,
                ball,
                5,
                new SimulatedLesionAnnotator("Wrong", SimulatedAnnotatorKind.Wrong),
                new SimulatedLesionAnnotator("Over", SimulatedAnnotatorKind.Over));
            Assert.IsTrue(Components(masks[0]) >= 2, $"{Components(masks[0])} pieces");
            Assert.IsTrue(LesionVolumes.Count(masks[0]) < LesionVolumes.Count(masks[1]), "cuts erase voxels of the dilated lesion");
            for (int i = 0; i < ball.Length; i++)
            {
                Assert.IsTrue(masks[0][i] <= masks[1][i], $"voxel {i}: Wrong marks only voxels of the dilation");
            }
        }

        [TestMethod]
        public void TheSameSeedGivesTheSameMasksAndAnotherSeedOtherCuts()
        {
            var ml = new MLContext(seed: 1);
            var truth = LesionVolumes.Ball(Empty(), Shape, 8, 8, 8, 25);
            var annotators = SimulatedLesionAnnotator.PaperAnnotators();
            var first = Simulate(ml, truth, 11, annotators);
            var again = Simulate(new MLContext(seed: 99), truth, 11, annotators);
            var other = Simulate(ml, truth, 12, annotators);
            for (int j = 0; j < annotators.Length; j++)
            {
                CollectionAssert.AreEqual(first[j], again[j], annotators[j].OutputColumnName);
            }

            CollectionAssert.AreNotEqual(first[3], other[3], "the cuts depend on the seed");
        }

        [TestMethod]
        public void SavedModelGivesTheSameMasks()
        {
            var ml = new MLContext(seed: 1);
            var truth = LesionVolumes.Ball(Empty(), Shape, 8, 8, 8, 25);
            var data = LesionVolumes.Truths(ml, Shape, truth, LesionVolumes.Ball(Empty(), Shape, 4, 4, 4, 9));
            var model = ml.NoisyLabels().Transforms.SimulateLesionAnnotators("Truth", seed: 4).Fit(data);
            Assert.AreEqual(4, model.Seed);
            CollectionAssert.AreEqual(new[] { 16, 16, 16 }, model.Dimensions.ToArray());
            CollectionAssert.AreEqual(SimulatedAnnotatorColumnNames.All.ToArray(), model.Annotators.Select(a => a.OutputColumnName).ToArray());
            CollectionAssert.AreEqual(new double?[] { 0, 1, 1, 1, 0 }, model.Annotators.Select(a => a.Radius).ToArray());
            using var stream = new MemoryStream();
            ml.Model.Save(model, data.Schema, stream);
            stream.Position = 0;
            var loaded = new MLContext(seed: 5).Model.Load(stream, out _);
            var expected = model.Transform(data);
            var actual = loaded.Transform(data);
            foreach (string name in SimulatedAnnotatorColumnNames.All)
            {
                var a = expected.GetColumn<float[]>(name).ToArray();
                var b = actual.GetColumn<float[]>(name).ToArray();
                for (int row = 0; row < a.Length; row++)
                {
                    CollectionAssert.AreEqual(a[row], b[row], $"{name}, row {row}");
                }
            }
        }

        [TestMethod]
        public void BadSettingsAndColumnsAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var blank = new LesionAnnotatorSimulationEstimator.Options
            {
                InputColumnName = "Truth",
                Annotators = new[] { new SimulatedLesionAnnotator("B", SimulatedAnnotatorKind.Blank) { Radius = 2 } },
            };
            var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SimulateLesionAnnotators(blank));
            StringAssert.Contains(error.Message, "Simulated lesion annotator 0 ('B', Blank)");

            var data = LesionVolumes.Truths(ml, Shape, Empty());
            var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SimulateLesionAnnotators("Mask").Fit(data));
            StringAssert.Contains(missing.Message, "Could not find mask column 'Mask'");

            var wrongShape = new LesionAnnotatorSimulationEstimator.Options { InputColumnName = "Truth", Dimensions = new[] { 8, 16, 16 } };
            var contradiction = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.SimulateLesionAnnotators(wrongShape).Fit(data));
            StringAssert.Contains(contradiction.Message, "contradict");
        }
    }
}
