using System.Diagnostics;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>The <c>ms</c> command: the MS-lesion experiment, end to end, and its report.</summary>
    internal static class MsCommand
    {
        public static int Run(IReadOnlyDictionary<string, string> arguments, int seed, int workers, IReadOnlyList<ExperimentMethod> methods, IReadOnlyList<Regime> regimes)
        {
            var profile = MsExperimentProfile.Named(arguments.GetValueOrDefault("profile", "quick"));
            if (arguments.TryGetValue("epochs", out string? epochs))
            {
                if (!int.TryParse(epochs, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int count) || count <= 0)
                {
                    throw new ArgumentException($"--epochs must be a positive integer, not '{epochs}'.");
                }

                profile = profile with { Training = profile.Training with { Epochs = count } };
            }

            string output = Path.GetFullPath(arguments.GetValueOrDefault("output", Path.Combine("results", "ms-" + profile.Name)));
            Directory.CreateDirectory(output);
            Console.WriteLine($"MS experiment, {profile.Name} profile: {profile.TrainSubjects} training and {profile.TestSubjects} test subjects, {workers} trials at a time, into {output}.");
            var clock = Stopwatch.StartNew();
            var experiment = new MsExperiment(profile, output, seed, workers);
            var results = experiment.Run(methods, regimes);
            string command = "dotnet run --project src/Samples -c Release -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            string markdown = new MsReport(profile, experiment, results, methods, regimes).Write(output, command, clock.Elapsed, seed);
            Console.WriteLine();
            Console.WriteLine(markdown);
            Console.WriteLine($"Report written to {output} (results.md, results.json, figures; NIfTI outputs under data/test).");
            return 0;
        }
    }
}
