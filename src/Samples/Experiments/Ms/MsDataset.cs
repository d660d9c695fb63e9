using System.Diagnostics;
using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// Writes a synthetic MS data set: one folder per subject (case01, case02, ...) holding <see cref="T1FileName"/>,
    /// <see cref="FlairFileName"/>, <see cref="TruthFileName"/> and the five simulated raters' masks
    /// (<see cref="RaterFileNames"/>, from the library's <c>SimulateLesionAnnotators</c>), all on the atlas's grid (or
    /// the quick profile's slab of it), so that <c>LoadVolumes(folder, ImageFileNames, RaterFileNames)</c> reads it.
    /// </summary>
    internal static class MsDataset
    {
        public const string T1FileName = "t1.nii.gz";
        public const string FlairFileName = "flair.nii.gz";
        public const string TruthFileName = "truth.nii.gz";

        /// <summary>The truth's column name once loaded (the loader names rater columns after their files).</summary>
        public const string TruthColumnName = "truth";

        /// <summary>The two scans, in the order the loader stacks them ([2, D, H, W]: T1 then FLAIR).</summary>
        public static readonly string[] ImageFileNames = { T1FileName, FlairFileName };

        /// <summary>The raters' files: the paper's five annotators, lower-case.</summary>
        public static readonly string[] RaterFileNames = SimulatedAnnotatorColumnNames.All.Select(n => n.ToLowerInvariant() + ".nii.gz").ToArray();

        /// <summary>
        /// Generates <paramref name="subjects"/> subjects of <paramref name="profile"/> into <paramref name="folder"/>
        /// (created if needed; existing case folders are overwritten) and returns the case folders.
        /// </summary>
        public static IReadOnlyList<string> Generate(MLContext ml, MsAtlas atlas, MsDataProfile profile, int subjects, int seed, string folder, TextWriter log)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subjects);
            var generator = new MsSubjectGenerator(atlas, profile, seed);
            log.WriteLine($"MS data ({profile.Name}): {subjects} subjects of {generator.Shape.Width} x {generator.Shape.Height} x {generator.Shape.Depth} voxels, seed {seed}, into {folder}");
            var cases = new List<string>();
            var clock = Stopwatch.StartNew();
            var progress = new ProgressBar(subjects);
            for (int k = 0; k < subjects; k++)
            {
                var subject = generator.Generate(k);
                string caseFolder = Path.Combine(folder, $"case{k + 1:D2}");
                Directory.CreateDirectory(caseFolder);
                NiftiFile.Write(Path.Combine(caseFolder, T1FileName), NiftiVolume.FromSingle(generator.Header, subject.T1, NiftiDataType.Float32));
                NiftiFile.Write(Path.Combine(caseFolder, FlairFileName), NiftiVolume.FromSingle(generator.Header, subject.Flair, NiftiDataType.Float32));
                var truth = subject.Truth.Select(b => (float)b).ToArray();
                NiftiFile.Write(Path.Combine(caseFolder, TruthFileName), NiftiVolume.FromSingle(generator.Header, truth, NiftiDataType.UInt8));
                cases.Add(caseFolder);
                var volumes = subject.LesionVolumes();
                progress.Step($"case{k + 1:D2}: {volumes.Length} lesions, {volumes.Sum()} voxels ({(volumes.Length == 0 ? "-" : $"{volumes.Min()} to {volumes.Max()}")} each)");
            }

            log.WriteLine("Simulating the five raters ...");
            var data = ml.NoisyLabels().Data.LoadVolumes(folder, ImageFileNames, new[] { TruthFileName });
            var raters = ml.NoisyLabels().Transforms.SimulateLesionAnnotators(TruthColumnName, seed).Fit(data).Transform(data);
            var outputs = SimulatedAnnotatorColumnNames.All.Select((name, r) => new VolumeOutput(name, RaterFileNames[r], NiftiDataType.UInt8)).ToArray();
            ml.NoisyLabels().Data.SaveVolumes(raters, outputs);
            log.WriteLine($"MS data written in {clock.Elapsed.TotalSeconds:F1} s.");
            return cases;
        }
    }
}
