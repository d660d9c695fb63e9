using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>A column that feeds a persisted mapping: its name, whether it holds keys, its item type, and whether
    /// it is a vector of known size.</summary>
    internal readonly record struct PackedInputColumn(string Name, bool IsKey, DataViewType ItemType, bool FixedSize)
    {
        public static PackedInputColumn From(DataViewSchema.Column column)
        {
            var vector = column.Type as VectorDataViewType;
            var item = vector is not null ? vector.ItemType : column.Type;
            return new PackedInputColumn(column.Name, item is KeyDataViewType, item, vector is not null && vector.IsKnownSize);
        }

        public static PackedInputColumn From(SchemaShape.Column column)
            => new PackedInputColumn(column.Name, column.IsKey, column.ItemType, column.Kind == SchemaShape.Column.VectorKind.Vector);
    }

    /// <summary>
    /// Builds the chain of first-party ML.NET estimators through which the simulation transforms are persisted in
    /// model.zip (an assembly outside ML.NET cannot write its own model parts):
    /// <list type="number">
    /// <item>each input column is converted to floats in the canonical form (keys through <see cref="KeyLabelsMappingFactory"/>)
    /// and all are concatenated into one packed vector;</item>
    /// <item>a constant text column carries the settings (<see cref="MappingChainBuilder.AppendSettings"/>);</item>
    /// <item>a custom mapping, found again by its contract name, maps the packed vector to up to four outputs;</item>
    /// <item>the outputs are copied to the user's column names and the temporary columns are dropped.</item>
    /// </list>
    /// Estimators delegate both <c>Fit</c> and <c>GetOutputSchema</c> to this chain. The fusion transforms use
    /// <see cref="SlotMappingChain"/>, which reads each input in place instead of concatenating.
    /// ML.NET records the assembly that declares the mapping delegate's method and looks the contract up there when the
    /// model is loaded: the delegate must be a method of the assembly that holds the contract's factory.
    /// </summary>
    internal static class PackedMappingChain
    {
        public static IEstimator<ITransformer> Build(
            MLContext ml,
            IReadOnlyList<PackedInputColumn> inputs,
            string contractName,
            Action<PackedMappingInput, PackedMappingOutput> mapping,
            MappingOptions settings,
            IReadOnlyList<string?> outputNames)
        {
            var builder = new MappingChainBuilder(ml);
            var parts = builder.ToSingle(inputs);

            builder.Append(ml.Transforms.Concatenate(MappingColumnNames.Input, parts));
            builder.AddTemporary(MappingColumnNames.Input);
            builder.AppendSettings(inputs[0], parts[0], settings.ToString());
            return builder.Finish(ml.Transforms.CustomMapping(mapping, contractName), outputNames);
        }
    }
}
