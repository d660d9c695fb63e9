namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// What the coordinates of a NIfTI-1 qform or sform refer to (the header's <c>qform_code</c> and
    /// <c>sform_code</c>). <see cref="Unknown"/> means the transform is not set.
    /// </summary>
    public enum NiftiXFormCode : short
    {
        /// <summary>Not set (<c>NIFTI_XFORM_UNKNOWN</c>, 0): the transform's parameters carry no meaning.</summary>
        Unknown = 0,

        /// <summary>Scanner-based anatomical coordinates (<c>NIFTI_XFORM_SCANNER_ANAT</c>, 1).</summary>
        ScannerAnatomical = 1,

        /// <summary>Coordinates aligned to another file or an anatomical truth (<c>NIFTI_XFORM_ALIGNED_ANAT</c>, 2).</summary>
        AlignedAnatomical = 2,

        /// <summary>Talairach-Tournoux atlas coordinates (<c>NIFTI_XFORM_TALAIRACH</c>, 3).</summary>
        Talairach = 3,

        /// <summary>MNI 152 template coordinates (<c>NIFTI_XFORM_MNI_152</c>, 4).</summary>
        Mni152 = 4,
    }
}
