using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Samples.Experiments.Ms;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SampleProgram = Microsoft.ML.NoisyLabels.Samples.Program;

namespace Microsoft.ML.NoisyLabels.Samples.Tests
{
    /// <summary>The synthetic MS subjects of the quick profile (a slab of 24 slices): a few seconds in all.</summary>
    [TestClass]
    public class MsDataTests
    {
        private static readonly Lazy<MsAtlas> s_atlas = new(() => MsAtlas.Load(MsAtlas.DefaultFolder));
        private static readonly Lazy<MsSubject[]> s_subjects = new(() =>
        {
            var generator = new MsSubjectGenerator(s_atlas.Value, MsDataProfile.Quick, seed: 3);
            return Enumerable.Range(0, 4).Select(generator.Generate).ToArray();
        });

        [TestMethod]
        public void AtlasTissueMeansAndMasksAreThoseOfAT1()
        {
            var atlas = s_atlas.Value;
            CollectionAssert.AreEqual(new[] { 181, 217, 181 }, atlas.Dimensions);
            Assert.IsTrue(atlas.CsfMean < atlas.GreyMean && atlas.GreyMean < atlas.WhiteMean, $"{atlas.CsfMean} {atlas.GreyMean} {atlas.WhiteMean}");
            int ventricles = atlas.Ventricles.Count(v => v != 0);
            int whiteMatter = atlas.WhiteMatter.Count(v => v != 0);
            // Colin27's lateral ventricles hold about 10 to 30 cm^3, the white matter several hundred.
            Assert.IsTrue(ventricles > 5_000 && ventricles < 40_000, $"{ventricles} ventricle voxels");
            Assert.IsTrue(whiteMatter > 300_000 && whiteMatter < 900_000, $"{whiteMatter} white-matter voxels");
        }

        [TestMethod]
        public void TheSameSeedGivesTheSameSubjectAndAnotherIndexAnother()
        {
            var generator = new MsSubjectGenerator(s_atlas.Value, MsDataProfile.Quick, seed: 3);
            var again = generator.Generate(1);
            var first = s_subjects.Value[1];
            CollectionAssert.AreEqual(first.T1, again.T1);
            CollectionAssert.AreEqual(first.Flair, again.Flair);
            CollectionAssert.AreEqual(first.Truth, again.Truth);
            CollectionAssert.AreNotEqual(first.Truth, s_subjects.Value[2].Truth);
            CollectionAssert.AreNotEqual(first.T1, new MsSubjectGenerator(s_atlas.Value, MsDataProfile.Quick, seed: 4).Generate(1).T1);
            Assert.AreEqual(24, first.Dimensions[0]);
        }

        [TestMethod]
        public void LesionCountsAndVolumesHaveMsRanges()
        {
            var volumes = new List<int>();
            foreach (var subject in s_subjects.Value)
            {
                Assert.IsTrue(subject.LesionsDrawn >= MsDataProfile.Quick.MinLesions && subject.LesionsDrawn <= MsDataProfile.Quick.MaxLesions, $"{subject.LesionsDrawn} lesions drawn");
                var lesions = subject.LesionVolumes();
                Assert.IsTrue(lesions.Length >= 1 && lesions.Length <= 2 * MsDataProfile.Quick.MaxLesions, $"{lesions.Length} lesions");
                volumes.AddRange(lesions);
                for (int i = 0; i < subject.Truth.Length; i++)
                {
                    Assert.AreEqual(subject.LesionFraction[i] >= 0.5f, subject.Truth[i] == 1, $"voxel {i}: the truth is the fraction >= 0.5");
                }

                Assert.IsTrue(subject.LesionFraction.Any(f => f > 0 && f < 0.5f), "partial-volume voxels outside the truth");
            }

            // From a few voxels to hundreds (the slab cuts the largest lesions), none larger than the profile allows.
            Assert.IsTrue(volumes.Min() <= 10, $"smallest lesion {volumes.Min()} voxels");
            Assert.IsTrue(volumes.Max() >= 100 && volumes.Max() <= MsDataProfile.Quick.MaxLesionVoxels, $"largest lesion {volumes.Max()} voxels");
        }

