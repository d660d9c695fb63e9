using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// The parsed settings of a persisted mapping, by settings text (see <see cref="MappingOptions"/>). Parsing happens
    /// once per distinct text; per row, the settings column's text is the same string object every time (the
    /// expression returns a constant), so each thread remembers the last one and recognises it by reference: O(1) per
    /// row, whatever the length of the text. Safe for ML.NET's parallel cursors.
    /// </summary>
    /// <typeparam name="TSettings">The parsed, immutable settings.</typeparam>
    internal sealed class MappingSettingsCache<TSettings>
        where TSettings : class
    {
        [ThreadStatic]
        private static Last? t_last;

        private readonly ConcurrentDictionary<string, TSettings> _parsed = new ConcurrentDictionary<string, TSettings>(StringComparer.Ordinal);
        private readonly Func<string, TSettings> _parse;

        /// <param name="parse">Parses the settings written by the estimator that built the pipeline.</param>
        public MappingSettingsCache(Func<MappingOptions, TSettings> parse)
        {
            _parse = text => parse(MappingOptions.Parse(text));
        }

        /// <summary>The settings a row's settings column holds.</summary>
        public TSettings Get(in VBuffer<ReadOnlyMemory<char>> options)
        {
            var values = options.GetValues();
            if (values.Length == 0)
            {
                throw new InvalidOperationException("The mapping's settings column is empty: the saved pipeline is damaged.");
            }

            var text = values[0];
            if (!MemoryMarshal.TryGetString(text, out string? whole, out int start, out int length) || start != 0 || length != whole.Length)
            {
                return _parsed.GetOrAdd(text.ToString(), _parse);
            }

            var last = t_last;
            if (last is not null && ReferenceEquals(last.Text, whole) && ReferenceEquals(last.Owner, this))
            {
                return (TSettings)last.Settings;
            }

            var settings = _parsed.GetOrAdd(whole, _parse);
            t_last = new Last(this, whole, settings);
            return settings;
        }

        private sealed record Last(object Owner, string Text, object Settings);
    }
}
