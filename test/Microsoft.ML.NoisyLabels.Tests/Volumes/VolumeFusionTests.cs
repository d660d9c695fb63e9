using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    /// <summary>
    /// Label fusion on volumes, end to end: a folder of cases cut from the real Colin27 scan with synthetic raters,
    /// loaded, fused by majority vote and STAPLE in one ML.NET pipeline, and written back as NIfTI masks.
    /// </summary>
    [TestClass]
    public class VolumeFusionTests
    {
        private const int SizeX = 40, SizeY = 48, SizeZ = 36;
        private const int Voxels = SizeX * SizeY * SizeZ;
        private readonly MLContext _ml = new MLContext(seed: 1);

        /// <summary>Crop origins (x, y, z) in ch2bet; case b has no rater3 file.</summary>
        private static readonly (string Id, int X, int Y, int Z)[] Cases = { ("a", 60, 80, 60), ("b", 100, 100, 70), ("c", 80, 90, 65) };

        [TestMethod]
        public void MajorityVoteAndStapleOnAFolderOfScans()
        {
            string root = TestData.NewTempFolder();
            WriteCases(root, "t1.nii.gz", out var truths, out var raters);

            string[] raterColumns = { "rater1", "rater2", "rater3" };
            var data = _ml.NoisyLabels().Data.LoadVolumes(root, new[] { "t1.nii.gz" }, raterColumns.Select(r => r + ".nii.gz").ToArray());
            var pipeline = _ml.NoisyLabels().Transforms.MajorityVote("MajorityVote", raterColumns)
                .Append(_ml.NoisyLabels().Transforms.Staple("Staple", raterColumns, probabilitiesColumnName: "StaplePosterior"));
            var scored = pipeline.Fit(data).Transform(data);

            var majority = _ml.NoisyLabels().Data.SaveVolumes(scored, "MajorityVote", "majority.nii.gz");
            CollectionAssert.AreEqual(Cases.Select(c => Path.Combine(root, c.Id, "majority.nii.gz")).ToArray(), majority.ToArray());
            // STAPLE's labels and posterior in one pass, outside the data folder (where another folder would be taken
            // for a case): for each case, its files in the order asked.
            string output = TestData.NewTempFolder();
            var stapleFiles = _ml.NoisyLabels().Data.SaveVolumes(
                scored, new[] { new VolumeOutput("Staple", "staple.nii.gz"), new VolumeOutput("StaplePosterior", "staple-posterior.nii.gz") }, output);
            CollectionAssert.AreEqual(
                Cases.SelectMany(c => new[] { Path.Combine(output, c.Id, "staple.nii.gz"), Path.Combine(output, c.Id, "staple-posterior.nii.gz") }).ToArray(),
                stapleFiles.ToArray());
            var staple = stapleFiles.Where((_, i) => i % 2 == 0).ToArray();
            var posterior = stapleFiles.Where((_, i) => i % 2 == 1).ToArray();

            for (int c = 0; c < Cases.Length; c++)
            {
                var (id, x0, y0, z0) = Cases[c];
                var truth = truths[id];
                var fused = NiftiFile.Read(majority[c]);
                Assert.AreEqual(NiftiDataType.UInt8, fused.Header.DataType);
                CollectionAssert.AreEqual(new[] { SizeX, SizeY, SizeZ }, fused.Header.Shape.ToArray());
                // The crop's sform: ch2bet's origin (-90, -125, -71) mm moved by the crop's offset at 1 mm per voxel.
                CollectionAssert.AreEqual(new[] { 1f, 0, 0, -90 + x0 }, fused.Header.SRowX.ToArray());
                CollectionAssert.AreEqual(new[] { 0, 1f, 0, -125 + y0 }, fused.Header.SRowY.ToArray());
                CollectionAssert.AreEqual(new[] { 0, 0, 1f, -71 + z0 }, fused.Header.SRowZ.ToArray());
                Assert.AreEqual(NiftiXFormCode.Mni152, fused.Header.SFormCode);

                // Majority vote, by hand: with three raters every voxel has two that agree with the truth. Case b has
                // only rater1 and rater2, which tie where rater2 misses the truth (z < 6); ties go to class 0.
                var expected = id == "b" ? truth.Select((t, i) => Z(i) < 6 ? 0f : t).ToArray() : truth;
                CollectionAssert.AreEqual(expected, fused.ToSingleArray(), $"majority vote, case {id}");

                // STAPLE: wherever the raters who annotated the case agree, the fused label is theirs.
                var stapled = NiftiFile.Read(staple[c]).ToSingleArray();
                var present = id == "b" ? raters[id].Take(2).ToArray() : raters[id];
                int agreeing = 0;
                for (int i = 0; i < Voxels; i++)
                {
                    if (present.All(r => r[i] == present[0][i]))
                    {
                        Assert.AreEqual(present[0][i], stapled[i], $"STAPLE, case {id}, voxel {i}");
                        agreeing++;
                    }
                }

                Assert.IsGreaterThan(Voxels / 2, agreeing);
                if (id != "b")
                {
                    // With three raters, rater1 agrees with the majority everywhere: STAPLE rates it (near) perfect and
                    // follows it, which here is the truth.
                    CollectionAssert.AreEqual(truth, stapled, $"STAPLE, case {id}");
                }

                // The posterior: a 4D float32 file of two volumes, P(background) + P(foreground) = 1 at every voxel,
                // and the STAPLE label is its argmax.
                var probabilities = NiftiFile.Read(posterior[c]);
                Assert.AreEqual(NiftiDataType.Float32, probabilities.Header.DataType);
                CollectionAssert.AreEqual(new[] { SizeX, SizeY, SizeZ, 2 }, probabilities.Header.Shape.ToArray());
                var p = probabilities.GetVoxels<float>();
                for (int i = 0; i < Voxels; i++)
                {
                    Assert.AreEqual(1f, p[i] + p[Voxels + i], 1e-5f);
                    // Posteriors are computed in double and stored as Single: a near tie may round to 0.5 / 0.5.
                    Assert.IsTrue(stapled[i] == 1 ? p[Voxels + i] >= p[i] : p[Voxels + i] <= p[i], $"posterior argmax, case {id}, voxel {i}");
                }
            }

            // The written masks load back as raters of the same cases.
            var reloaded = _ml.NoisyLabels().Data.LoadVolumes(root, new[] { "t1.nii.gz" }, new[] { "majority.nii.gz" });
            CollectionAssert.AreEqual(truths["a"], VolumeTestFiles.Column(reloaded, "majority")[0]);
            CollectionAssert.AreEqual(new[] { "a", "b", "c" }, VolumeTestFiles.Text(reloaded, VolumeColumnNames.CaseId));
        }

        /// <summary>
        /// The README's example, as written there (with absolute folders): cases in a folder, majority vote and
        /// STAPLE, the masks written next to the scans and into another folder.
        /// </summary>
        [TestMethod]
        public void ReadmeExample()
        {
            string lesions = Path.Combine(TestData.NewTempFolder(), "lesions");
            string output = Path.Combine(TestData.NewTempFolder(), "out");
            WriteCases(lesions, "flair.nii.gz", out var truths, out _);

            var ml = new MLContext(seed: 1);
            IDataView cases = ml.NoisyLabels().Data.LoadVolumes(
                lesions, new[] { "flair.nii.gz" }, new[] { "rater1.nii.gz", "rater2.nii.gz", "rater3.nii.gz" });
            string[] raters = { "rater1", "rater2", "rater3" };

            var fusion = ml.NoisyLabels().Transforms.MajorityVote("MajorityVote", raters)
                .Append(ml.NoisyLabels().Transforms.Staple("Staple", raters, probabilitiesColumnName: "StaplePosterior"));
            IDataView fused = fusion.Fit(cases).Transform(cases);

            ml.NoisyLabels().Data.SaveVolumes(fused, "MajorityVote", "majority.nii.gz");
            ml.NoisyLabels().Data.SaveVolumes(fused, new[]
            {
                new VolumeOutput("Staple", "staple.nii.gz"),
                new VolumeOutput("StaplePosterior", "staple-posterior.nii.gz"),
            }, outputFolder: output);

            CollectionAssert.AreEqual(truths["a"], NiftiFile.Read(Path.Combine(lesions, "a", "majority.nii.gz")).ToSingleArray());
            CollectionAssert.AreEqual(truths["c"], NiftiFile.Read(Path.Combine(output, "c", "staple.nii.gz")).ToSingleArray());
            CollectionAssert.AreEqual(new[] { SizeX, SizeY, SizeZ, 2 }, NiftiFile.ReadHeader(Path.Combine(output, "b", "staple-posterior.nii.gz")).Shape.ToArray());
        }

        /// <summary>
        /// Writes the cases, each cut from ch2bet: the scan, and raters drawn from a truth, the brightest tissue
        /// (intensity above 100, white matter). rater1 draws it exactly, rater2 misses it in the first 6 slices (z &lt; 6),
        /// rater3 adds the whole of the last 6 slices (z &gt;= 30); case b has no rater3 file.
        /// </summary>
        private static void WriteCases(string root, string imageName, out Dictionary<string, float[]> truths, out Dictionary<string, float[][]> raters)
        {
            var scan = NiftiFile.Read(TestData.Ch2Bet);
            truths = new Dictionary<string, float[]>();
            raters = new Dictionary<string, float[][]>();
            foreach (var (id, x0, y0, z0) in Cases)
            {
                string folder = Path.Combine(root, id);
                Directory.CreateDirectory(folder);
                var crop = scan.Crop(x0, y0, z0, SizeX, SizeY, SizeZ);
                NiftiFile.Write(Path.Combine(folder, imageName), crop);
                var truth = crop.ToSingleArray().Select(v => v > 100 ? 1f : 0f).ToArray();
                var rater2 = truth.Select((t, i) => Z(i) < 6 ? 0f : t).ToArray();
                var rater3 = truth.Select((t, i) => Z(i) >= 30 ? 1f : t).ToArray();
                truths[id] = truth;
                raters[id] = new[] { truth, rater2, rater3 };
                VolumeTestFiles.Write(folder, "rater1.nii.gz", crop.Header, truth);
                VolumeTestFiles.Write(folder, "rater2.nii.gz", crop.Header, rater2);
                if (id != "b")
                {
                    VolumeTestFiles.Write(folder, "rater3.nii.gz", crop.Header, rater3);
                }
            }
        }

        private static int Z(int voxel) => voxel / (SizeX * SizeY);
    }
}
