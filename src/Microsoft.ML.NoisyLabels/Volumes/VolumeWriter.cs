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
            IDataView data, IReadOnlyList<VolumeOutput> outputs, string? outputFolder, string caseIdColumnName, string referencePathColumnName)
        {
            if (outputs.Count == 0)
            {
                throw new ArgumentException("At least one column to save is needed.", nameof(outputs));
            }

            foreach (var output in outputs)
            {
                if (!VolumeNames.IsNiftiFileName(output.FileName))
                {
                    throw new ArgumentException($"'{output.FileName}' is not a NIfTI file name: expected a name ending in .nii or .nii.gz, without folders.", nameof(outputs));
                }
            }

            var sameFile = outputs.GroupBy(o => o.FileName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (sameFile is not null)
            {
                throw new ArgumentException($"Columns {string.Join(" and ", sameFile.Select(o => "'" + o.ColumnName + "'"))} would both be written to '{sameFile.Key}'.", nameof(outputs));
            }

            var schema = data.Schema;
            // The package's label-column reader: keys become classes (key - 1), numbers are taken as they are.
            var columns = outputs.Select(o => LabelColumn.Find(schema, o.ColumnName, Role)).ToArray();
            var caseId = TextColumn(schema, caseIdColumnName, "case id");
            var reference = TextColumn(schema, referencePathColumnName, "reference image path");

            var written = new List<string>();
            var targets = new HashSet<string>(StringComparer.Ordinal);
            // One pass writes every column: each row's files (and the fusion behind them) are read and computed once.
            using var cursor = data.GetRowCursor(columns.Select(c => c.Column).Append(caseId).Append(reference));
            var valueGetters = columns.Select(c => c.GetCanonicalGetter(cursor)).ToArray();
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
                NiftiHeader? header = null;
                for (int o = 0; o < outputs.Count; o++)
                {
                    valueGetters[o](ref buffer);
                    var dense = buffer.IsDense ? buffer.GetValues() : buffer.DenseValues().ToArray();
                    if (dense.Length > 0 && AllMissing(dense))
                    {
                        // A missing annotation (NaN everywhere) has no file, as when the loader found none.
                        continue;
                    }

                    string target = Target(outputFolder, outputs[o].FileName, id, referencePath, row);
                    if (!targets.Add(target))
                    {
                        throw new InvalidOperationException($"Row {row} (case '{id}') would overwrite '{target}', written for an earlier row: case ids must be unique.");
                    }

                    header ??= NiftiFile.ReadHeader(referencePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    try
                    {
                        NiftiFile.WriteSingle(target, header, dense, outputs[o].DataType ?? NiftiVoxels.SmallestExactType(dense));
                    }
                    catch (ArgumentException ex)
                    {
                        throw new InvalidOperationException($"Column '{outputs[o].ColumnName}', row {row} (case '{id}'), for '{target}': {ex.Message}", ex);
                    }

                    written.Add(target);
                }
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
