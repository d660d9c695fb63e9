
namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// Persists a mapping with any number of outputs: a persisted mapping has at most four, so the outputs are split
    /// into groups of four, each computed by its own mapping over the same inputs (and the same per-row random
    /// streams, so that the groups agree). Outputs go to temporary columns first and are copied to the user's names at
    /// the end: an output may then replace one of the inputs without the later groups reading the replaced column.
    /// </summary>
    internal static class MappingGroups
    {
        private const string TemporaryPrefix = MappingColumnNames.Prefix + "group_";

        /// <summary>Builds the chain.</summary>
        /// <param name="ml">The context.</param>
        /// <param name="inputs">The packed inputs, the same for every group.</param>
        /// <param name="contractName">The mapping's contract name.</param>
        /// <param name="mapping">The mapping's delegate (a method of this assembly).</param>
        /// <param name="settingsFor">The settings of the group that computes the given output indices.</param>
        /// <param name="outputNames">The user's output column names.</param>
        public static IEstimator<ITransformer> Build(
            MLContext ml,
            IReadOnlyList<PackedInputColumn> inputs,
            string contractName,
            Action<PackedMappingInput, PackedMappingOutput> mapping,
            Func<int[], MappingOptions> settingsFor,
            IReadOnlyList<string> outputNames)
        {
            int perGroup = MappingColumnNames.Outputs.Length;
            var temporaries = Enumerable.Range(0, outputNames.Count).Select(i => TemporaryPrefix + i).ToArray();
            IEstimator<ITransformer>? chain = null;
            for (int first = 0; first < outputNames.Count; first += perGroup)
            {
                int[] indices = Enumerable.Range(first, Math.Min(perGroup, outputNames.Count - first)).ToArray();
                var group = PackedMappingChain.Build(ml, inputs, contractName, mapping, settingsFor(indices), indices.Select(i => (string?)temporaries[i]).ToArray());
                chain = chain is null ? group : chain.Append(group);
            }

            for (int i = 0; i < outputNames.Count; i++)
            {
                chain = chain!.Append(ml.Transforms.CopyColumns(outputNames[i], temporaries[i]));
            }

            return chain!.Append(ml.Transforms.DropColumns(temporaries));
        }

        /// <summary>Checks the user's output column names: given, distinct, and not in the reserved prefix.</summary>
        public static void CheckOutputNames(IReadOnlyList<string> names, string parameter)
        {
            if (names.Count == 0)
            {
                throw new ArgumentException("At least one output column is needed.", parameter);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in names)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException("Output column names must not be empty.", parameter);
                }

                if (name.StartsWith(MappingColumnNames.Prefix, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Output column '{name}': the prefix '{MappingColumnNames.Prefix}' is reserved for the package's temporary columns.", parameter);
                }

                if (!seen.Add(name))
                {
                    throw new ArgumentException($"Output column '{name}' is named twice.", parameter);
                }
            }
        }
    }
}
