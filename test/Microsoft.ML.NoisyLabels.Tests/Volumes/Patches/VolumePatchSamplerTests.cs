using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes.Patches
{
    [TestClass]
    public class VolumePatchSamplerTests
    {
        private sealed class Case
        {
            public string CaseId { get; set; } = string.Empty;

            public float[] Image { get; set; } = Array.Empty<float>();

            public float[] Rater1 { get; set; } = Array.Empty<float>();

            public float[] Rater2 { get; set; } = Array.Empty<float>();
        }

        /// <summary>
        /// Volumes [channels, d, h, w] whose image value at voxel i of channel c is 1000000 * c + i (so a patch tells
        /// where it came from); Rater1 marks a 2 x 3 x 3 box at (z 1..2, y 4..6, x 5..7), Rater2 is missing (NaN) in
        /// odd cases and marks nothing in even ones.
        /// </summary>
        private static IDataView Volumes(MLContext ml, int count, int d, int h, int w, int channels = 1)
        {
            int voxels = d * h * w;
            var cases = new Case[count];
            for (int n = 0; n < count; n++)
            {
                var image = new float[channels * voxels];
                for (int i = 0; i < image.Length; i++)
                {
                    image[i] = (1000000f * (i / voxels)) + (i % voxels);
                }

                var rater1 = new float[voxels];
                for (int i = 0; i < voxels; i++)
                {
                    int z = i / (h * w), y = i / w % h, x = i % w;
                    rater1[i] = z is >= 1 and <= 2 && y is >= 4 and <= 6 && x is >= 5 and <= 7 ? 1 : 0;
                }

                var rater2 = Enumerable.Repeat(n % 2 == 1 ? float.NaN : 0f, voxels).ToArray();
                cases[n] = new Case { CaseId = $"case{n}", Image = image, Rater1 = rater1, Rater2 = rater2 };
            }

            var schema = SchemaDefinition.Create(typeof(Case));
            schema[nameof(Case.Image)].ColumnType = channels == 1
                ? new VectorDataViewType(NumberDataViewType.Single, d, h, w)
                : new VectorDataViewType(NumberDataViewType.Single, channels, d, h, w);
            schema[nameof(Case.Rater1)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d, h, w);
            schema[nameof(Case.Rater2)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d, h, w);
            return ml.Data.LoadFromEnumerable(cases, schema);
        }

        private static VolumePatchOptions Options(int height = 4, int width = 5, int patches = 20, double foreground = 0.5, VolumeAxis axis = VolumeAxis.Depth, int? seed = 7)
            => new VolumePatchOptions
            {
                LabelColumnNames = new[] { "Rater1", "Rater2" },
                SliceAxis = axis,
                PatchHeight = height,
                PatchWidth = width,
                PatchesPerVolume = patches,
                ForegroundFraction = foreground,
                Seed = seed,
            };

        private static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

        [TestMethod]
        [DataRow(VolumeAxis.Depth)]
        [DataRow(VolumeAxis.Height)]
        [DataRow(VolumeAxis.Width)]
        public void PatchesAreWindowsOfOneSliceAcrossTheAxisWithTheirLabels(VolumeAxis axis)
        {
            const int d = 6, h = 9, w = 11;
            var ml = new MLContext(seed: 1);
            var patches = ml.NoisyLabels().Data.SamplePatches(Volumes(ml, 2, d, h, w, channels: 2), Options(axis: axis));

            Assert.AreEqual(40L, patches.GetRowCount());
            CollectionAssert.AreEqual(new[] { 2, 4, 5 }, ((VectorDataViewType)patches.Schema["Image"].Type).Dimensions.ToArray());
            CollectionAssert.AreEqual(new[] { 4, 5 }, ((VectorDataViewType)patches.Schema["Rater1"].Type).Dimensions.ToArray());
            CollectionAssert.AreEqual(
                Enumerable.Repeat("case0", 20).Concat(Enumerable.Repeat("case1", 20)).ToArray(),
                patches.GetColumn<ReadOnlyMemory<char>>("CaseId").Select(v => v.ToString()).ToArray());

            // The plane's rows and columns, and each axis's stride in the flat [D, H, W] array, by hand.
            (int Stride, int Size) slice = axis switch { VolumeAxis.Depth => (h * w, d), VolumeAxis.Height => (w, h), _ => (1, w) };
            (int Stride, int Size) rows = axis == VolumeAxis.Depth ? (w, h) : (h * w, d);
            (int Stride, int Size) columns = axis == VolumeAxis.Width ? (w, h) : (1, w);
            var images = Column(patches, "Image");
            var rater1 = Column(patches, "Rater1");
            var rater2 = Column(patches, "Rater2");
            for (int n = 0; n < images.Length; n++)
            {
                // The first pixel names the window's corner voxel; every other pixel must follow from it.
                int corner = (int)images[n][0];
                int s = corner / slice.Stride % slice.Size, top = corner / rows.Stride % rows.Size, left = corner / columns.Stride % columns.Size;
                Assert.IsTrue(top + 4 <= rows.Size && left + 5 <= columns.Size, $"patch {n} lies inside the plane");
                for (int i = 0; i < 4; i++)
                {
                    for (int j = 0; j < 5; j++)
                    {
                        int voxel = (s * slice.Stride) + ((top + i) * rows.Stride) + ((left + j) * columns.Stride);
                        Assert.AreEqual(voxel, images[n][(i * 5) + j], $"patch {n}, pixel ({i}, {j}), channel 0");
                        Assert.AreEqual(1000000f + voxel, images[n][20 + (i * 5) + j], $"patch {n}, pixel ({i}, {j}), channel 1");
                        int z = voxel / (h * w), y = voxel / w % h, x = voxel % w;
                        float box = z is >= 1 and <= 2 && y is >= 4 and <= 6 && x is >= 5 and <= 7 ? 1 : 0;
                        Assert.AreEqual(box, rater1[n][(i * 5) + j], $"patch {n}, Rater1 at ({i}, {j})");
                    }
                }

                // Case 1's Rater2 is missing: its patches stay missing (NaN everywhere); case 0's is all background.
                Assert.IsTrue(rater2[n].All(v => n < 20 ? v == 0 : float.IsNaN(v)), $"patch {n}, Rater2");
            }
        }

        [TestMethod]
        public void TheRequestedShareOfPatchesIsCentredOnForeground()
        {
            // 18 foreground voxels in 16 x 24 x 24: uniform patches would rarely be centred on them.
            const int d = 16, h = 24, w = 24;
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 4, d, h, w);
            foreach (double fraction in new[] { 0.0, 0.3, 1.0 })
            {
                var patches = ml.NoisyLabels().Data.SamplePatches(volumes, Options(height: 5, width: 5, patches: 50, foreground: fraction));
                var rater1 = Column(patches, "Rater1");
                int centred = rater1.Count(p => p[(2 * 5) + 2] == 1);
                // 15 of 50 per volume for 0.3; uniform patches add a few at most.
                int requested = (int)Math.Round(50 * fraction) * 4;
                Assert.IsTrue(centred >= requested && centred <= requested + 4, $"fraction {fraction}: {centred} of 200 patches centred on foreground, {requested} requested");
            }
        }

        [TestMethod]
        public void OnlyTheForegroundColumnsDecideWhereThePatchesLie()
        {
            // Rater1 marks a box; Rater2 (present in even cases) is made to mark the opposite corner. With Rater2 alone
            // deciding the foreground, every foreground-centred patch of an even case is centred on Rater2's voxel, and
            // Rater1 rides along without moving any patch.
            const int d = 16, h = 24, w = 24;
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 2, d, h, w);
            var withCorner = ml.Transforms.CustomMapping<RaterInput, RaterOutput>(
                (input, output) =>
                {
                    output.Corner = (float[])input.Rater2.Clone();
                    if (!float.IsNaN(output.Corner[0]))
                    {
                        output.Corner[((((d - 3) * h) + (h - 3)) * w) + (w - 3)] = 1;
                    }
                },
                contractName: null).Fit(volumes).Transform(volumes);
            var options = Options(height: 5, width: 5, patches: 40, foreground: 1.0);
            options.LabelColumnNames = new[] { "Rater1", "Corner" };
            options.ForegroundColumnNames = new[] { "Corner" };
            var patches = ml.NoisyLabels().Data.SamplePatches(withCorner, options);
            var corner = Column(patches, "Corner");
            var rater1 = Column(patches, "Rater1");
            // Case 0: all 40 patches centred on the corner voxel, none on Rater1's box; case 1 (Corner missing): uniform.
            Assert.AreEqual(40, corner.Take(40).Count(p => p[(2 * 5) + 2] == 1));
            Assert.AreEqual(0, rater1.Take(40).Count(p => p[(2 * 5) + 2] == 1));

            options.ForegroundColumnNames = new[] { "Nobody" };
            var ex = Assert.Throws<ArgumentException>(() => ml.NoisyLabels().Data.SamplePatches(withCorner, options));
            StringAssert.Contains(ex.Message, "Foreground column 'Nobody' is not one of the label columns");
        }

        [TestMethod]
        public void LabelColumnsOfUnknownSizeAreCheckedRowByRow()
        {
            // A fusion or simulation transform writes vectors without dimensions: accepted, and a row of the wrong
            // length is named.
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 2, 4, 8, 8);
            var variable = ml.Transforms.CustomMapping<RaterInput, VariableOutput>((input, output) => output.Loose = input.Rater2.Length == 0 ? input.Rater2 : input.Rater2[..^1], contractName: null)
                .Fit(volumes).Transform(volumes);
            var options = Options(height: 4, width: 4, patches: 2);
            options.LabelColumnNames = new[] { "Rater1", "Loose" };
            var ex = Assert.Throws<InvalidOperationException>(() => ml.NoisyLabels().Data.SamplePatches(variable, options));
            StringAssert.Contains(ex.Message, "Column 'Loose', row 0: 255 values where the image's grid has 256");
        }

        private sealed class RaterInput
        {
            public float[] Rater2 { get; set; } = Array.Empty<float>();
        }

        private sealed class RaterOutput
        {
            [VectorType(16, 24, 24)]
            public float[] Corner { get; set; } = Array.Empty<float>();
        }

        private sealed class VariableOutput
        {
            public float[] Loose { get; set; } = Array.Empty<float>();
        }

        [TestMethod]
        public void APlaneSmallerThanThePatchIsPaddedWithBackgroundAndMissingStaysMissing()
        {
            // Slices across Height are [D, W] = [3, 11]: patches of 6 x 14 take the whole plane plus padding.
            var ml = new MLContext(seed: 1);
            var patches = ml.NoisyLabels().Data.SamplePatches(Volumes(ml, 2, 3, 9, 11), Options(height: 6, width: 14, patches: 5, axis: VolumeAxis.Height));
            var images = Column(patches, "Image");
            var rater1 = Column(patches, "Rater1");
            var rater2 = Column(patches, "Rater2");
            for (int n = 0; n < images.Length; n++)
            {
                int y = (int)images[n][0] / 11 % 9;
                for (int i = 0; i < 6; i++)
                {
                    for (int j = 0; j < 14; j++)
                    {
                        int k = (i * 14) + j;
                        bool inside = i < 3 && j < 11;
                        Assert.AreEqual(inside ? (i * 9 * 11) + (y * 11) + j : 0f, images[n][k], $"patch {n}, image at ({i}, {j})");
                        if (!inside)
                        {
                            Assert.AreEqual(0f, rater1[n][k], $"patch {n}, Rater1 padding at ({i}, {j})");
                            Assert.AreEqual(n < 5 ? 0f : float.NaN, rater2[n][k], $"patch {n}, Rater2 padding at ({i}, {j})");
                        }
                    }
                }
            }
        }

        [TestMethod]
        public void TheSameSeedGivesTheSamePatches()
        {
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 2, 6, 9, 11);
            var first = Column(ml.NoisyLabels().Data.SamplePatches(volumes, Options()), "Image");
            var second = Column(ml.NoisyLabels().Data.SamplePatches(volumes, Options()), "Image");
            var other = Column(ml.NoisyLabels().Data.SamplePatches(volumes, Options(seed: 8)), "Image");
            for (int n = 0; n < first.Length; n++)
            {
                CollectionAssert.AreEqual(first[n], second[n], $"patch {n}");
            }

            Assert.IsFalse(first.Zip(other).All(p => p.First.SequenceEqual(p.Second)), "another seed draws other patches");
        }

        [TestMethod]
        public void BadColumnsAndOptionsAreRefused()
        {
            var ml = new MLContext(seed: 1);
            var volumes = Volumes(ml, 1, 6, 9, 11);
            var data = ml.NoisyLabels().Data;

            var options = Options();
            options.ImageColumnName = "Scan";
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, options)).Message, "Could not find image column 'Scan'");

            options = Options();
            options.LabelColumnNames = new[] { "Rater1", "Rater3" };
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, options)).Message, "Could not find label column 'Rater3'");

            options = Options();
            options.LabelColumnNames = new[] { "CaseId" };
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, options)).Message, "Schema mismatch for label column 'CaseId'");

            // A label column of another size than the image's grid.
            var doubled = ml.Transforms.Concatenate("Rater1", "Rater1", "Rater2").Fit(volumes).Transform(volumes);
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(doubled, Options())).Message, "Schema mismatch for label column 'Rater1'");

            // Volumes of several shapes (no dimensions) cannot be cut by one plane.
            var variable = ml.Transforms.CustomMapping<Case, Case>((input, output) => output.Image = input.Image, contractName: null).Fit(volumes).Transform(volumes);
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(variable, Options())).Message, "Schema mismatch for image column 'Image'");

            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, Options(height: 0)));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, Options(patches: 0)));
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, Options(foreground: 1.5))).Message, "ForegroundFraction");
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SamplePatches(volumes, Options(axis: (VolumeAxis)3)));

            options = Options();
            options.LabelColumnNames = Array.Empty<string>();
            Assert.ThrowsExactly<ArgumentException>(() => data.SamplePatches(volumes, options));
            options.LabelColumnNames = new[] { "Rater1", "Rater1" };
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => data.SamplePatches(volumes, options)).Message, "'Rater1' is named twice");
        }
    }
}
