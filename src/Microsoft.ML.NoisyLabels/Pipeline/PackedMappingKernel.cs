using System.Collections.Concurrent;

namespace Microsoft.ML.NoisyLabels.Pipeline
{
    /// <summary>
    /// The computation behind one persisted mapping contract: parses the settings text once per distinct text and
    /// maps each row's packed input to its outputs. Subclasses are stateless apart from the settings cache, because
    /// ML.NET may call the mapping from several cursors at once.
    /// </summary>
    /// <typeparam name="TSettings">The parsed, immutable settings.</typeparam>
    internal abstract class PackedMappingKernel<TSettings>
        where TSettings : class
    {
        private readonly ConcurrentDictionary<string, TSettings> _settings = new ConcurrentDictionary<string, TSettings>(StringComparer.Ordinal);

        /// <summary>Parses the settings written by the estimator that built the pipeline.</summary>
        protected abstract TSettings ParseSettings(MappingOptions options);

        /// <summary>Maps one row.</summary>
        protected abstract void Map(TSettings settings, float[] input, PackedMappingOutput output);

        /// <summary>The delegate handed to ML.NET's custom mapping.</summary>
        public Action<PackedMappingInput, PackedMappingOutput> GetAction()
            => (source, destination) =>
            {
                if (source.Options.Length == 0)
                {
                    throw new InvalidOperationException("The mapping's settings column is empty: the saved pipeline is damaged.");
                }

                var settings = _settings.GetOrAdd(source.Options[0], text => ParseSettings(MappingOptions.Parse(text)));
                Map(settings, source.Input, destination);
            };
    }
}
