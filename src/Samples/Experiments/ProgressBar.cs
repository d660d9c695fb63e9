using System.Diagnostics;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>A console progress bar for a known number of steps, with an estimate of the time left.</summary>
    internal sealed class ProgressBar
    {
        private const int Width = 30;
        private readonly int _total;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _lock = new object();
        private int _done;

        public ProgressBar(int total)
        {
            _total = total;
        }

        /// <summary>Counts one step done and prints the bar after <paramref name="message"/>.</summary>
        public void Step(string message)
        {
            lock (_lock)
            {
                _done++;
                int filled = _total == 0 ? Width : _done * Width / _total;
                double elapsed = _clock.Elapsed.TotalSeconds;
                double left = _done == 0 ? 0 : elapsed / _done * (_total - _done);
                Console.WriteLine($"[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{_total} {Format(elapsed)} elapsed, ~{Format(left)} left | {message}");
            }
        }

        private static string Format(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss");
    }
}
