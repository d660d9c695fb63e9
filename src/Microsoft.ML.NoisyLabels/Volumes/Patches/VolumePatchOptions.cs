namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// How <see cref="Data.NoisyLabelsDataCatalog.SamplePatches"/> cuts 2D training patches from volumes.
    /// </summary>
    public sealed class VolumePatchOptions
    {
        /// <summary>The volume column: Single, [D, H, W] or [C, D, H, W] (as <c>LoadVolumes</c> gives it).</summary>
        public string ImageColumnName = VolumeColumnNames.Image;

        /// <summary>
        /// The annotation columns (one per rater): Single labels 0..L-1 with D * H * W values. An annotation that is NaN
        /// everywhere (a rater who did not label the case) gives patches that are NaN everywhere: still missing.
        /// </summary>
        public string[] LabelColumnNames = Array.Empty<string>();

        /// <summary>A text column copied to every patch of its volume when the input has it (null: none).</summary>
        public string? CaseIdColumnName = VolumeColumnNames.CaseId;

        /// <summary>
        /// The axis the 2D slices are cut across. <see cref="VolumeAxis.Depth"/> (the default) gives [H, W] slices,
        /// axial for a scan in the usual orientation. Whole-volume segmentation must slice across the same axis.
        /// </summary>
        public VolumeAxis SliceAxis = VolumeAxis.Depth;

        /// <summary>Height h of a patch: rows of the slice plane (H for <see cref="VolumeAxis.Depth"/>).</summary>
        public int PatchHeight = VolumePatchDefaults.PatchSize;

        /// <summary>Width w of a patch: columns of the slice plane (W for <see cref="VolumeAxis.Depth"/>).</summary>
        public int PatchWidth = VolumePatchDefaults.PatchSize;

        /// <summary>Patches drawn from each volume.</summary>
        public int PatchesPerVolume = VolumePatchDefaults.PatchesPerVolume;

        /// <summary>
        /// The share of each volume's patches (rounded to a whole number) centred on a voxel that at least one
        /// annotation marks as foreground (a class other than 0), so that small lesions are not drowned in background.
        /// The others lie anywhere in the volume, uniformly. A volume that no annotation marks gets uniform patches only.
        /// </summary>
        public double ForegroundFraction = VolumePatchDefaults.ForegroundFraction;

        /// <summary>
        /// The label columns whose foreground decides where the foreground-centred patches lie; null (the default) for
        /// all of <see cref="LabelColumnNames"/>. Name the annotators only when a ground-truth column rides along for
        /// evaluation, so that the truth never decides what the training sees.
        /// </summary>
        public string[]? ForegroundColumnNames;

        /// <summary>The seed of the draws; null to draw one from the MLContext's seed.</summary>
        public int? Seed;
    }

    /// <summary>The defaults of <see cref="VolumePatchOptions"/>.</summary>
    internal static class VolumePatchDefaults
    {
        public const int PatchSize = 64;
        public const int PatchesPerVolume = 32;
        public const double ForegroundFraction = 0.5;
    }
}
