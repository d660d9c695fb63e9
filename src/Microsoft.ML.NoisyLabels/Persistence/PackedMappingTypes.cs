using System.ComponentModel;
using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Persistence
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
        public VBuffer<ReadOnlyMemory<char>> Options { get; set; }
    }

    /// <summary>
    /// Infrastructure: the input row of the fusion mappings. Each input column arrives in its own slot as the buffer its
    /// source produced (no concatenated copy); unused slots hold a one-slot placeholder; with more inputs than slots the
    /// last slot holds the remaining inputs concatenated. The settings arrive as text in <see cref="Options"/>.
    /// Public (with public fields, so that a slot can be read by reference) only because ML.NET's custom mappings
    /// require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class SlotMappingInput
    {
        /// <summary>Input slot 0.</summary>
        [ColumnName(MappingColumnNames.Slot0)]
        public VBuffer<float> A0;

        /// <summary>Input slot 1.</summary>
        [ColumnName(MappingColumnNames.Slot1)]
        public VBuffer<float> A1;

        /// <summary>Input slot 2.</summary>
        [ColumnName(MappingColumnNames.Slot2)]
        public VBuffer<float> A2;

        /// <summary>Input slot 3.</summary>
        [ColumnName(MappingColumnNames.Slot3)]
        public VBuffer<float> A3;

        /// <summary>Input slot 4.</summary>
        [ColumnName(MappingColumnNames.Slot4)]
        public VBuffer<float> A4;

        /// <summary>Input slot 5.</summary>
        [ColumnName(MappingColumnNames.Slot5)]
        public VBuffer<float> A5;

        /// <summary>Input slot 6.</summary>
        [ColumnName(MappingColumnNames.Slot6)]
        public VBuffer<float> A6;

        /// <summary>Input slot 7 (with more than eight inputs: inputs 7, 8, ... concatenated).</summary>
        [ColumnName(MappingColumnNames.Slot7)]
        public VBuffer<float> A7;

        /// <summary>The mapping's settings; every element holds the same text.</summary>
        [ColumnName(MappingColumnNames.Options)]
        public VBuffer<ReadOnlyMemory<char>> Options;

        /// <summary>The buffer of slot <paramref name="slot"/>, by reference (it is large).</summary>
        internal ref readonly VBuffer<float> Slot(int slot)
        {
            switch (slot)
            {
                case 0: return ref A0;
                case 1: return ref A1;
                case 2: return ref A2;
                case 3: return ref A3;
                case 4: return ref A4;
                case 5: return ref A5;
                case 6: return ref A6;
                default: return ref A7;
            }
        }
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
        public const string Settings = "__nl_settings";
        public const string SettingsSource = "__nl_settingssource";
        public const string Rest = "__nl_rest";
        public const string Slot0 = "__nl_a0";
        public const string Slot1 = "__nl_a1";
        public const string Slot2 = "__nl_a2";
        public const string Slot3 = "__nl_a3";
        public const string Slot4 = "__nl_a4";
        public const string Slot5 = "__nl_a5";
        public const string Slot6 = "__nl_a6";
        public const string Slot7 = "__nl_a7";

        public static readonly string[] Slots = { Slot0, Slot1, Slot2, Slot3, Slot4, Slot5, Slot6, Slot7 };

        public static readonly string[] Outputs = { Output0, Output1, Output2, Output3 };
    }
}
