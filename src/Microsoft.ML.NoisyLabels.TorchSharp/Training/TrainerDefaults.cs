using Microsoft.ML.NoisyLabels.Networks;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// The defaults of both trainers, in one place. They follow the settings under which an independent implementation
    /// of the method trained successfully on MNIST (docs/METHOD.md, section 9: Adam, learning rate 1e-3, a 2-epoch
    /// identity warm-up, small lambda), with the MNIST reference network (width 24, depth 3) and a batch size that
    /// suits CPUs.
    /// </summary>
    internal static class TrainerDefaults
    {
        public const string ImageColumnName = "Image";
        public const string ProbabilitiesColumnName = "Probabilities";
        public const string PredictedLabelColumnName = "PredictedLabel";
        public const int NumberOfClasses = 2;
        public const int Epochs = 10;
        public const int BatchSize = 32;
        public const double LearningRate = 1e-3;
        public const double WeightDecay = 1e-5;
        public const int NetworkWidth = 24;
        public const int NetworkDepth = 3;
        public const bool FlipAugmentation = true;
        public const int EarlyStoppingPatience = 0;

        public const double Lambda = 0.01;
        public const TraceNormalization Normalization = TraceNormalization.SumOverAnnotators;
        public const TraceWeighting Weighting = TraceWeighting.Uniform;
        public const int WarmupEpochs = 2;
        public const ConfusionMatrixKind ConfusionKind = ConfusionMatrixKind.PixelWise;
        public const double InitialConfusionDiagonal = 0.9;
        public const int ConfusionHeadBlocks = 0;
        public const int GlobalConfusionEpochs = 0;
        public const double ConfusionLearningRate = 0.1;
        public const double DiagonalDominanceWeight = 10;
        public const double DiagonalDominanceMargin = 0;
    }
}
