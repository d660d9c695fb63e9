using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>Data views of annotator columns "A0", "A1", ... built from label maps [row][annotator][pixel].</summary>
    internal static class FusionDataViews
    {
        public static string[] Names(int raters) => Enumerable.Range(0, raters).Select(r => "A" + r).ToArray();

        /// <summary>Columns of Single (NaN where an annotation is missing), with the given dimensions.</summary>
        public static IDataView Floats(byte[][][] rows, int[] dimensions, bool[][]? present = null)
            => Build(rows, present, r => new InMemoryColumn<VBuffer<float>>(
                "A" + r,
                new VectorDataViewType(NumberDataViewType.Single, dimensions),
                (long row, ref VBuffer<float> value) =>
                {
                    bool has = present?[row][r] ?? true;
                    value = new VBuffer<float>(rows[row][r].Length, rows[row][r].Select(v => has ? (float)v : float.NaN).ToArray());
                }));

        /// <summary>Columns of Double.</summary>
        public static IDataView Doubles(byte[][][] rows, int[] dimensions)
            => Build(rows, null, r => new InMemoryColumn<VBuffer<double>>(
                "A" + r,
                new VectorDataViewType(NumberDataViewType.Double, dimensions),
                (long row, ref VBuffer<double> value) => value = new VBuffer<double>(rows[row][r].Length, rows[row][r].Select(v => (double)v).ToArray())));

        /// <summary>Key-typed columns (key = class + 1; the missing key 0 where an annotation is missing).</summary>
        public static IDataView Keys(byte[][][] rows, int[] dimensions, int keyCount, bool[][]? present = null)
            => Build(rows, present, r => new InMemoryColumn<VBuffer<uint>>(
                "A" + r,
                new VectorDataViewType(new KeyDataViewType(typeof(uint), keyCount), dimensions),
                (long row, ref VBuffer<uint> value) =>
                {
                    bool has = present?[row][r] ?? true;
                    value = new VBuffer<uint>(rows[row][r].Length, rows[row][r].Select(v => has ? v + 1u : 0u).ToArray());
                }));

        private static IDataView Build(byte[][][] rows, bool[][]? present, Func<int, InMemoryColumn> column)
            => new InMemoryDataView(rows.Length, Enumerable.Range(0, rows[0].Length).Select(column).ToArray());

        public static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();
    }
}
