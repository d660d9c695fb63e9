namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The fitted <see cref="StapleEstimator"/>.</summary>
    public sealed class StapleTransformer : LabelFusionTransformer
    {
        internal StapleTransformer(ITransformer model, LabelFusionOptions options, FusionMappingSettings settings)
            : base(model, options, settings.Classes)
        {
            var staple = settings.Staple!;
            MaximumNumberOfIterations = staple.MaximumIterations;
            ConfidenceWeight = staple.ConfidenceWeight;
            TerminationThreshold = staple.TerminationThreshold;
            PriorProbabilities = staple.Prior?.ToArray();
            StatisticsColumnName = ((StapleEstimator.Options)options).StatisticsColumnName;
        }

        /// <summary>The column of each row's EM statistics (iterations, converged), or null.</summary>
        public string? StatisticsColumnName { get; }

        /// <summary>The most EM iterations per image.</summary>
        public int MaximumNumberOfIterations { get; }

        /// <summary>Two classes: the factor on the estimated foreground prior.</summary>
        public double ConfidenceWeight { get; }

        /// <summary>More than two classes: the termination threshold on confusion-matrix changes.</summary>
        public double TerminationThreshold { get; }

        /// <summary>The user's prior class probabilities, or null when they are estimated per image.</summary>
        public IReadOnlyList<double>? PriorProbabilities { get; }
    }
}
