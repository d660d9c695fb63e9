using System.Diagnostics;
using System.Globalization;

namespace FusionBench
{
    /// <summary>Runs eng/bench/itk's program (itk::STAPLEImageFilter) on the raw annotator volumes and reads its report.</summary>
    internal sealed class ItkRunner
    {
        public ItkRunner(string executable, string folder, int width, int height, int depth, int raters, int repeats)
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string argument in new[] { folder, width.ToString(), height.ToString(), depth.ToString(), raters.ToString(), repeats.ToString() })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{executable} failed with exit code {process.ExitCode}:\n{output}");
            }

            var seconds = new List<double>();
            Sensitivity = new double[raters];
            Specificity = new double[raters];
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                double Value(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
                switch (parts[0])
                {
                    case "seconds":
                        seconds.Add(Value(1));
                        break;
                    case "elapsed_iterations":
                        ElapsedIterations = int.Parse(parts[1], CultureInfo.InvariantCulture);
                        break;
                    case "sensitivity":
                        Sensitivity[int.Parse(parts[1], CultureInfo.InvariantCulture)] = Value(2);
                        break;
                    case "specificity":
                        Specificity[int.Parse(parts[1], CultureInfo.InvariantCulture)] = Value(2);
                        break;
                }
            }

            seconds.Sort();
            MedianSeconds = seconds[seconds.Count / 2];
            Posterior = File.ReadAllBytes(Path.Combine(folder, "itk_w.raw"));
        }

        public double MedianSeconds { get; }

        /// <summary>ITK's GetElapsedIterations(): the index of the last iteration, one less than the iterations run.</summary>
        public int ElapsedIterations { get; }

        public double[] Sensitivity { get; }

        public double[] Specificity { get; }

        /// <summary>ITK's soft output W (doubles, x fastest), as bytes.</summary>
        public byte[] Posterior { get; }
    }
}
