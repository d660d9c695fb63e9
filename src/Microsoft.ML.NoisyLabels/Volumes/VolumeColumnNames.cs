namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The fixed column names of the data views returned by <see cref="Data.NoisyLabelsDataCatalog.LoadVolumes"/> and
    /// <see cref="Data.NoisyLabelsDataCatalog.LoadVolumesFromManifest"/>. The rater columns are named after their
    /// files (<c>rater1.nii.gz</c>: column <c>rater1</c>) or their manifest columns.
    /// </summary>
    public static class VolumeColumnNames
    {
        /// <summary>The case's id (text): its folder's name, or the manifest's <c>case</c> value.</summary>
        public const string CaseId = "CaseId";

        /// <summary>
        /// The path of the case's (first) image file (text). Its header is the reference that
        /// <see cref="O:Microsoft.ML.NoisyLabels.Data.NoisyLabelsDataCatalog.SaveVolumes"/> writes outputs with, and its folder is where they go
        /// by default.
        /// </summary>
        public const string ImagePath = "ImagePath";

        /// <summary>
        /// The image: <c>Vector&lt;Single&gt;</c> with dimensions [D, H, W] (z, y, x; x fastest, as in the file) for one
        /// image file, [C, D, H, W] for C files (modalities such as T1 and FLAIR), scaled by the files'
        /// <c>scl_slope</c>/<c>scl_inter</c>. Without dimensions when the cases' shapes differ.
        /// </summary>
        public const string Image = "Image";
    }
}
