namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>The size of the MS-lesion experiment: its data, the patches, the networks and their training.</summary>
    /// <param name="Name">quick, full or smoke.</param>
    /// <param name="Data">The synthetic subjects' profile (volume extent, lesion statistics).</param>
    /// <param name="TrainSubjects">Training subjects (their annotators only, never their truth, train the methods).</param>
    /// <param name="TestSubjects">Test subjects (Dice, lesion detection and confusion-matrix error are measured on them).</param>
    /// <param name="PatchSize">Side of the square axial training patches, and of the inference windows.</param>
    /// <param name="PatchesPerVolume">Patches drawn from each training volume (half of them centred on a voxel some
    /// annotator marks as lesion).</param>
    /// <param name="Training">Epochs, batch, network size and warm-up, as the MNIST experiment's profile holds them.</param>
    internal sealed record MsExperimentProfile(string Name, MsDataProfile Data, int TrainSubjects, int TestSubjects, int PatchSize, int PatchesPerVolume, ExperimentProfile Training)
    {
        /// <summary>Under 20 minutes on 2 CPU cores: slabs of 24 axial slices, 8 training and 4 test subjects, 32x32 patches.</summary>
        public static MsExperimentProfile Quick { get; } = new("quick", MsDataProfile.Quick, 8, 4, 32, 200,
            new ExperimentProfile("ms-quick", 0, 0, Epochs: 8, BatchSize: 32, Width: 12, Depth: 2, WarmupEpochs: 2, Seeds: 1));

        /// <summary>Whole 181x217x181 volumes, more subjects and patches (hours on a CPU).</summary>
        public static MsExperimentProfile Full { get; } = new("full", MsDataProfile.Full, 16, 4, 64, 400,
            new ExperimentProfile("ms-full", 0, 0, Epochs: 12, BatchSize: 32, Width: 24, Depth: 3, WarmupEpochs: 2, Seeds: 1));

        /// <summary>Seconds: checks that the pipeline and the report run; its numbers mean nothing.</summary>
        public static MsExperimentProfile Smoke { get; } = new("smoke", MsDataProfile.Quick, 2, 1, 16, 24,
            new ExperimentProfile("ms-smoke", 0, 0, Epochs: 2, BatchSize: 16, Width: 4, Depth: 1, WarmupEpochs: 1, Seeds: 1));

        public static MsExperimentProfile Named(string name) => name.ToLowerInvariant() switch
        {
            "quick" => Quick,
            "full" => Full,
            "smoke" => Smoke,
            _ => throw new ArgumentException($"Unknown MS profile '{name}': use quick, full or smoke."),
        };
    }
}
