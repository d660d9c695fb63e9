using Microsoft.ML.NoisyLabels.Data.Nifti;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// One column to save with <see cref="Data.NoisyLabelsDataCatalog.SaveVolumes(IDataView, IReadOnlyList{VolumeOutput}, string?, string, string)"/>:
    /// the column, the file name to give it in each case, and the voxel type.
    /// </summary>
    /// <param name="ColumnName">The column: a vector of numbers or keys (a key k is written as class k - 1).</param>
    /// <param name="FileName">The file name, ending in .nii or .nii.gz (compressed), e.g. <c>staple.nii.gz</c>.</param>
    /// <param name="DataType">The voxel type, or null for the smallest exact one per row: uint8 for labels 0..255,
    /// int16 for other integers, float32 otherwise.</param>
    public sealed record VolumeOutput(string ColumnName, string FileName, NiftiDataType? DataType = null);
}
