using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Writes and reads report data as JSON with one fixed set of options: indented with two spaces and "\n" line
    /// ends, camelCase property names (dictionary keys are kept as given), enums as strings, NaN and infinities as
    /// the strings "NaN", "Infinity", "-Infinity" (metrics can be undefined), public fields included, UTF-8 without
    /// a byte-order mark. System.Text.Json formats numbers in the invariant culture whatever the thread's culture.
    /// </summary>
    public static class JsonReport
    {
        /// <summary>The options every call here uses (read-only).</summary>
        public static JsonSerializerOptions Options { get; } = CreateOptions();

        /// <summary>The JSON text of <paramref name="value"/>.</summary>
        public static string Serialize<T>(T value)
        {
            return JsonSerializer.Serialize(value, Options);
        }

        /// <summary>The value that <paramref name="json"/> describes.</summary>
        public static T Deserialize<T>(string json)
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new JsonException($"The JSON text is null, not a {typeof(T).Name}.");
        }

        /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> with a final newline, creating the folder if needed.</summary>
        public static void Write<T>(string path, T value)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(path, Serialize(value) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        /// <summary>Reads the value written by <see cref="Write"/> at <paramref name="path"/>.</summary>
        public static T Read<T>(string path)
        {
            return Deserialize<T>(File.ReadAllText(path));
        }

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                WriteIndented = true,
                IndentSize = 2,
                NewLine = "\n",
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
                IncludeFields = true,
            };
            options.Converters.Add(new JsonStringEnumConverter());
            options.MakeReadOnly(populateMissingResolver: true);
            return options;
        }
    }
}
