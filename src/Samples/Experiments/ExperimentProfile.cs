namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>The size of an MNIST experiment: data, network, training and repetitions.</summary>
    /// <param name="Name">quick, reference or paper.</param>
    /// <param name="TrainImages">Training images (the first ones of MNIST's training set).</param>
    /// <param name="TestImages">Test images (the first ones of MNIST's test set).</param>
    /// <param name="Epochs">Epochs of every network.</param>
    /// <param name="BatchSize">Images per step.</param>
    /// <param name="Width">U-Net width.</param>
    /// <param name="Depth">U-Net depth.</param>
    /// <param name="WarmupEpochs">Identity warm-up of the annotator network.</param>
    /// <param name="Seeds">Repetitions of every row (seeds 1..Seeds: network initialisation, shuffling, simulated annotators).</param>
    /// <param name="Annotators">The simulated annotators: "paper" (<see cref="Simulation.SimulatedAnnotator.PaperAnnotators"/>) or
    /// "weak-majority" (<see cref="Simulation.SimulatedAnnotator.WeakMajorityAnnotators"/>).</param>
    /// <param name="Regimes">The label regimes trained; null: dense and single-label.</param>
    /// <param name="EpochDiceImages">Test images on which the proposed model's Dice is measured after every epoch (0:
    /// none); training is unchanged, and the report adds each run's final epoch against its best.</param>
    internal sealed record ExperimentProfile(string Name, int TrainImages, int TestImages, int Epochs, int BatchSize, int Width, int Depth, int WarmupEpochs, int Seeds,
        string Annotators = ExperimentProfile.PaperAnnotators, Regime[]? Regimes = null, int EpochDiceImages = 0)
    {
        /// <summary>The regimes trained: <see cref="Regimes"/>, or dense and single-label.</summary>
        public Regime[] TrainedRegimes => Regimes ?? RegimeNames.Default;

        /// <summary>The annotators of the paper's description, as published (the default).</summary>
        public const string PaperAnnotators = "paper";

        /// <summary>Harsher annotators whose majority is often wrong.</summary>
        public const string WeakMajorityAnnotators = "weak-majority";

        /// <summary>The annotator set that <paramref name="name"/> names.</summary>
        public static Simulation.SimulatedAnnotator[] AnnotatorSet(string name) => name switch
        {
            PaperAnnotators => Simulation.SimulatedAnnotator.PaperAnnotators(),
            WeakMajorityAnnotators => Simulation.SimulatedAnnotator.WeakMajorityAnnotators(),
            _ => throw new ArgumentException($"Unknown annotator set '{name}': use {PaperAnnotators} or {WeakMajorityAnnotators}."),
        };

        /// <summary>About 15 minutes on a 2-core CPU (the issue asks for at most about 20): small data and network, the full table.</summary>
        public static ExperimentProfile Quick { get; } = new("quick", 1_200, 500, 8, 32, 12, 2, 2, 3);

        /// <summary>The settings of the independent implementation's second run (docs/METHOD.md, section 9), so that the numbers sit beside that implementation's.</summary>
        public static ExperimentProfile Reference { get; } = new("reference", 30_000, 5_000, 5, 256, 24, 2, 2, 3);

        /// <summary>The paper's data sizes; meant for a GPU.</summary>
        public static ExperimentProfile Paper { get; } = new("paper", 60_000, 10_000, 5, 256, 24, 2, 2, 3);

        /// <summary>Seconds: checks that the whole pipeline and report run; its numbers mean nothing.</summary>
        public static ExperimentProfile Smoke { get; } = new("smoke", 160, 40, 2, 32, 4, 1, 1, 2);

        public static ExperimentProfile Named(string name) => name.ToLowerInvariant() switch
        {
            "smoke" => Smoke,
            "quick" => Quick,
            "reference" => Reference,
            "paper" => Paper,
            _ => throw new ArgumentException($"Unknown profile '{name}': use quick, reference, paper or smoke."),
        };
    }
}
