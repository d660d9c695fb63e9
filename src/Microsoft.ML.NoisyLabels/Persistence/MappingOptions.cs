using System.Globalization;
using System.Text;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// The settings of a persisted mapping, written as text (<c>key=value;key=value</c>, invariant culture) into a
    /// constant column of the saved pipeline. ML.NET rebuilds a custom mapping from its contract name alone, so every
    /// per-instance setting travels this way. Values must not contain ';' or '='.
    /// </summary>
    internal sealed class MappingOptions
    {
        private readonly Dictionary<string, string> _values;

        public MappingOptions()
        {
            _values = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        private MappingOptions(Dictionary<string, string> values)
        {
            _values = values;
        }

        public MappingOptions Set(string key, string value)
        {
            if (value.Contains(';') || value.Contains('=') || key.Contains(';') || key.Contains('='))
            {
                throw new ArgumentException($"Mapping option '{key}' = '{value}' contains ';' or '='.");
            }

            _values[key] = value;
            return this;
        }

        public MappingOptions Set(string key, int value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

        public MappingOptions Set(string key, double value) => Set(key, value.ToString("R", CultureInfo.InvariantCulture));

        public MappingOptions Set(string key, bool value) => Set(key, value ? "1" : "0");

        public MappingOptions Set(string key, IEnumerable<int> values)
            => Set(key, string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))));

        public MappingOptions Set(string key, IEnumerable<double> values)
            => Set(key, string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

        /// <summary>Stores names (column names, free text) percent-encoded, so that any character survives.</summary>
        public MappingOptions SetNames(string key, IEnumerable<string> names)
            => Set(key, string.Join(",", names.Select(Uri.EscapeDataString)));

        public string[] GetNames(string key)
        {
            string text = GetString(key);
            return text.Length == 0 ? Array.Empty<string>() : text.Split(',').Select(Uri.UnescapeDataString).ToArray();
        }

        public string GetString(string key)
            => _values.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"The saved mapping has no setting '{key}'.");

        public int GetInt(string key) => int.Parse(GetString(key), CultureInfo.InvariantCulture);

        public double GetDouble(string key) => double.Parse(GetString(key), CultureInfo.InvariantCulture);

        public bool GetBool(string key) => GetString(key) == "1";

        public int[] GetInts(string key)
        {
            string text = GetString(key);
            return text.Length == 0 ? Array.Empty<int>() : text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }

        public double[] GetDoubles(string key)
        {
            string text = GetString(key);
            return text.Length == 0 ? Array.Empty<double>() : text.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }

        public bool Has(string key) => _values.ContainsKey(key);

        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var pair in _values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (text.Length > 0)
                {
                    text.Append(';');
                }

                text.Append(pair.Key).Append('=').Append(pair.Value);
            }

            return text.ToString();
        }

        public static MappingOptions Parse(string text)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=');
                if (equals <= 0)
                {
                    throw new InvalidDataException($"Malformed mapping setting '{part}'.");
                }

                values[part.Substring(0, equals)] = part.Substring(equals + 1);
            }

            return new MappingOptions(values);
        }
    }
}
