namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>Options shared by the package's segmentation trainers.</summary>
    public abstract class SegmentationTrainerOptionsBase
    {
        /// <summary>
        /// The image column: a known-size vector of <see cref="float"/> with dimensions [C, H, W] or [H, W]
        /// (e.g. from <c>LoadMnist</c>, or from ImageAnalytics' <c>ExtractPixels</c>). Default "Image".
        /// </summary>
        public string ImageColumnName = TrainerDefaults.ImageColumnName;

        /// <summary>Number of classes L, background included: 2 for binary masks. Default 2.</summary>
        public int NumberOfClasses = TrainerDefaults.NumberOfClasses;

        /// <summary>Passes over the training data. Default 10.</summary>
        public int Epochs = TrainerDefaults.Epochs;

        /// <summary>Images per optimisation step. Default 32.</summary>
        public int BatchSize = TrainerDefaults.BatchSize;

        /// <summary>AdamW's learning rate. Default 1e-3 (the reference code's 1e-2 was unstable in an independent run).</summary>
        public double LearningRate = TrainerDefaults.LearningRate;

        /// <summary>AdamW's decoupled weight decay. Default 1e-5, as in the reference code.</summary>
        public double WeightDecay = TrainerDefaults.WeightDecay;

        /// <summary>Channels of the U-Net's first level; level k has width * 2^k. Default 24 (the MNIST reference).</summary>
        public int NetworkWidth = TrainerDefaults.NetworkWidth;

        /// <summary>Down-sampling steps of the U-Net. Default 3 (the MNIST reference).</summary>
        public int NetworkDepth = TrainerDefaults.NetworkDepth;

        /// <summary>
        /// Rotates half of the images of each batch by 180 degrees, with all their labels, as the reference code does.
        /// Default true.
        /// </summary>
        public bool FlipAugmentation = TrainerDefaults.FlipAugmentation;

        /// <summary>
        /// Data scored after every epoch (same columns as the training data). The best epoch's weights are kept: by
        /// validation Dice when <see cref="ValidationGroundTruthColumnName"/> is set, else by validation loss (the
        /// held-out annotations' likelihood). Default none.
        /// </summary>
        public IDataView? ValidationSet;

        /// <summary>A ground-truth column of <see cref="ValidationSet"/>, to select the best epoch by Dice. Default none.</summary>
        public string? ValidationGroundTruthColumnName;

        /// <summary>
        /// With a validation set: stop after this many epochs without improvement; 0 trains every epoch (the best
        /// epoch is still the one kept). Default 0.
        /// </summary>
        public int EarlyStoppingPatience = TrainerDefaults.EarlyStoppingPatience;

        /// <summary>
        /// Seed of weight initialisation, shuffling and augmentation; by default drawn from the <see cref="MLContext"/>'s
        /// seed. On the CPU, the same seed and data give the same weights.
        /// </summary>
        public int? Seed;

        /// <summary>
        /// Threads for TorchSharp's CPU operations during training (TorchSharp's setting is process-wide; it is restored
        /// afterwards). Default: TorchSharp's own choice.
        /// </summary>
        public int? NumberOfThreads;

        /// <summary>Receives progress after every batch, in addition to the per-epoch lines in <c>MLContext.Log</c>.</summary>
        public IProgress<TrainingProgress>? Progress;

        /// <summary>Output column of per-pixel class probabilities, [L, H, W]. Default "Probabilities".</summary>
        public string ProbabilitiesColumnName = TrainerDefaults.ProbabilitiesColumnName;

        /// <summary>Output column of the predicted class per pixel (as <see cref="float"/>), [H, W]. Default "PredictedLabel".</summary>
        public string PredictedLabelColumnName = TrainerDefaults.PredictedLabelColumnName;

        internal virtual void Check()
        {
            static void Positive(int value, string name)
            {
                if (value <= 0)
                {
                    throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
                }
            }

            if (NumberOfClasses < 2 || NumberOfClasses > Data.LabelValues.MaxClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(NumberOfClasses), NumberOfClasses, $"{nameof(NumberOfClasses)} must lie in 2..{Data.LabelValues.MaxClasses}.");
            }

            Positive(Epochs, nameof(Epochs));
            Positive(BatchSize, nameof(BatchSize));
            Positive(NetworkWidth, nameof(NetworkWidth));
            if (NetworkDepth < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(NetworkDepth), NetworkDepth, $"{nameof(NetworkDepth)} cannot be negative.");
            }

            if (!(LearningRate > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LearningRate)} must be positive.");
            }

            if (!(WeightDecay >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, $"{nameof(WeightDecay)} cannot be negative.");
            }

            if (EarlyStoppingPatience < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"{nameof(EarlyStoppingPatience)} cannot be negative.");
            }

            if (NumberOfThreads is int threads)
            {
                Positive(threads, nameof(NumberOfThreads));
            }

            if (ValidationGroundTruthColumnName is not null && ValidationSet is null)
            {
                throw new ArgumentException($"{nameof(ValidationGroundTruthColumnName)} is set but {nameof(ValidationSet)} is not.");
            }
        }
    }
}
