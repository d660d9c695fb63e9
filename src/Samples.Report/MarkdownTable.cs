using System.Globalization;
using System.Text;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A GitHub-flavoured Markdown table whose source text is aligned too: every column is padded to its widest cell
    /// and numeric columns are right-aligned, so the .md file reads well unrendered and diffs cleanly.
    /// </summary>
    /// <remarks>
    /// Cells given as <see cref="double"/> or <see cref="float"/> print with <see cref="Decimals"/> decimals
    /// (invariant culture, NaN as "n/a"), <see cref="MeanStd"/> as "mean +/- std", other numbers and
    /// <see cref="IFormattable"/> values in the invariant culture, strings as given, null as empty. "|" in a cell is
    /// escaped and line breaks become spaces. Lines end with "\n".
    /// </remarks>
    public sealed class MarkdownTable
    {
        private readonly string[] _headers;
        private readonly ColumnAlignment[] _alignments;
        private readonly List<(string Text, bool Numeric)[]> _rows = new List<(string, bool)[]>();

        /// <summary>A table with the given column headers.</summary>
        public MarkdownTable(params string[] headers)
        {
            ArgumentNullException.ThrowIfNull(headers);
            if (headers.Length == 0)
            {
                throw new ArgumentException("A table needs at least one column.", nameof(headers));
            }

            _headers = new string[headers.Length];
            for (int c = 0; c < headers.Length; c++)
            {
                _headers[c] = Escape(headers[c] ?? string.Empty);
            }

            _alignments = new ColumnAlignment[headers.Length];
        }

        /// <summary>The decimals of <see cref="double"/>, <see cref="float"/> and <see cref="MeanStd"/> cells added from now on.</summary>
        public int Decimals { get; set { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; } } = 3;

        /// <summary>The number of columns.</summary>
        public int ColumnCount => _headers.Length;

        /// <summary>The number of body rows.</summary>
        public int RowCount => _rows.Count;

        /// <summary>"mean +/- std" with <paramref name="decimals"/> decimals (invariant culture); "n/a" when the mean is NaN.</summary>
        public static string FormatMeanStd(double mean, double std, int decimals)
        {
            if (double.IsNaN(mean))
            {
                return "n/a";
            }

            return FormatNumber(mean, decimals) + " +/- " + FormatNumber(std, decimals);
        }

        /// <summary>Fixed-point with <paramref name="decimals"/> decimals (invariant culture); NaN as "n/a", infinities as "inf"/"-inf".</summary>
        public static string FormatNumber(double value, int decimals)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(decimals);
            if (double.IsNaN(value))
            {
                return "n/a";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? "inf" : "-inf";
            }

            string text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

            // A value that rounds to zero prints as 0, not -0.
            return text.StartsWith('-') && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
        }

        /// <summary>Sets the alignment of <paramref name="column"/> (by default <see cref="ColumnAlignment.Auto"/>).</summary>
        public MarkdownTable Align(int column, ColumnAlignment alignment)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _headers.Length);
            _alignments[column] = alignment;
            return this;
        }

        /// <summary>Adds a row of exactly <see cref="ColumnCount"/> cells, formatted as the remarks say.</summary>
        public MarkdownTable AddRow(params object?[] cells)
        {
            ArgumentNullException.ThrowIfNull(cells);
            if (cells.Length != _headers.Length)
            {
                throw new ArgumentException($"The table has {_headers.Length} columns; the row has {cells.Length} cells.", nameof(cells));
            }

            var row = new (string, bool)[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                row[c] = Format(cells[c]);
            }

            _rows.Add(row);
            return this;
        }

        /// <summary>The table's Markdown text, one "\n"-terminated line per row (header and separator first).</summary>
        public override string ToString()
        {
            int columns = _headers.Length;
            var widths = new int[columns];
            var right = new ColumnAlignment[columns];
            for (int c = 0; c < columns; c++)
            {
                widths[c] = Math.Max(3, _headers[c].Length);
                bool numeric = _rows.Count > 0;
                foreach (var row in _rows)
                {
                    widths[c] = Math.Max(widths[c], row[c].Text.Length);
                    numeric &= row[c].Numeric || row[c].Text.Length == 0;
                }

                right[c] = _alignments[c] != ColumnAlignment.Auto ? _alignments[c] : numeric ? ColumnAlignment.Right : ColumnAlignment.Left;
            }

            var text = new StringBuilder();
            AppendLine(text, _headers, widths, right);
            text.Append('|');
            for (int c = 0; c < columns; c++)
            {
                // The separator cell spans the padded cell and its two spaces, so rows line up.
                text.Append(right[c] is ColumnAlignment.Left or ColumnAlignment.Center ? ':' : '-');
                text.Append('-', widths[c]);
                text.Append(right[c] is ColumnAlignment.Right or ColumnAlignment.Center ? ':' : '-');
                text.Append('|');
            }

            text.Append('\n');
            var cells = new string[columns];
            foreach (var row in _rows)
            {
                for (int c = 0; c < columns; c++)
                {
                    cells[c] = row[c].Text;
                }

                AppendLine(text, cells, widths, right);
            }

            return text.ToString();
        }

        private static void AppendLine(StringBuilder text, string[] cells, int[] widths, ColumnAlignment[] alignments)
        {
            text.Append('|');
            for (int c = 0; c < cells.Length; c++)
            {
                int pad = widths[c] - cells[c].Length;
                int before = alignments[c] switch
                {
                    ColumnAlignment.Right => pad,
                    ColumnAlignment.Center => pad / 2,
                    _ => 0,
                };
                text.Append(' ').Append(' ', before).Append(cells[c]).Append(' ', pad - before).Append(" |");
            }

            text.Append('\n');
        }

        private (string Text, bool Numeric) Format(object? cell)
        {
            return cell switch
            {
                null => (string.Empty, false),
                string s => (Escape(s), false),
                double d => (FormatNumber(d, Decimals), true),
                float f => (FormatNumber(f, Decimals), true),
                MeanStd m => (FormatMeanStd(m.Mean, m.Std, Decimals), true),
                sbyte or byte or short or ushort or int or uint or long or ulong or decimal => (Escape(((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture)), true),
                IFormattable f => (Escape(f.ToString(null, CultureInfo.InvariantCulture)), false),
                _ => (Escape(cell.ToString() ?? string.Empty), false),
            };
        }

        private static string Escape(string text)
        {
            return text.Replace("|", "\\|").Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
        }
    }
}
