using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FusionBench
{
    /// <summary>Runs an action once to warm up, then several times; returns the median seconds. Reads outputs.</summary>
    internal static class Timing
    {
        public static double Median(int repeats, Action action)
        {
            action();
            var seconds = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                GC.Collect();
                var watch = Stopwatch.StartNew();
                action();
                seconds[r] = watch.Elapsed.TotalSeconds;
            }

            Array.Sort(seconds);
            return seconds[repeats / 2];
        }

        /// <summary>The median of some values (NaN for none, or when any is NaN).</summary>
        public static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.ToArray();
            if (sorted.Length == 0 || sorted.Any(double.IsNaN))
            {
                return double.NaN;
            }

            Array.Sort(sorted);
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        /// <summary>Reads every row's value of a vector column, as a consumer of the transform's output does.</summary>
        public static void ReadColumn(IDataView data, string name)
        {
            var column = data.Schema[name];
            using var cursor = data.GetRowCursor(new[] { column });
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
            }
        }
    }
}
