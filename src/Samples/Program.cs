using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Samples
{
    /// <summary>The sample application's entry point.</summary>
    public static class Program
    {
        /// <summary>Loads the embedded MNIST test set and prints a summary.</summary>
        public static int Main(string[] args)
        {
            string dataFolder = Path.Combine(AppContext.BaseDirectory, "data", "mnist");
            var ml = new MLContext(seed: 1);
            var data = ml.NoisyLabels().Data.LoadMnist(
                Path.Combine(dataFolder, "t10k-images-idx3-ubyte.gz"),
                Path.Combine(dataFolder, "t10k-labels-idx1-ubyte.gz"));

            var counts = new int[10];
            double foreground = 0;
            long rows = 0;
            using (var cursor = data.GetRowCursor(data.Schema))
            {
                var digit = cursor.GetGetter<int>(data.Schema[MnistColumnNames.Digit]);
                var mask = cursor.GetGetter<VBuffer<float>>(data.Schema[MnistColumnNames.Mask]);
                int value = 0;
                VBuffer<float> maskValue = default;
                while (cursor.MoveNext())
                {
                    digit(ref value);
                    mask(ref maskValue);
                    counts[value]++;
                    foreach (float m in maskValue.GetValues())
                    {
                        foreground += m;
                    }

                    rows++;
                }
            }

            Console.WriteLine($"MNIST test set: {rows} images of {data.Schema[MnistColumnNames.Image].Type}");
            Console.WriteLine($"Digits: {string.Join(", ", counts.Select((c, d) => $"{d}: {c}"))}");
            Console.WriteLine($"Mean foreground (intensity > 0.5): {foreground / rows:F1} pixels of 784");
            return 0;
        }
    }
}
