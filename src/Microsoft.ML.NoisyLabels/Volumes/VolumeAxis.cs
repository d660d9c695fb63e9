namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// An axis of a volume column laid out [D, H, W] (or [C, D, H, W]), as <see cref="Data.NoisyLabelsDataCatalog.LoadVolumes"/>
    /// gives it: D is the file's z, H its y, W its x. For a scan stored in the usual RAS-like orientation (the NIfTI
    /// standard space, MNI templates, most scanners' converted files) z runs inferior to superior, so slices across
    /// <see cref="Depth"/> are axial, across <see cref="Height"/> coronal and across <see cref="Width"/> sagittal.
    /// Other orientations exist: check the file's qform or sform.
    /// </summary>
    public enum VolumeAxis
    {
        /// <summary>D, the file's z: the slices are [H, W] planes (axial in the usual orientation).</summary>
        Depth = 0,

        /// <summary>H, the file's y: the slices are [D, W] planes (coronal in the usual orientation).</summary>
        Height = 1,

        /// <summary>W, the file's x: the slices are [D, H] planes (sagittal in the usual orientation).</summary>
        Width = 2,
    }
}
