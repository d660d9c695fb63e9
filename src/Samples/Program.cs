using System.Diagnostics;
using Microsoft.ML.NoisyLabels.Samples.Experiments;
using Microsoft.ML.NoisyLabels.Samples.Experiments.Ms;
using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Samples
{
    /// <summary>
    /// The sample application: reproduces the paper's MNIST experiments (Tables 1 and 2, the lambda grid, the oracle,
    /// the warm-up ablation) and writes a report with figures; <c>report --from results.json</c> redraws a report's
    /// figures without training.
    /// </summary>
    public static class Program
    {
        private const string Usage =
            "usage: NoisyLabels.Samples [mnist] [--profile quick|reference|paper|smoke] [--output <folder>] [--seeds <n>] [--epochs <n>] [--workers <n>] [--methods <key,key,...>] [--annotators paper|weak-majority] [--regimes dense,single,partial] [--epoch-dice <n>]\n" +
            "       NoisyLabels.Samples report --from <results.json> [--output <folder>]\n" +
            "       NoisyLabels.Samples verified [--profile quick|smoke] [--seeds <n>] [--share <fraction>] [--workers <n>] [--output <folder>]\n" +
            "       NoisyLabels.Samples ms [--profile quick|full|smoke] [--seed <n>] [--epochs <n>] [--workers <n>] [--methods <key,...>] [--regimes dense,single] [--output <folder>]\n" +
            "       NoisyLabels.Samples ms-data [--profile quick|full] [--subjects <n>] [--seed <n>] [--output <folder>]\n" +
            "  quick (default): about 15 minutes on 2 CPU cores; reference: the independent implementation's settings (docs/METHOD.md, section 9) (hours on a CPU);\n" +
            "  paper: 60,000 training images (for a GPU); smoke: seconds, checks the pipeline (its numbers mean nothing).\n" +
            "  The report goes to results/mnist-<profile> unless --output says otherwise. --methods runs only the rows\n" +
            "  with those keys (mean, mode, random, separate, staple, spatial-staple, ours-<lambda>, oracle, truth,\n" +
            "  ours-0.01-no-warmup; and, only when named, ours-0.01-heads-2, ours-0-shared, ours-0.01-shared,\n" +
            "  ours-0-global, ours-0-global-shared, oracle-shared, ours-0.01-heldout, ours-0.1-heldout); the report then leaves\n" +
            "  out the figures that need the others. --epochs overrides the profile's epochs for every network (the warm-up keeps its length).\n" +
            "  --annotators chooses the simulated annotators: paper (default; their majority nearly equals the truth) or\n" +
            "  weak-majority (harsher under- and wrong-segmentation: the majority misses much of the truth); the report then\n" +
            "  goes to results/mnist-<profile>-weak-majority.\n" +
            "  --regimes chooses the label regimes (default dense,single; partial: 70% of the annotations removed, at least\n" +
            "  one kept per image, its Table 3; dense is always needed).\n" +
            "  --epoch-dice n scores the proposed model's rows on the first n test images after every epoch, without changing\n" +
            "  their training; the report then adds each run's last epoch against its best (drift, flips).\n" +
            "  report redraws the PNG figures of an earlier run from its results.json, without training (seconds: it only\n" +
            "  simulates the first seed's annotators again), into --output or else the folder of results.json.\n" +
            "  verified: MNIST with annotators whose majority over-segments (three of five thicken the strokes) and the truth\n" +
            "  as a verified mask on --share of the training images (default 0.02): the model with and without the verified\n" +
            "  masks against the naive CNNs, STAPLE and a CNN on the verified images alone; into results/verified-<profile>.\n" +
            "  ms-data writes synthetic MS subjects drawn from the atlas in data/mri (T1, FLAIR, truth and five simulated\n" +
            "  raters per case folder) into --output (default data-ms-<profile>), with a slice figure of the first case;\n" +
            "  quick: 24 axial slices around the ventricles, full: the whole 181 x 217 x 181 volume.\n" +
            "  ms runs the MS-lesion experiment on such subjects (quick: under 20 minutes on 2 cores; full: whole volumes,\n" +
            "  hours; smoke: seconds, numbers meaningless): every method trained on 2D patches, whole test volumes segmented\n" +
            "  with sliding windows; Tables 1 and 2 with lesion Dice, lesion detection and CM RMSE, figures and NIfTI outputs,\n" +
            "  into --output (default results/ms-<profile>). --methods keys: mode, random, separate (five networks: not run\n" +
            "  by default), staple, spatial-staple, ours-0.01, ours-0.1, oracle, truth.";

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
                var (command, arguments) = ParseArguments(args);
                return command switch
                {
                    "report" => RedrawFigures(arguments),
                    "verified" => RunVerified(arguments),
                    "ms" => MsCommand.Run(arguments, arguments.TryGetValue("seed", out string? msSeed) ? PositiveInt(msSeed, "seed") : 1, Workers(arguments),
                        SelectMethods(arguments.GetValueOrDefault("methods"), MsMethods.Default, MsMethods.All), arguments.TryGetValue("regimes", out string? r) ? RegimeNames.Parse(r) : RegimeNames.Default),
                    "ms-data" => MsDataCommand.Run(arguments, arguments.TryGetValue("subjects", out string? n) ? PositiveInt(n, "subjects") : null,
                        arguments.TryGetValue("seed", out string? seed) ? PositiveInt(seed, "seed") : 1),
                    _ => RunMnist(arguments),
                };
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

            if (arguments.TryGetValue("annotators", out string? annotators))
            {
                ExperimentProfile.AnnotatorSet(annotators);
                profile = profile with { Annotators = annotators };
            }

            if (arguments.TryGetValue("regimes", out string? regimes))
            {
                profile = profile with { Regimes = RegimeNames.Parse(regimes) };
            }

            if (arguments.TryGetValue("epoch-dice", out string? epochDice))
            {
                profile = profile with { EpochDiceImages = Math.Min(PositiveInt(epochDice, "epoch-dice"), profile.TestImages) };
            }

            int workers = Workers(arguments);
            string output = Path.GetFullPath(arguments.GetValueOrDefault("output", Path.Combine("results", "mnist-" + profile.Name + (profile.Annotators == ExperimentProfile.PaperAnnotators ? string.Empty : "-" + profile.Annotators))));

            Console.WriteLine($"MNIST experiment, {profile.Name} profile: {profile}; {workers} trials at a time.");
            var clock = Stopwatch.StartNew();
            var runner = new TrialRunner(profile, MnistFolder, workers);
            var methods = SelectMethods(arguments.GetValueOrDefault("methods"), Methods.All, Methods.All.Concat(Methods.Optional).ToArray());
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

        private static int RunVerified(Dictionary<string, string> arguments)
        {
            var profile = ExperimentProfile.Named(arguments.GetValueOrDefault("profile", "quick"));
            if (arguments.TryGetValue("seeds", out string? seeds))
            {
                profile = profile with { Seeds = PositiveInt(seeds, "seeds") };
            }

            double share = 0.02;
            if (arguments.TryGetValue("share", out string? text) && !(double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out share) && share > 0 && share <= 1))
            {
                throw new ArgumentException($"--share must be a fraction in (0, 1], not '{text}'.");
            }

            string output = Path.GetFullPath(arguments.GetValueOrDefault("output", Path.Combine("results", "verified-" + profile.Name)));
            string command = "dotnet run --project src/Samples -c Release -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            string markdown = new Experiments.Verified.VerifiedExperiment(profile, MnistFolder, share, Workers(arguments)).Run(output, command);
            Console.WriteLine();
            Console.WriteLine(markdown);
            Console.WriteLine($"Report written to {output} (results.md, results.json).");
            return 0;
        }

        private static int RedrawFigures(Dictionary<string, string> arguments)
        {
            string from = Path.GetFullPath(arguments["from"]);
            if (!File.Exists(from))
            {
                throw new ArgumentException($"--from: there is no file '{from}'.");
            }

            var results = JsonReport.Read<MnistResults>(from);
            string output = Path.GetFullPath(arguments.GetValueOrDefault("output", Path.GetDirectoryName(from)!));

            // The figures show the first seed's test images and their simulated annotations, which results.json does
            // not hold: the same seed simulates them again, exactly as the run did.
            Console.WriteLine($"Simulating the annotators of seed 1 ({results.Profile.TrainImages} training and {results.Profile.TestImages} test images)...");
            var firstSeed = MnistExperimentData.Create(MnistFolder, results.Profile, seed: 1);
            var figures = new MnistFigures(results.Trials, firstSeed).Write(output);
            Console.WriteLine($"Figures written to {output}: {string.Join(", ", figures.Select(f => f.File))}.");
            return 0;
        }

        private static string MnistFolder => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

        private static (string Command, Dictionary<string, string> Arguments) ParseArguments(string[] args)
        {
            var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
            string command = "mnist";
            int i = 0;
            if (i < args.Length && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                command = args[i] is "mnist" or "report" or "verified" or "ms-data" or "ms" ? args[i] : throw new ArgumentException($"Unknown command '{args[i]}'.");
                i++;
            }

            // The options each command accepts.
            string[] known = command == "report"
                ? new[] { "from", "output" }
                : command == "verified" ? new[] { "profile", "seeds", "share", "workers", "output" }
                : command == "ms-data" ? new[] { "profile", "subjects", "seed", "output" }
                : command == "ms" ? new[] { "profile", "seed", "epochs", "workers", "methods", "regimes", "output" }
                : new[] { "profile", "output", "seeds", "epochs", "workers", "methods", "annotators", "regimes", "epoch-dice" };

            for (; i < args.Length; i++)
            {
                string name = args[i];
                if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Expected an option and its value at '{name}'.");
                }

                string key = name.Substring(2);
                if (!known.Contains(key))
                {
                    throw new ArgumentException($"Unknown option '{name}' for the {command} command.");
                }

                arguments[key] = args[++i];
            }

            if (command == "report" && !arguments.ContainsKey("from"))
            {
                throw new ArgumentException("report needs --from <results.json>.");
            }

            return (command, arguments);
        }

        // Trials side by side, one libtorch thread each: as many as cores, at most two.
        private static int Workers(Dictionary<string, string> arguments)
            => arguments.TryGetValue("workers", out string? w) ? PositiveInt(w, "workers") : Math.Max(1, Math.Min(Environment.ProcessorCount, 2));

        private static IReadOnlyList<ExperimentMethod> SelectMethods(string? keys, IReadOnlyList<ExperimentMethod> defaults, IReadOnlyList<ExperimentMethod> known)
        {
            if (keys is null)
            {
                return defaults;
            }

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
