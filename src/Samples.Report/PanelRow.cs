namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>The check both panel figures make on a row they are given: one optional map per column, each of one size.</summary>
    internal static class PanelRow
    {
        /// <summary>
        /// A copy of <paramref name="maps"/> once it holds <paramref name="columns"/> entries, each null or of
        /// <paramref name="rows"/> x <paramref name="width"/> values; <paramref name="what"/> names the row and its
        /// maps in the error ("source 'ours'", "matrices").
        /// </summary>
        public static T[]?[] Checked<T>(IReadOnlyList<T[]?> maps, int columns, int rows, int width, (string Row, string Maps) what, string parameterName)
        {
            ArgumentNullException.ThrowIfNull(maps, parameterName);
            if (maps.Count != columns)
            {
                throw new ArgumentException($"The figure has {columns} columns; {what.Row} has {maps.Count} {what.Maps}.", parameterName);
            }

            for (int c = 0; c < maps.Count; c++)
            {
                if (maps[c] is T[] map && map.Length != rows * width)
                {
                    throw new ArgumentException($"Entry {c} of {what.Row} has {map.Length} values, not {rows} x {width}.", parameterName);
                }
            }

            return maps.ToArray();
        }
    }
}
