using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Writes one column of a data view as NIfTI files, one per row, on the grid of each row's reference image (its
    /// header gives the spacing and orientation).
    /// </summary>
    internal static class VolumeWriter
    {
        private const string Role = "volume";

        public static IReadOnlyList<string> Save(
            IDataView data, string columnName, string fileName, string? outputFolder, NiftiDataType? dataType, string caseIdColumnName, string referencePathColumnName)
        {
            if (!VolumeNames.IsNiftiFileName(fileName) || fileName.IndexOfAny(new[] { '/', '\\' }) >= 0)
            {
                throw new ArgumentException($"'{fileName}' is not a NIfTI file name: expected a name ending in .nii or .nii.gz, without folders.", nameof(fileName));
            }

            var schema = data.Schema;
            // The package's label-column reader: keys become classes (key - 1), numbers are taken as they are.
            var values = LabelColumn.Find(schema, columnName, Role);
            var caseId = TextColumn(schema, caseIdColumnName, "case id");
            var reference = TextColumn(schema, referencePathColumnName, "reference image path");

            var written = new List<string>();
            var targets = new HashSet<string>(StringComparer.Ordinal);
            using var cursor = data.GetRowCursor(new[] { values.Column, caseId, reference });
            var valuesGetter = values.GetCanonicalGetter(cursor);
            var caseIdGetter = cursor.GetGetter<ReadOnlyMemory<char>>(caseId);
            var referenceGetter = cursor.GetGetter<ReadOnlyMemory<char>>(reference);
            VBuffer<float> buffer = default;
            ReadOnlyMemory<char> text = default;
            long row = -1;
            while (cursor.MoveNext())
            {
                row++;
                caseIdGetter(ref text);
                string id = text.ToString();
                referenceGetter(ref text);
                string referencePath = text.ToString();
                valuesGetter(ref buffer);
                var dense = buffer.IsDense ? buffer.GetValues() : buffer.DenseValues().ToArray();
                if (dense.Length > 0 && AllMissing(dense))
                {
                    // A missing annotation (NaN everywhere) has no file, as when the loader found none.
                    continue;
                }

                string target = Target(outputFolder, fileName, id, referencePath, row);
                if (!targets.Add(target))
                {
                    throw new InvalidOperationException($"Row {row} (case '{id}') would overwrite '{target}', written for an earlier row: case ids must be unique.");
                }

                var header = NiftiFile.ReadHeader(referencePath);
                NiftiVolume volume;
                try
                {
                    volume = NiftiVolume.FromSingle(header, dense, dataType ?? NiftiVoxels.SmallestExactType(dense));
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidOperationException($"Column '{columnName}', row {row} (case '{id}'), for '{target}': {ex.Message}", ex);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                NiftiFile.Write(target, volume);
                written.Add(target);
            }

            return written;
        }

        private static DataViewSchema.Column TextColumn(DataViewSchema schema, string name, string role)
        {
            var column = SchemaChecks.FindColumn(schema, name, role);
            return column.Type is TextDataViewType ? column : throw SchemaChecks.Mismatch(role, name, "String", column.Type);
        }

        private static bool AllMissing(ReadOnlySpan<float> values)
        {
            foreach (float v in values)
            {
                if (!float.IsNaN(v))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Target(string? outputFolder, string fileName, string id, string referencePath, long row)
        {
            if (outputFolder is null)
            {
                string? folder = Path.GetDirectoryName(Path.GetFullPath(referencePath));
                return Path.Combine(folder!, fileName);
            }

            if (id.Length == 0 || id is "." or ".." || id.IndexOfAny(Path.GetInvalidFileNameChars().Append('/').Append('\\').ToArray()) >= 0)
            {
                throw new InvalidOperationException($"Row {row}: case id '{id}' cannot name a folder under '{outputFolder}'.");
            }

            return Path.Combine(outputFolder, id, fileName);
        }
    }
}
