namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The folder layout: one sub-folder per case (its name is the case id) holding the same file names, e.g.
    /// <c>case01/image.nii.gz</c>, <c>case01/rater1.nii.gz</c>, ... A case without a rater's file was not annotated by
    /// that rater. Folders whose name starts with a dot are ignored.
    /// </summary>
    internal static class VolumeFolder
    {
        public static IReadOnlyList<VolumeCase> FindCases(string folder, IReadOnlyList<string> imageFileNames, IReadOnlyList<string> raterFileNames)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"Volume folder '{folder}' does not exist.");
            }

            if (imageFileNames.Count == 0)
            {
                throw new ArgumentException("At least one image file name is needed.", nameof(imageFileNames));
            }

            foreach (string name in imageFileNames)
            {
                VolumeNames.ColumnName(name);
            }

            var cases = new List<VolumeCase>();
            var caseFolders = Directory.GetDirectories(folder)
                .Where(d => !Path.GetFileName(d).StartsWith('.'))
                .OrderBy(d => d, StringComparer.Ordinal);
            foreach (string caseFolder in caseFolders)
            {
                string id = Path.GetFileName(caseFolder);
                var images = imageFileNames.Select(name => Path.Combine(caseFolder, name)).ToArray();
                foreach (string image in images)
                {
                    if (!File.Exists(image))
                    {
                        throw new FileNotFoundException($"Case '{id}' has no image file '{Path.GetFileName(image)}' (looked for '{image}').", image);
                    }
                }

                var raters = raterFileNames.Select(name => Path.Combine(caseFolder, name)).Select(p => File.Exists(p) ? p : null).ToArray();
                cases.Add(new VolumeCase(id, images, raters));
            }

            if (cases.Count == 0)
            {
                throw new InvalidDataException($"Volume folder '{folder}' holds no case folders (expected one sub-folder per case, such as '{folder}/case01/{imageFileNames[0]}').");
            }

            return cases;
        }
    }
}
