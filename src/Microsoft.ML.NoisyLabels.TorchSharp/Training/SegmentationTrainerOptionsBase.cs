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
        /// With a validation set: whether the best epoch's weights are kept (true, the default) or the last epoch's
        /// (false). With false the validation set only monitors training: each epoch's validation loss and Dice are in
        /// <see cref="SegmentationTransformer.TrainingHistories"/> and the log, and training is exactly what it would be
        /// without a validation set (for example, to see whether a long training drifts away from its best epoch).
        /// </summary>
        public bool KeepBestEpoch = true;

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
        /// Threads for libtorch's CPU operations during training. It applies to the thread that calls <c>Fit</c>, for
        /// that training only, and is restored afterwards: trainings running at the same time on other threads keep
        /// their own (libtorch's OpenMP setting is per thread). Default: the calling thread's current setting (libtorch
        /// starts with one thread per core, or OMP_NUM_THREADS).
        /// </summary>
        public int? NumberOfThreads;

        /// <summary>
        /// Which CPU kernels train the networks. Default <see cref="CpuKernels.Verified"/>: before a network first trains
        /// in a process, its forward and backward passes are computed in single and double precision and compared; if
        /// oneDNN's kernels get them wrong (as on some AVX-512 machines: docs/ONEDNN.md), oneDNN is turned off for the
        /// whole process with a warning in the log, and training uses PyTorch's own kernels. The choice is libtorch's and
        /// process-wide: it applies to other TorchSharp code in the process too. Ignored on a GPU.
        /// </summary>
        public CpuKernels CpuKernels = CpuKernels.Verified;

        /// <summary>
        /// What happens when a batch's loss or gradient is not finite, after it was computed a second time from the same
        /// weights (a transient fault passes that way, with a warning). Default <see cref="NonFiniteLossHandling.RollBack"/>:
        /// the step is not taken, the weights of the start of the epoch are restored, the learning rate is halved and a
        /// warning is logged. <see cref="NonFiniteLossHandling.Throw"/> stops with an error naming the epoch and batch. In
        /// every case a trainer never returns a model with non-finite weights.
        /// </summary>
        public NonFiniteLossHandling NonFiniteLoss = NonFiniteLossHandling.RollBack;

        /// <summary>Receives progress after every batch, in addition to the per-epoch lines in <c>MLContext.Log</c>.</summary>
        public IProgress<TrainingProgress>? Progress;

        /// <summary>Output column of per-pixel class probabilities, [L, H, W]. Default "Probabilities".</summary>
        public string ProbabilitiesColumnName = TrainerDefaults.ProbabilitiesColumnName;

        /// <summary>Output column of the predicted class per pixel (as <see cref="float"/>), [H, W]. Default "PredictedLabel".</summary>
        public string PredictedLabelColumnName = TrainerDefaults.PredictedLabelColumnName;

        /// <summary>
        /// For tests: called with (epoch, batch, attempt), all from 1 but attempt (from 0); true makes that computation's
        /// loss NaN, as a faulty kernel or a divergent step would.
        /// </summary>
        internal Func<int, int, int, bool>? FaultInjection;

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

            if (EarlyStoppingPatience > 0 && !KeepBestEpoch)
            {
                throw new ArgumentException($"{nameof(EarlyStoppingPatience)} needs {nameof(KeepBestEpoch)}: stopping early keeps the best epoch's weights.");
            }

            if (EarlyStoppingPatience < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"{nameof(EarlyStoppingPatience)} cannot be negative.");
            }

            if (NumberOfThreads is int threads)
            {
                Positive(threads, nameof(NumberOfThreads));
            }

            if (!Enum.IsDefined(CpuKernels))
            {
                throw new ArgumentOutOfRangeException(nameof(CpuKernels), CpuKernels, $"{nameof(CpuKernels)} must be one of {string.Join(", ", Enum.GetNames<CpuKernels>())}.");
            }

            if (!Enum.IsDefined(NonFiniteLoss))
            {
                throw new ArgumentOutOfRangeException(nameof(NonFiniteLoss), NonFiniteLoss, $"{nameof(NonFiniteLoss)} must be one of {string.Join(", ", Enum.GetNames<NonFiniteLossHandling>())}.");
            }

            if (ValidationGroundTruthColumnName is not null && ValidationSet is null)
            {
                throw new ArgumentException($"{nameof(ValidationGroundTruthColumnName)} is set but {nameof(ValidationSet)} is not.");
            }
        }
    }
}
