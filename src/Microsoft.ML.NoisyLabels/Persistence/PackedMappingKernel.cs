namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// The computation behind one persisted mapping contract over a packed input (see <see cref="PackedMappingChain"/>):
    /// finds the row's parsed settings (<see cref="MappingSettingsCache{TSettings}"/>) and maps the packed input to the
    /// outputs. Subclasses are stateless apart from the settings cache, because ML.NET may call the mapping from several
    /// cursors at once.
    /// </summary>
    /// <typeparam name="TSettings">The parsed, immutable settings.</typeparam>
    internal abstract class PackedMappingKernel<TSettings>
        where TSettings : class
    {
        private readonly MappingSettingsCache<TSettings> _settings;

        protected PackedMappingKernel()
        {
            _settings = new MappingSettingsCache<TSettings>(ParseSettings);
        }

        /// <summary>Parses the settings written by the estimator that built the pipeline.</summary>
        protected abstract TSettings ParseSettings(MappingOptions options);

        /// <summary>Maps one row.</summary>
        protected abstract void Map(TSettings settings, float[] input, PackedMappingOutput output);

        /// <summary>The delegate handed to ML.NET's custom mapping.</summary>
        public Action<PackedMappingInput, PackedMappingOutput> GetAction()
            => (source, destination) => Map(_settings.Get(source.Options), source.Input, destination);
    }
}
