using Microsoft.ML.NoisyLabels.Samples.Report;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>The <c>ms-data</c> command: writes a synthetic MS data set and a slice figure of its first case.</summary>
    internal static class MsDataCommand
    {
        public static int Run(IReadOnlyDictionary<string, string> arguments, int? subjects, int seed)
        {
            var profile = MsDataProfile.Named(arguments.GetValueOrDefault("profile", "quick"));
            string output = Path.GetFullPath(arguments.GetValueOrDefault("output", "data-ms-" + profile.Name));
            Console.WriteLine($"Loading the atlas from {MsAtlas.DefaultFolder} ...");
            var atlas = MsAtlas.Load(MsAtlas.DefaultFolder);
            Console.WriteLine($"Tissue means (T1): CSF {atlas.CsfMean:F1}, grey {atlas.GreyMean:F1}, white {atlas.WhiteMean:F1}.");
            var cases = MsDataset.Generate(new MLContext(seed), atlas, profile, subjects ?? profile.Subjects, seed, output, Console.Out);
            string figure = Path.Combine(output, "case01-slices.png");
            MsFigures.Case(cases[0]).SavePng(figure);
            Console.WriteLine($"Figure: {figure}");
            return 0;
        }
    }
}
