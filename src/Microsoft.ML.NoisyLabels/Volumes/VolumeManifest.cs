using System.Text;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The manifest layout: a CSV file with a header row, a <c>case</c> column (the case id) and one column per image
    /// modality and per rater, each cell a file path (relative paths are relative to the manifest's folder). An empty
    /// rater cell is a missing annotation; fields may be quoted ("...") to hold commas.
    /// </summary>
    internal static class VolumeManifest
    {
        /// <summary>The name of the case-id column (any case).</summary>
        public const string CaseColumn = "case";

        public static IReadOnlyList<VolumeCase> ReadCases(
            string manifestPath, IReadOnlyList<string> imageColumns, IReadOnlyList<string>? raterColumns, out string[] raterNames)
        {
            if (!File.Exists(manifestPath))
            {
                throw new FileNotFoundException($"Volume manifest '{manifestPath}' does not exist.", manifestPath);
            }

            if (imageColumns.Count == 0)
            {
                throw new ArgumentException("At least one image column is needed.", nameof(imageColumns));
            }

            var lines = File.ReadAllLines(manifestPath);
            if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
            {
                throw new InvalidDataException($"Volume manifest '{manifestPath}' is empty: expected a header row such as 'case,image,rater1,rater2'.");
            }

            var header = SplitLine(lines[0], manifestPath, 1);
            int caseIndex = IndexOf(header, CaseColumn, StringComparer.OrdinalIgnoreCase, manifestPath);
            var imageIndices = imageColumns.Select(c => IndexOf(header, c, StringComparer.Ordinal, manifestPath)).ToArray();
            raterNames = (raterColumns ?? header.Where((h, i) => i != caseIndex && !imageIndices.Contains(i)).ToArray()).ToArray();
            VolumeNames.CheckRaterNames(raterNames, $"Volume manifest '{manifestPath}'");
            var raterIndices = raterNames.Select(c => IndexOf(header, c, StringComparer.Ordinal, manifestPath)).ToArray();

            string root = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
            var cases = new List<VolumeCase>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (int l = 1; l < lines.Length; l++)
            {
                if (string.IsNullOrWhiteSpace(lines[l]))
                {
                    continue;
                }

                int lineNumber = l + 1;
                var fields = SplitLine(lines[l], manifestPath, lineNumber);
                if (fields.Count != header.Count)
                {
                    throw new InvalidDataException($"Volume manifest '{manifestPath}', line {lineNumber}: {fields.Count} fields, but the header has {header.Count}.");
                }

                string id = fields[caseIndex];
                if (id.Length == 0 || !ids.Add(id))
                {
                    throw new InvalidDataException(
                        $"Volume manifest '{manifestPath}', line {lineNumber}: " + (id.Length == 0 ? "the case id is empty." : $"case '{id}' appears twice."));
                }

                var images = new string[imageIndices.Length];
                for (int m = 0; m < images.Length; m++)
                {
                    string cell = fields[imageIndices[m]];
                    if (cell.Length == 0)
                    {
                        throw new InvalidDataException($"Volume manifest '{manifestPath}', line {lineNumber} (case '{id}'): image column '{imageColumns[m]}' is empty.");
                    }

                    images[m] = Existing(root, cell, manifestPath, lineNumber, id);
                }

                var raters = raterIndices.Select(i => fields[i].Length == 0 ? null : Existing(root, fields[i], manifestPath, lineNumber, id)).ToArray();
                cases.Add(new VolumeCase(id, images, raters));
            }

            if (cases.Count == 0)
            {
                throw new InvalidDataException($"Volume manifest '{manifestPath}' lists no cases below its header row.");
            }

            return cases;
        }

        /// <summary>Splits one CSV line: commas separate fields; a quoted field may hold commas and doubled quotes.</summary>
        internal static List<string> SplitLine(string line, string path, int lineNumber)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char ch = line[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (ch == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(ch);
                    }
                }
                else if (ch == '"' && field.ToString().Trim().Length == 0)
                {
                    field.Clear();
                    quoted = true;
                }
                else if (ch == ',')
                {
                    fields.Add(field.ToString().Trim());
                    field.Clear();
                }
                else
                {
                    field.Append(ch);
                }
            }

            if (quoted)
            {
                throw new InvalidDataException($"Volume manifest '{path}', line {lineNumber}: a quoted field is not closed.");
            }

            fields.Add(field.ToString().Trim());
            return fields;
        }

        private static int IndexOf(List<string> header, string column, StringComparer comparer, string path)
        {
            int index = header.FindIndex(h => comparer.Equals(h, column));
            return index >= 0
                ? index
                : throw new ArgumentException($"Volume manifest '{path}' has no column '{column}'; its header row names: {string.Join(", ", header)}.");
        }

        private static string Existing(string root, string cell, string path, int lineNumber, string id)
        {
            string file = Path.GetFullPath(Path.Combine(root, cell));
            return File.Exists(file)
                ? file
                : throw new FileNotFoundException(
                    $"Volume manifest '{path}', line {lineNumber} (case '{id}'): file '{cell}' does not exist (looked for '{file}'). Leave a rater's cell empty for a missing annotation.",
                    file);
        }
    }
}