        [TestMethod]
        public void LesionsLieMostlyInWhiteMatterAndAreBrightOnFlairAndDarkOnT1()
        {
            foreach (var subject in s_subjects.Value)
            {
                long lesion = 0, inWhiteMatter = 0;
                double flairLesion = 0, t1Lesion = 0;
                for (int i = 0; i < subject.Truth.Length; i++)
                {
                    if (subject.Truth[i] != 0)
                    {
                        lesion++;
                        inWhiteMatter += subject.WhiteMatter[i];
                        flairLesion += subject.Flair[i];
                        t1Lesion += subject.T1[i];
                    }
                }

                Assert.IsTrue(inWhiteMatter > 0.75 * lesion, $"{inWhiteMatter} of {lesion} lesion voxels in white matter");

                // The white matter around the lesions: within 3 voxels of them (a cube), not lesion at all.
                var near = Dilate(subject.Truth, subject.Dimensions, 3);
                double flairAround = 0, t1Around = 0;
                long around = 0;
                for (int i = 0; i < near.Length; i++)
                {
                    if (subject.WhiteMatter[i] != 0 && subject.LesionFraction[i] == 0 && near[i] != 0)
                    {
                        around++;
                        flairAround += subject.Flair[i];
                        t1Around += subject.T1[i];
                    }
                }

                Assert.IsTrue(flairLesion / lesion > 1.3 * flairAround / around, $"FLAIR: lesions {flairLesion / lesion:F1}, white matter around {flairAround / around:F1}");
                Assert.IsTrue(t1Lesion / lesion < 0.85 * t1Around / around, $"T1: lesions {t1Lesion / lesion:F1}, white matter around {t1Around / around:F1}");
            }
        }

        /// <summary>The dilation of a [D, H, W] mask by a cube of half-side <paramref name="reach"/>, one axis at a time.</summary>
        private static byte[] Dilate(byte[] mask, int[] dims, int reach)
        {
            var current = (byte[])mask.Clone();
            int[] strides = { dims[1] * dims[2], dims[2], 1 };
            for (int axis = 0; axis < 3; axis++)
            {
                var next = new byte[current.Length];
                for (int i = 0; i < current.Length; i++)
                {
                    int position = i / strides[axis] % dims[axis];
                    for (int d = -reach; d <= reach && next[i] == 0; d++)
                    {
                        int p = position + d;
                        if (p >= 0 && p < dims[axis] && current[i + (d * strides[axis])] != 0)
                        {
                            next[i] = 1;
                        }
                    }
                }

                current = next;
            }

            return current;
        }

        [TestMethod]
        public void TheCommandWritesCasesThatLoadWithTheirRatersAndAFigure()
        {
            string output = Path.Combine(Path.GetTempPath(), "ms-data-" + Guid.NewGuid().ToString("N"));
            try
            {
                Assert.AreEqual(0, SampleProgram.Main(new[] { "ms-data", "--profile", "quick", "--subjects", "2", "--seed", "3", "--output", output }));
                Assert.IsTrue(File.Exists(Path.Combine(output, "case01-slices.png")));
                var ml = new MLContext(seed: 1);
                var data = ml.NoisyLabels().Data.LoadVolumes(output, MsDataset.ImageFileNames, MsDataset.RaterFileNames.Append(MsDataset.TruthFileName).ToArray());
                var image = (VectorDataViewType)data.Schema[VolumeColumnNames.Image].Type;
                CollectionAssert.AreEqual(new[] { 2 }.Concat(s_subjects.Value[0].Dimensions).ToArray(), image.Dimensions.ToArray());
                var ids = data.GetColumn<string>(VolumeColumnNames.CaseId).ToArray();
                CollectionAssert.AreEqual(new[] { "case01", "case02" }, ids);
                var truths = data.GetColumn<float[]>(MsDataset.TruthColumnName).ToArray();
                var good = data.GetColumn<float[]>("good").ToArray();
                var over = data.GetColumn<float[]>("over").ToArray();
                var blank = data.GetColumn<float[]>("blank").ToArray();
                for (int row = 0; row < 2; row++)
                {
                    // The files hold subject k of the seed, as the generator draws it in memory.
                    CollectionAssert.AreEqual(s_subjects.Value[row].Truth.Select(b => (float)b).ToArray(), truths[row], $"case {row + 1}");
                    CollectionAssert.AreEqual(truths[row], good[row]);
                    Assert.IsTrue(over[row].Count(v => v != 0) > truths[row].Count(v => v != 0));
                    Assert.IsTrue(blank[row].All(v => v == 0));
                }
            }
            finally
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
