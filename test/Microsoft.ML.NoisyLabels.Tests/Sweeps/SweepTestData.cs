using Microsoft.ML.NoisyLabels.Tests.Training;

namespace Microsoft.ML.NoisyLabels.Tests.Sweeps
{
    /// <summary>
    /// The trainer tests' squares with annotators a network can learn from: A0 is the truth and A1 over-segments it by
    /// one pixel (TrainerTestData's A1, the complement, leaves the truth undecidable, so every lambda scores alike).
    /// </summary>
    internal static class SweepTestData
    {
        public static TrainerTestData.Row[] Rows(int count, int size, int seed)
        {
            var rows = TrainerTestData.Rows(count, size, seed);
            foreach (var row in rows)
            {
                row.A1 = Dilate(row.Truth, size);
            }

            return rows;
        }

        public static IDataView Load(MLContext ml, int count, int size, int seed) => TrainerTestData.Load(ml, Rows(count, size, seed), size);

        /// <summary>Binary dilation with the 4-neighbourhood.</summary>
        private static float[] Dilate(float[] mask, int size)
        {
            var result = (float[])mask.Clone();
            for (int i = 0; i < size; i++)
            {
                for (int j = 0; j < size; j++)
                {
                    bool neighbour = (i > 0 && mask[((i - 1) * size) + j] == 1) || (i < size - 1 && mask[((i + 1) * size) + j] == 1)
                        || (j > 0 && mask[(i * size) + j - 1] == 1) || (j < size - 1 && mask[(i * size) + j + 1] == 1);
                    if (neighbour)
                    {
                        result[(i * size) + j] = 1;
                    }
                }
            }

            return result;
        }
    }
}
