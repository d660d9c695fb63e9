using System.Diagnostics;
using Microsoft.ML.NoisyLabels.Samples.Experiments;

namespace Microsoft.ML.NoisyLabels.Samples
{
    /// <summary>
    /// The sample application: reproduces the paper's MNIST experiments (Tables 1 and 2, the lambda grid, the oracle,
    /// the warm-up ablation) and writes a report with figures.
    /// </summary>
    public static class Program
    {
        private const string Usage =
            "usage: NoisyLabels.Samples [mnist] [--profile quick|reference|paper|smoke] [--output <folder>] [--seeds <n>] [--epochs <n>] [--workers <n>] [--methods <key,key,...>]\n" +
            "  quick (default): about 15 minutes on 2 CPU cores; reference: SPEC section 9's settings (hours on a CPU);\n" +
            "  paper: 60,000 training images (for a GPU); smoke: seconds, checks the pipeline (its numbers mean nothing).\n" +
            "  The report goes to results/mnist-<profile> unless --output says otherwise. --methods runs only the rows\n" +
            "  with those keys (mean, mode, random, separate, staple, spatial-staple, ours-<lambda>, oracle, truth,\n" +
            "  ours-0.01-no-warmup; and, only when named, ours-0.01-heads-2, ours-0-shared, ours-0.01-shared,\n" +
            "  ours-0-global, ours-0-global-shared, oracle-shared); the report then leaves out the figures that\n" +
            "  need the others. --epochs overrides the profile's epochs for every network (the warm-up keeps its length).";

        /// <summary>Runs the experiment that the arguments name.</summary>
        public static int Main(string[] args)
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(Usage);
                return 0;
            }

            try
            {
                var arguments = ParseArguments(args);
                return RunMnist(arguments);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        private static int RunMnist(Dictionary<string, string> arguments)
        {
            var profile = ExperimentProfile.Named(arguments.GetValueOrDefault("profile", "quick"));
            if (arguments.TryGetValue("seeds", out string? seeds))
            {
                profile = profile with { Seeds = PositiveInt(seeds, "seeds") };
            }

            if (arguments.TryGetValue("epochs", out string? epochs))
            {
                profile = profile with { Epochs = PositiveInt(epochs, "epochs") };
            }

            int workers = arguments.TryGetValue("workers", out string? w) ? PositiveInt(w, "workers") : Math.Max(1, Math.Min(Environment.ProcessorCount, 2));
            string output = Path.GetFullPath(arguments.GetValueOrDefault("output", Path.Combine("results", "mnist-" + profile.Name)));
            string mnist = Path.Combine(AppContext.BaseDirectory, "data", "mnist");

            // Trials run side by side with one intra-op thread each (TorchSharp's setting is process-wide); a single
            // worker keeps TorchSharp's own choice.
            if (workers > 1)
            {
                TorchSharp.torch.set_num_threads(1);
            }
            Console.WriteLine($"MNIST experiment, {profile.Name} profile: {profile}; {workers} trials at a time.");
            var clock = Stopwatch.StartNew();
            var runner = new TrialRunner(profile, mnist, workers);
            var methods = SelectMethods(arguments.GetValueOrDefault("methods"));
            var results = runner.Run(methods);
            Console.WriteLine("Scoring the training labels against the ground truth...");
            var labelQuality = TrainingLabelQuality.Measure(runner.Data);
            string command = "dotnet run --project src/Samples -c Release" + (Environment.GetCommandLineArgs().Length > 1 ? " -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)) : string.Empty);
            string markdown = new MnistReport(profile, results, runner.Data[1], methods, labelQuality).Write(output, command, clock.Elapsed);
            Console.WriteLine();
            Console.WriteLine(markdown);
            Console.WriteLine($"Report written to {output} (results.md, results.json, figures).");
            return 0;
        }

        private static Dictionary<string, string> ParseArguments(string[] args)
        {
            var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
            int i = 0;
            if (i < args.Length && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (args[i] != "mnist")
                {
                    throw new ArgumentException($"Unknown command '{args[i]}'.");
                }

                i++;
            }

            for (; i < args.Length; i++)
            {
                string name = args[i];
                if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Expected an option and its value at '{name}'.");
                }

                string key = name.Substring(2);
                if (key is not ("profile" or "output" or "seeds" or "epochs" or "workers" or "methods"))
                {
                    throw new ArgumentException($"Unknown option '{name}'.");
                }

                arguments[key] = args[++i];
            }

            return arguments;
        }

        private static IReadOnlyList<ExperimentMethod> SelectMethods(string? keys)
        {
            if (keys is null)
            {
                return Methods.All;
            }

            var known = Methods.All.Concat(Methods.Optional).ToArray();
            var wanted = keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = wanted.Where(k => known.All(m => m.Key != k)).ToArray();
            if (unknown.Length > 0)
            {
                throw new ArgumentException($"Unknown method keys: {string.Join(", ", unknown)}. Known: {string.Join(", ", known.Select(m => m.Key))}.");
            }

            return known.Where(m => wanted.Contains(m.Key)).ToArray();
        }

        private static int PositiveInt(string text, string name)
            => int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'.");
    }
}
