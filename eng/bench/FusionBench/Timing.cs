using System.Diagnostics;

namespace FusionBench
{
    /// <summary>Runs an action once to warm up, then several times; returns the median seconds.</summary>
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
    }
}
