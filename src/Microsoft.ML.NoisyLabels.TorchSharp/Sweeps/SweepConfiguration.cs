using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>
    /// A named variation of the trainer's options, swept together with every lambda of the grid: for example
    /// <c>new SweepConfiguration("no warm-up", o =&gt; o.WarmupEpochs = 0)</c>.
    /// </summary>
    public sealed class SweepConfiguration
    {
        /// <summary>Creates a configuration.</summary>
        /// <param name="name">The name that trials, progress reports and the log carry. Not empty; unique within a sweep.</param>
        /// <param name="configure">Changes a copy of the sweep's trainer options. The sweep sets lambda, the seed and the
        /// validation settings afterwards, so changes to those have no effect.</param>
        public SweepConfiguration(string name, Action<AnnotatorConfusionTrainer.Options> configure)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A sweep configuration needs a name.", nameof(name));
            }

            Name = name;
            Configure = configure ?? throw new ArgumentNullException(nameof(configure));
        }

        /// <summary>The configuration's name.</summary>
        public string Name { get; }

        /// <summary>The change it makes to a copy of the trainer options.</summary>
        public Action<AnnotatorConfusionTrainer.Options> Configure { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
