using System.ComponentModel;
using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Pipeline
{
    /// <summary>
    /// Infrastructure: the input row of the package's persisted custom mappings. All label columns, converted to
    /// floats and concatenated, arrive in <see cref="Input"/>; the mapping's settings arrive as text in
    /// <see cref="Options"/>. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class PackedMappingInput
    {
        /// <summary>The concatenated inputs.</summary>
        [ColumnName(MappingColumnNames.Input)]
        public float[] Input { get; set; } = Array.Empty<float>();

        /// <summary>The mapping's settings; every element holds the same text.</summary>
        [ColumnName(MappingColumnNames.Options)]
        public string[] Options { get; set; } = Array.Empty<string>();
    }

    /// <summary>
    /// Infrastructure: the output row of the package's persisted custom mappings: up to four vectors, renamed to the
    /// user's column names by the pipeline. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class PackedMappingOutput
    {
        /// <summary>First output.</summary>
        [ColumnName(MappingColumnNames.Output0)]
        public float[] Output0 { get; set; } = Array.Empty<float>();

        /// <summary>Second output.</summary>
        [ColumnName(MappingColumnNames.Output1)]
        public float[] Output1 { get; set; } = Array.Empty<float>();

        /// <summary>Third output.</summary>
        [ColumnName(MappingColumnNames.Output2)]
        public float[] Output2 { get; set; } = Array.Empty<float>();

        /// <summary>Fourth output.</summary>
        [ColumnName(MappingColumnNames.Output3)]
        public float[] Output3 { get; set; } = Array.Empty<float>();
    }

    /// <summary>
    /// Infrastructure: input of the mapping that turns a key-typed label column into the package's canonical floats.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KeyLabelsInput
    {
        /// <summary>The raw keys (0 = missing, k = class k - 1).</summary>
        [ColumnName(MappingColumnNames.Keys)]
        public uint[] Keys { get; set; } = Array.Empty<uint>();
    }

    /// <summary>
    /// Infrastructure: output of the mapping that turns a key-typed label column into the package's canonical floats.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KeyLabelsOutput
    {
        /// <summary>Class indices as floats, NaN where the key is missing.</summary>
        [ColumnName(MappingColumnNames.KeyLabels)]
        public float[] Labels { get; set; } = Array.Empty<float>();
    }

    /// <summary>Names of the temporary columns of persisted mappings. The prefix <c>__nl_</c> is reserved.</summary>
    internal static class MappingColumnNames
    {
        public const string Prefix = "__nl_";
        public const string Input = "__nl_input";
        public const string Options = "__nl_options";
        public const string Output0 = "__nl_out0";
        public const string Output1 = "__nl_out1";
        public const string Output2 = "__nl_out2";
        public const string Output3 = "__nl_out3";
        public const string Keys = "__nl_keys";
        public const string KeyLabels = "__nl_keylabels";
        public const string Hash = "__nl_hash";
        public const string Bag = "__nl_bag";

        public static readonly string[] Outputs = { Output0, Output1, Output2, Output3 };
    }
}
