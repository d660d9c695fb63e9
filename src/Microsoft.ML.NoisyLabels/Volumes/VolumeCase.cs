namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>One case of a volume data set: its id and files. A null rater path is a missing annotation.</summary>
    /// <param name="Id">The case id.</param>
    /// <param name="ImagePaths">One file per image modality.</param>
    /// <param name="RaterPaths">One file per rater, null where that rater did not annotate the case.</param>
    internal sealed record VolumeCase(string Id, string[] ImagePaths, string?[] RaterPaths);

    /// <summary>Naming rules shared by the folder and manifest layouts.</summary>
    internal static class VolumeNames
    {
        /// <summary>Column names the loader uses itself.</summary>
        public static readonly string[] Reserved = { VolumeColumnNames.CaseId, VolumeColumnNames.ImagePath, VolumeColumnNames.Image };

        /// <summary>True for file names (no folders) that end in .nii or .nii.gz (any case).</summary>
        public static bool IsNiftiFileName(string? name)
            => name is not null && name.IndexOfAny(new[] { '/', '\\' }) < 0
                && (name.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase));

        /// <summary>The column name of a rater file: its name without .nii or .nii.gz.</summary>
        public static string ColumnName(string fileName)
        {
            if (!IsNiftiFileName(fileName))
            {
                throw new ArgumentException($"'{fileName}' is not a NIfTI file name in a case folder: expected a name ending in .nii or .nii.gz, without folders.");
            }

            string name = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? fileName[..^3] : fileName;
            return name[..^4];
        }

        /// <summary>Checks that rater column names are unique, non-empty and not the loader's own columns.</summary>
        public static void CheckRaterNames(IReadOnlyList<string> names, string source)
        {
            foreach (string name in names)
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new ArgumentException($"{source}: a rater name is empty.");
                }

                if (Reserved.Contains(name, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"{source}: rater '{name}' would hide the loader's own column of that name; rename it.");
                }
            }

            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"{source}: rater '{duplicate.Key}' is named twice.");
            }
        }
    }
}
