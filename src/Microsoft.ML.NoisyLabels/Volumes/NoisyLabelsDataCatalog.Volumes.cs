using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Data
{
    // The NIfTI volume entry points (the class is documented in Data/NoisyLabelsDataCatalog.cs).
    public sealed partial class NoisyLabelsDataCatalog
    {
        /// <summary>
        /// Loads a folder of 3D scans with several raters' masks, one row per case: each sub-folder is a case (its name
        /// the case id) holding the same file names, e.g. <c>case01/image.nii.gz</c>, <c>case01/rater1.nii.gz</c>,
        /// <c>case01/rater2.nii.gz</c>. A rater's file that a case lacks is a missing annotation (NaN everywhere).
        /// </summary>
        /// <remarks>
        /// Columns: <see cref="VolumeColumnNames.CaseId"/>, <see cref="VolumeColumnNames.ImagePath"/>,
        /// <see cref="VolumeColumnNames.Image"/> (Single, [D, H, W], or [C, D, H, W] for several image files), then one
        /// column per rater named after its file (<c>rater1.nii.gz</c>: <c>rater1</c>), Single labels 0..L-1 with
        /// dimensions [D, H, W]: what the fusion estimators read. The headers are checked now; the voxels are read
        /// from the files as rows are read, so a data set of any size loads in little memory.
        /// </remarks>
        /// <param name="folder">The folder of case folders.</param>
        /// <param name="imageFileNames">The image file in each case folder, one per modality (e.g. <c>t1.nii.gz</c>, <c>flair.nii.gz</c>).</param>
        /// <param name="raterFileNames">The raters' mask files in each case folder (may be empty).</param>
        /// <returns>A data view with one row per case, in the order of the folder names.</returns>
        /// <exception cref="ArgumentException">A file name does not end in .nii or .nii.gz, or two rater files give one
        /// column name, or a rater's name is one of the loader's own columns.</exception>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        /// <exception cref="FileNotFoundException">A case lacks an image file.</exception>
        /// <exception cref="InvalidDataException">A file is not NIfTI-1, is truncated, has an unsupported datatype or
        /// more than three dimensions, or a case's files disagree in shape or spacing; the message names the case and
        /// the file. Masks whose values are not class labels are reported when their rows are read.</exception>
        public IDataView LoadVolumes(string folder, string[] imageFileNames, string[] raterFileNames)
        {
            ArgumentNullException.ThrowIfNull(folder);
            ArgumentNullException.ThrowIfNull(imageFileNames);
            ArgumentNullException.ThrowIfNull(raterFileNames);
            var raterNames = raterFileNames.Select(VolumeNames.ColumnName).ToArray();
            VolumeNames.CheckRaterNames(raterNames, $"Volume folder '{folder}'");
            return VolumeLoader.Load(VolumeFolder.FindCases(folder, imageFileNames, raterFileNames), raterNames);
        }

        /// <summary>
        /// Loads 3D scans with several raters' masks listed in a CSV manifest, one row per case. The manifest has a
        /// header row and a <c>case</c> column; every other cell is a file path (relative to the manifest's folder), for
        /// instance <c>case,t1,flair,rater1,rater2</c>. An empty rater cell is a missing annotation.
        /// </summary>
        /// <remarks>The columns are those of <see cref="LoadVolumes"/>; rater columns take the manifest's column names.</remarks>
        /// <param name="manifestPath">The CSV file.</param>
        /// <param name="imageColumnNames">The manifest columns holding the images, one per modality.</param>
        /// <param name="raterColumnNames">The manifest columns holding the raters' masks; null for every column that is
        /// neither <c>case</c> nor an image column.</param>
        /// <returns>A data view with one row per manifest line, in the manifest's order.</returns>
        /// <exception cref="FileNotFoundException">The manifest, or a file it names, does not exist.</exception>
        /// <exception cref="ArgumentException">A named column is not in the manifest.</exception>
        /// <exception cref="InvalidDataException">The manifest or a file is malformed (see <see cref="LoadVolumes"/>);
        /// the message names the manifest line, or the case and the file.</exception>
        public IDataView LoadVolumesFromManifest(string manifestPath, string[] imageColumnNames, string[]? raterColumnNames = null)
        {
            ArgumentNullException.ThrowIfNull(manifestPath);
            ArgumentNullException.ThrowIfNull(imageColumnNames);
            var cases = VolumeManifest.ReadCases(manifestPath, imageColumnNames, raterColumnNames, out var raterNames);
            return VolumeLoader.Load(cases, raterNames);
        }

        /// <summary>
        /// Saves one column of a data view as a NIfTI file per row, on the grid of that row's image: its header (spacing,
        /// qform, sform, byte order) is copied, so the file overlays the scan in any viewer. Labels (integers 0..255) are
        /// written as uint8, other integers as int16, anything else (probabilities) as float32, unless
        /// <paramref name="dataType"/> says otherwise. A vector with k times the image's voxels (a posterior [L, D, H, W])
        /// becomes a 4D file of k volumes. Rows whose values are all NaN (missing annotations) are skipped.
        /// </summary>
        /// <param name="data">The data, e.g. a loaded and scored volume data set.</param>
        /// <param name="columnName">The column to save: a vector of numbers or keys (keys are written as class key - 1).</param>
        /// <param name="fileName">The file name, ending in .nii or .nii.gz (compressed), e.g. <c>staple.nii.gz</c>.</param>
        /// <param name="outputFolder">Null to write next to each case's image; else the file goes to
        /// <c>outputFolder/caseId/fileName</c>.</param>
        /// <param name="dataType">The voxel type, or null to choose it per row as above.</param>
        /// <param name="caseIdColumnName">The text column holding the case ids.</param>
        /// <param name="referencePathColumnName">The text column holding the path of each row's reference image.</param>
        /// <returns>The files written, in row order.</returns>
        /// <exception cref="ArgumentException"><paramref name="fileName"/> does not end in .nii or .nii.gz, or names a folder.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type (ML.NET's wording).</exception>
        /// <exception cref="InvalidOperationException">A row's values do not fit its image's grid, cannot be stored exactly
        /// as <paramref name="dataType"/>, or two rows would write one file; the message names the row and the case.</exception>
        public IReadOnlyList<string> SaveVolumes(
            IDataView data,
            string columnName,
            string fileName,
            string? outputFolder = null,
            NiftiDataType? dataType = null,
            string caseIdColumnName = VolumeColumnNames.CaseId,
            string referencePathColumnName = VolumeColumnNames.ImagePath)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(columnName);
            ArgumentNullException.ThrowIfNull(fileName);
            return VolumeWriter.Save(data, new[] { new VolumeOutput(columnName, fileName, dataType) }, outputFolder, caseIdColumnName, referencePathColumnName);
        }

        /// <summary>
        /// Saves several columns of a data view as NIfTI files in one pass over the data (each case's files are read,
        /// and the transforms before them computed, once), with the rules of the single-column overload.
        /// </summary>
        /// <param name="data">The data, e.g. a loaded and scored volume data set.</param>
        /// <param name="outputs">The columns, their file names (distinct) and voxel types.</param>
        /// <param name="outputFolder">Null to write next to each case's image; else the files go to
        /// <c>outputFolder/caseId/</c>.</param>
        /// <param name="caseIdColumnName">The text column holding the case ids.</param>
        /// <param name="referencePathColumnName">The text column holding the path of each row's reference image.</param>
        /// <returns>The files written: for each row, those of its outputs in the order given.</returns>
        /// <exception cref="ArgumentException">An output's file name is not a NIfTI file name, or two outputs share one.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type (ML.NET's wording).</exception>
        /// <exception cref="InvalidOperationException">A row's values do not fit its image's grid or the requested
        /// type, or two rows would write one file; the message names the column, the row and the case.</exception>
        public IReadOnlyList<string> SaveVolumes(
            IDataView data,
            IReadOnlyList<VolumeOutput> outputs,
            string? outputFolder = null,
            string caseIdColumnName = VolumeColumnNames.CaseId,
            string referencePathColumnName = VolumeColumnNames.ImagePath)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(outputs);
            return VolumeWriter.Save(data, outputs, outputFolder, caseIdColumnName, referencePathColumnName);
        }
    }
}
