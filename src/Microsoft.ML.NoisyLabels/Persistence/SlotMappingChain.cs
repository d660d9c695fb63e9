namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// Builds the chain of first-party ML.NET estimators through which the fusion transforms are persisted, reading
    /// every input column in place: the columns (as canonical floats, see <see cref="MappingChainBuilder.ToSingle(IReadOnlyList{PackedInputColumn})"/>)
    /// are renamed to the fixed input slots of <see cref="SlotMappingInput"/> (ML.NET's column copy hands on the
    /// source's getter, so no values are copied), unused slots get the one-slot settings argument, and the custom
    /// mapping reads each slot's buffer once. With more inputs than slots the last slot holds the remaining columns
    /// concatenated. Settings and outputs are as in <see cref="PackedMappingChain"/>.
    /// </summary>
    internal static class SlotMappingChain
    {
        public static IEstimator<ITransformer> Build(
            MLContext ml,
            IReadOnlyList<PackedInputColumn> inputs,
            string contractName,
            Action<SlotMappingInput, PackedMappingOutput> mapping,
            MappingOptions settings,
            IReadOnlyList<string?> outputNames)
        {
            var builder = new MappingChainBuilder(ml);
            var parts = builder.ToSingle(inputs);

            string filler = builder.AppendSettings(inputs[0], parts[0], settings.ToString());
            int slots = MappingColumnNames.Slots.Length;
            var sources = new string[slots];
            for (int s = 0; s < slots; s++)
            {
                sources[s] = s < inputs.Count ? parts[s] : filler;
            }

            if (inputs.Count > slots)
            {
                builder.Append(ml.Transforms.Concatenate(MappingColumnNames.Rest, parts.AsSpan(slots - 1).ToArray()));
                builder.AddTemporary(MappingColumnNames.Rest);
                sources[slots - 1] = MappingColumnNames.Rest;
            }

            for (int s = 0; s < slots; s++)
            {
                builder.Append(ml.Transforms.CopyColumns(MappingColumnNames.Slots[s], sources[s]));
                builder.AddTemporary(MappingColumnNames.Slots[s]);
            }

            return builder.Finish(ml.Transforms.CustomMapping(mapping, contractName), outputNames);
        }

        /// <summary>The values of input <paramref name="index"/> of <paramref name="count"/> in a mapped row, dense.</summary>
        /// <param name="source">The row.</param>
        /// <param name="index">The input.</param>
        /// <param name="count">The number of inputs.</param>
        /// <param name="length">The values per input, or 0 when each input's own length is used.</param>
        /// <param name="scratch">Where sparse buffers are densified (per thread).</param>
        public static ReadOnlySpan<float> Values(SlotMappingInput source, int index, int count, int length, ref float[]? scratch)
        {
            int slots = MappingColumnNames.Slots.Length;
            bool rest = count > slots && index >= slots - 1;
            ref readonly var buffer = ref source.Slot(rest ? slots - 1 : index);
            ReadOnlySpan<float> values;
            if (buffer.IsDense)
            {
                values = buffer.GetValues();
            }
            else
            {
                if (scratch is null || scratch.Length < buffer.Length)
                {
                    scratch = new float[buffer.Length];
                }

                buffer.CopyTo(scratch);
                values = scratch.AsSpan(0, buffer.Length);
            }

            if (!rest)
            {
                return values;
            }

            // The remaining inputs were concatenated: each holds an equal share (checked by the caller).
            int share = length > 0 ? length : values.Length / (count - slots + 1);
            int offset = (index - (slots - 1)) * share;
            return offset + share <= values.Length ? values.Slice(offset, share) : ReadOnlySpan<float>.Empty;
        }
    }
}
