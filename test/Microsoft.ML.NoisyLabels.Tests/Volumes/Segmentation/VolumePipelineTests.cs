using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes.Segmentation
{
    [TestClass]
    public class VolumePipelineTests
    {
        [TestMethod]
        public void NiftiCasesToPatchesToTrainingToWholeVolumeSegmentationWrittenAsNifti()
        {
            // Three cases of 20 x 18 x 4 voxels (x, y, z): a bright box on noise; rater1 marks the box, rater2 the box
            // grown by one voxel in x, and case2 has no rater2 file (a missing annotation).
            const int x = 20, y = 18, z = 4;
            var ml = new MLContext(seed: 1);
            string root = TestData.NewTempFolder();
            var grid = VolumeTestFiles.SmallGrid(x, y, z, dz: 2.5f) with { DataType = NiftiDataType.Float32 };
            var random = new Random(3);
            var truths = new float[3][];
            for (int c = 0; c < 3; c++)
            {
                string folder = Path.Combine(root, "case" + c);
                var image = new float[x * y * z];
                var rater1 = new float[image.Length];
                var rater2 = new float[image.Length];
                for (int i = 0; i < image.Length; i++)
                {
                    int vx = i % x, vy = i / x % y;
                    bool inside = vx >= 4 + c && vx < 12 + c && vy >= 5 && vy < 11;
                    bool grown = vx >= 3 + c && vx < 13 + c && vy >= 5 && vy < 11;
                    image[i] = (inside ? 0.8f : 0.2f) + (0.1f * (float)random.NextDouble());
                    rater1[i] = inside ? 1 : 0;
                    rater2[i] = grown ? 1 : 0;
                }

                truths[c] = rater1;
                VolumeTestFiles.Write(folder, "image.nii.gz", grid, image, NiftiDataType.Float32);
                VolumeTestFiles.Write(folder, "rater1.nii.gz", grid, rater1);
                if (c != 2)
                {
                    VolumeTestFiles.Write(folder, "rater2.nii.gz", grid, rater2);
                }
            }

            string[] raters = { "rater1", "rater2" };
            var cases = ml.NoisyLabels().Data.LoadVolumes(root, new[] { "image.nii.gz" }, new[] { "rater1.nii.gz", "rater2.nii.gz" });
            var patches = ml.NoisyLabels().Data.SamplePatches(cases, new VolumePatchOptions
            {
                LabelColumnNames = raters,
                PatchHeight = 16,
                PatchWidth = 16,
                PatchesPerVolume = 12,
                ForegroundFraction = 0.5,
                Seed = 1,
            });
            Assert.IsTrue(VolumeTestFiles.Column(patches, "rater2").Skip(24).All(p => p.All(float.IsNaN)), "case2's rater2 patches stay missing");

            using var model = ml.NoisyLabels().Trainers.AnnotatorConfusion(new AnnotatorConfusionTrainer.Options
            {
                AnnotatorColumnNames = raters,
                Epochs = 12,
                WarmupEpochs = 2,
                BatchSize = 6,
                LearningRate = 1e-2,
                NetworkWidth = 4,
                NetworkDepth = 1,
                Seed = 2,
            }).Fit(patches);

            using var segmenter = ml.NoisyLabels().Transforms.SegmentVolumes(model).Fit(cases);
            var scored = segmenter.Transform(cases);
            var written = ml.NoisyLabels().Data.SaveVolumes(scored, "PredictedLabel", "prediction.nii.gz", outputFolder: Path.Combine(root, "out"));

            var predicted = VolumeTestFiles.Column(scored, "PredictedLabel");
            for (int c = 0; c < 3; c++)
            {
                Assert.AreEqual(Path.Combine(root, "out", "case" + c, "prediction.nii.gz"), written[c]);
                var source = NiftiFile.ReadHeader(Path.Combine(root, "case" + c, "image.nii.gz"));
                var volume = NiftiFile.Read(written[c]);
                // The scan's header (grid, spacing, transforms) with the voxel type of labels.
                Assert.AreEqual(source with { DataType = NiftiDataType.UInt8, SclSlope = 1, SclInter = 0 }, volume.Header);
                CollectionAssert.AreEqual(predicted[c], volume.ToSingleArray());
                Assert.IsTrue(predicted[c].All(v => v is 0 or 1), $"case {c}: labels are classes");
            }

            // A short training already finds the bright boxes (a check that the pipeline segments, not a benchmark).
            double dice = ml.NoisyLabels().Evaluation.EvaluateSegmentation(
                ml.Transforms.CopyColumns("Truth", "rater1").Fit(scored).Transform(scored), "Truth", "PredictedLabel").Dice;
            Assert.IsTrue(dice > 0.8, $"Dice {dice}");
        }
    }
}
