using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Samples.Report;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>Slice figures of MS cases: a scan's axial slices with masks drawn over them, one panel per mask.</summary>
    internal static class MsFigures
    {
        /// <summary>
        /// The axial slices <paramref name="slices"/> of <paramref name="background"/> ([D, H, W]), one row each, with
        /// one panel per entry of <paramref name="panels"/>: its mask drawn over the slice as a contour in the panel's
        /// own colour (a null mask: the slice alone).
        /// </summary>
        public static SliceOverlayFigure Slices(float[] background, VolumeShape shape, IReadOnlyList<(string Title, float[]? Mask)> panels, IReadOnlyList<int> slices, string? title)
        {
            var figure = new SliceOverlayFigure(shape.Height, shape.Width, panels.Select(p => p.Title).ToArray()) { Title = title };
            foreach (int z in slices)
            {
                var overlays = panels
                    .Select((p, c) => p.Mask is null ? null : (IReadOnlyList<MaskOverlay>)new[] { new MaskOverlay(Slice(p.Mask, shape, z), Palette.Series(c)) })
                    .ToArray();
                figure.AddRow($"z = {z}", Slice(background, shape, z), overlays);
            }

            return figure;
        }

        /// <summary>The <paramref name="count"/> axial slices with the most lesion voxels, in increasing order.</summary>
        public static int[] LesionSlices(float[] truth, VolumeShape shape, int count)
        {
            var voxels = new int[shape.Depth];
            for (int i = 0; i < truth.Length; i++)
            {
                voxels[i / shape.Slice] += truth[i] != 0 ? 1 : 0;
            }

            return Enumerable.Range(0, shape.Depth).OrderByDescending(z => voxels[z]).ThenBy(z => z).Take(Math.Min(count, shape.Depth)).Order().ToArray();
        }

        /// <summary>
        /// The figure of one case folder written by <see cref="MsDataset"/>: T1, FLAIR, then the truth and the five raters
        /// over the FLAIR, on the three slices with the most lesion.
        /// </summary>
        public static SliceOverlayFigure Case(string caseFolder)
        {
            var t1 = NiftiFile.Read(Path.Combine(caseFolder, MsDataset.T1FileName));
            var dims = t1.Header.Shape;
            var shape = new VolumeShape(dims[2], dims[1], dims[0]);
            float[] Read(string file) => NiftiFile.Read(Path.Combine(caseFolder, file)).ToSingleArray();
            var flair = Read(MsDataset.FlairFileName);
            var truth = Read(MsDataset.TruthFileName);
            var panels = new List<(string, float[]?)> { ("FLAIR", null), ("truth", truth) };
            panels.AddRange(MsDataset.RaterFileNames.Select(f => (f.Replace(".nii.gz", string.Empty, StringComparison.Ordinal), (float[]?)Read(f))));
            var figure = Slices(flair, shape, panels, LesionSlices(truth, shape, 3), $"{Path.GetFileName(caseFolder)}: FLAIR, ground truth and simulated raters");
            return figure;
        }

        /// <summary>Axial slice <paramref name="z"/>, anterior at the top as radiologists view it (y grows to the front).</summary>
        private static float[] Slice(float[] volume, VolumeShape shape, int z)
        {
            var slice = new float[shape.Slice];
            for (int y = 0; y < shape.Height; y++)
            {
                volume.AsSpan((z * shape.Slice) + (y * shape.Width), shape.Width).CopyTo(slice.AsSpan((shape.Height - 1 - y) * shape.Width));
            }

            return slice;
        }
    }
}
