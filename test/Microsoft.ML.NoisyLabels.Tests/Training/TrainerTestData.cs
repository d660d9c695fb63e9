using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    /// <summary>Small synthetic data sets for trainer tests: bright squares on noise, labelled by several annotators.</summary>
    internal static class TrainerTestData
    {
        public sealed class Row
        {
            public float[] Image { get; set; } = Array.Empty<float>();

            public float[] Truth { get; set; } = Array.Empty<float>();

            public float[] A0 { get; set; } = Array.Empty<float>();

            public float[] A1 { get; set; } = Array.Empty<float>();
        }

        /// <summary>
        /// <paramref name="count"/> images of <paramref name="size"/> x <paramref name="size"/>: a bright square on
        /// noise; Truth is the square; A0 equals it, A1 is its complement.
        /// </summary>
        public static Row[] Rows(int count, int size, int seed)
        {
            var random = new Random(seed);
            var rows = new Row[count];
            for (int n = 0; n < count; n++)
            {
                int side = random.Next(2, size / 2 + 1);
                int top = random.Next(0, size - side + 1);
                int left = random.Next(0, size - side + 1);
                var image = new float[size * size];
                var truth = new float[size * size];
                for (int i = 0; i < size; i++)
                {
                    for (int j = 0; j < size; j++)
                    {
                        bool inside = i >= top && i < top + side && j >= left && j < left + side;
                        truth[(i * size) + j] = inside ? 1 : 0;
                        image[(i * size) + j] = (inside ? 0.8f : 0.2f) + (0.1f * (float)random.NextDouble());
                    }
                }

                rows[n] = new Row { Image = image, Truth = truth, A0 = (float[])truth.Clone(), A1 = truth.Select(v => 1 - v).ToArray() };
            }

            return rows;
        }

        public static SchemaDefinition Schema(int size)
        {
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, size, size);
            foreach (string name in new[] { nameof(Row.Truth), nameof(Row.A0), nameof(Row.A1) })
            {
                schema[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size, size);
            }

            return schema;
        }

        public static IDataView Load(MLContext ml, Row[] rows, int size) => ml.Data.LoadFromEnumerable(rows, Schema(size));

        public static IDataView Load(MLContext ml, int count, int size, int seed) => Load(ml, Rows(count, size, seed), size);
    }
}
