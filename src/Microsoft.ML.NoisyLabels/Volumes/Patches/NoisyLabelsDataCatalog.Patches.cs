using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Data
{
    // Patch sampling from volumes (the class is documented in Data/NoisyLabelsDataCatalog.cs).
    public sealed partial class NoisyLabelsDataCatalog
    {
        /// <summary>
        /// Cuts 2D training patches from volumes, for the 2D trainers: one row per patch, an h x w window of one slice
        /// across <see cref="VolumePatchOptions.SliceAxis"/>. A share of each volume's patches is centred on voxels
        /// that an annotation marks as foreground, the rest lie anywhere (<see cref="VolumePatchOptions.ForegroundFraction"/>).
        /// </summary>
        /// <remarks>
        /// <para>Columns: the case id (when the input has <see cref="VolumePatchOptions.CaseIdColumnName"/>), the image
        /// named as the input's, Single [C, h, w] (C = 1 for a [D, H, W] volume), and each label column, Single [h, w].
        /// Patches lie inside the slice where it is at least h x w; where it is smaller, the slice fills the patch from
        /// its top-left corner and the rest is padding: 0 in the image and in annotations, NaN in an annotation that is
        /// missing for the whole volume (NaN everywhere), so that it stays missing for the trainers.</para>
        /// <para>The volumes are read once, now, and the patches kept in memory (patches x (C + annotations) x h x w
        /// values of 4 bytes). The draws depend on <see cref="VolumePatchOptions.Seed"/> and the rows' order only.
        /// Segment whole volumes with a model trained on these patches through a sliding window of the same size
        /// (<c>SegmentVolumes</c> in Microsoft.ML.NoisyLabels.TorchSharp): instance normalisation sees the field of view.</para>
        /// </remarks>
        /// <param name="volumes">Volumes, e.g. from <see cref="LoadVolumes"/>: all of one shape (the column has dimensions).</param>
        /// <param name="options">The columns, the slice axis, the patch size and how many patches to draw.</param>
        /// <returns>An in-memory data view of the patches, volume by volume in the input's order.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type or size (ML.NET's
        /// wording), or an option is out of range.</exception>
        /// <exception cref="ArgumentException">No label column, or a column named twice.</exception>
        public IDataView SamplePatches(IDataView volumes, VolumePatchOptions options)
            => VolumePatchSampler.Sample(_mlContext, volumes, options);
    }
}
