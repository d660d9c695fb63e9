using Microsoft.ML;
using Microsoft.ML.Data;

namespace FusionBench
{
    /// <summary>
    /// What a user writes to put annotations in an IDataView: a row class with one float[] per annotator (up to six),
    /// loaded with <c>LoadFromEnumerable</c> and sized by a schema definition.
    /// </summary>
    internal sealed class AnnotatorRow
    {
        public const int MaxRaters = 6;

        public float[] A0 { get; set; } = Array.Empty<float>();

        public float[] A1 { get; set; } = Array.Empty<float>();

        public float[] A2 { get; set; } = Array.Empty<float>();

        public float[] A3 { get; set; } = Array.Empty<float>();

        public float[] A4 { get; set; } = Array.Empty<float>();

        public float[] A5 { get; set; } = Array.Empty<float>();

        /// <summary>A row of the given annotations [R][P] (labels as floats).</summary>
        public static AnnotatorRow From(IReadOnlyList<byte[]> raters)
        {
            var values = new float[MaxRaters][];
            for (int k = 0; k < MaxRaters; k++)
            {
                values[k] = k < raters.Count ? raters[k].Select(v => (float)v).ToArray() : Array.Empty<float>();
            }

            return new AnnotatorRow { A0 = values[0], A1 = values[1], A2 = values[2], A3 = values[3], A4 = values[4], A5 = values[5] };
        }

        /// <summary>The rows as a data view with columns A0..A(raters-1), vectors of the given dimensions.</summary>
        public static IDataView Load(MLContext ml, IEnumerable<AnnotatorRow> rows, int raters, params int[] dimensions)
        {
            var schema = SchemaDefinition.Create(typeof(AnnotatorRow));
            for (int k = MaxRaters - 1; k >= 0; k--)
            {
                var column = schema["A" + k];
                if (k < raters)
                {
                    column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
                }
                else
                {
                    schema.Remove(column);
                }
            }

            return ml.Data.LoadFromEnumerable(rows, schema);
        }
    }
}
