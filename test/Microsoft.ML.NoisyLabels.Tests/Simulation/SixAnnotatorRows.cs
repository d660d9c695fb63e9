using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    /// <summary>Rows of six annotator columns A0..A5, for the tests of the annotation-selection transforms.</summary>
    internal sealed class SixAnnotatorRow
    {
        public static readonly string[] Names = { "A0", "A1", "A2", "A3", "A4", "A5" };

        public float[] A0 { get; set; } = Array.Empty<float>();

        public float[] A1 { get; set; } = Array.Empty<float>();

        public float[] A2 { get; set; } = Array.Empty<float>();

        public float[] A3 { get; set; } = Array.Empty<float>();

        public float[] A4 { get; set; } = Array.Empty<float>();

        public float[] A5 { get; set; } = Array.Empty<float>();

        /// <summary>The six annotations in column order.</summary>
        public float[][] Annotations() => new[] { A0, A1, A2, A3, A4, A5 };

        /// <summary>A row whose annotator r has <paramref name="annotation"/>(r).</summary>
        public static SixAnnotatorRow From(Func<int, float[]> annotation)
            => new SixAnnotatorRow { A0 = annotation(0), A1 = annotation(1), A2 = annotation(2), A3 = annotation(3), A4 = annotation(4), A5 = annotation(5) };

        /// <summary>A data view whose annotator columns have dimensions [side, side].</summary>
        public static IDataView ToData(MLContext ml, IEnumerable<SixAnnotatorRow> rows, int side)
        {
            var schema = SchemaDefinition.Create(typeof(SixAnnotatorRow));
            foreach (string name in Names)
            {
                schema[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, side, side);
            }

            return ml.Data.LoadFromEnumerable(rows.ToArray(), schema);
        }
    }
}
