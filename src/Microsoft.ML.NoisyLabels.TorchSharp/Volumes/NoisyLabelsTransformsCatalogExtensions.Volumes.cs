using Microsoft.ML.NoisyLabels;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML
{
    /// <summary>
    /// Whole-volume segmentation with trained 2D models, on <c>mlContext.NoisyLabels().Transforms</c> (extension methods
    /// of Microsoft.ML.NoisyLabels.TorchSharp, which writes the networks' graphs).
    /// </summary>
    public static class NoisyLabelsVolumeTransformsCatalogExtensions
    {
        /// <summary>
        /// Segments whole volumes with a model trained on 2D patches: slice by slice, in overlapping windows of the
        /// training patch size blended with Gaussian weights. See <see cref="VolumeSegmentationEstimator"/>.
        /// </summary>
        /// <param name="catalog">The transforms catalog.</param>
        /// <param name="model">The trained model (plain or two-network); its networks are read when fitting.</param>
        /// <param name="volumeColumnName">The volume column: Single, [D, H, W] or [C, D, H, W].</param>
        /// <param name="sliceAxis">The axis the training patches were cut across.</param>
        /// <param name="overlap">The least overlap of neighbouring windows, a share of their size in [0, 1).</param>
        public static VolumeSegmentationEstimator SegmentVolumes(
            this NoisyLabelsTransformsCatalog catalog,
            SegmentationTransformer model,
            string volumeColumnName = VolumeColumnNames.Image,
            VolumeAxis sliceAxis = VolumeAxis.Depth,
            double overlap = 0.5)
            => new VolumeSegmentationEstimator(catalog.Context, model, new VolumeSegmentationEstimator.Options
            {
                VolumeColumnName = volumeColumnName,
                SliceAxis = sliceAxis,
                Overlap = overlap,
            });

        /// <summary>Whole-volume segmentation with all its options. See <see cref="VolumeSegmentationEstimator"/>.</summary>
        /// <param name="catalog">The transforms catalog.</param>
        /// <param name="model">The trained model (plain or two-network).</param>
        /// <param name="options">The columns, the slice axis and the overlap.</param>
        public static VolumeSegmentationEstimator SegmentVolumes(this NoisyLabelsTransformsCatalog catalog, SegmentationTransformer model, VolumeSegmentationEstimator.Options options)
            => new VolumeSegmentationEstimator(catalog.Context, model, options);
    }
}
