using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Pipeline
{
    /// <summary>A column that feeds a packed mapping: its name, whether it holds keys, and its item type.</summary>
    internal readonly record struct PackedInputColumn(string Name, bool IsKey, DataViewType ItemType)
    {
        public static PackedInputColumn From(DataViewSchema.Column column)
        {
            var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
            return new PackedInputColumn(column.Name, item is KeyDataViewType, item);
        }

        public static PackedInputColumn From(SchemaShape.Column column)
            => new PackedInputColumn(column.Name, column.IsKey, column.ItemType);
    }

    /// <summary>
    /// Builds the chain of first-party ML.NET estimators through which every fitted label transform of this package is
    /// persisted in model.zip (an assembly outside ML.NET cannot write its own model parts):
    /// <list type="number">
    /// <item>each input column is converted to floats in the canonical form (keys through <see cref="KeyLabelsMappingFactory"/>)
    /// and all are concatenated into one packed vector;</item>
    /// <item>a constant text column carries the settings: hash to one bit, count into a fixed two-slot vector, and an
    /// expression that ignores its argument and returns the settings text;</item>
    /// <item>a custom mapping, found again by its contract name, maps the packed vector to up to four outputs;</item>
    /// <item>the outputs are copied to the user's column names and the temporary columns are dropped.</item>
    /// </list>
    /// Estimators delegate both <c>Fit</c> and <c>GetOutputSchema</c> to this chain.
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
            if (inputs.Count == 0)
            {
                throw new ArgumentException("A packed mapping needs at least one input column.", nameof(inputs));
            }

            if (outputNames.Count > MappingColumnNames.Outputs.Length)
            {
                throw new ArgumentException($"A packed mapping has at most {MappingColumnNames.Outputs.Length} outputs.", nameof(outputNames));
            }

            string settingsText = settings.ToString();
            if (settingsText.Contains('"') || settingsText.Contains('\\'))
            {
                throw new ArgumentException("Mapping settings cannot contain quotes or backslashes.", nameof(settings));
            }

            var temporaries = new List<string> { MappingColumnNames.Input, MappingColumnNames.Hash, MappingColumnNames.Bag, MappingColumnNames.Options };
            var parts = new List<string>();
            IEstimator<ITransformer>? chain = null;
            void Append(IEstimator<ITransformer> estimator) => chain = chain is null ? estimator : chain.Append(estimator);

            for (int i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                string part = MappingColumnNames.Prefix + "in" + i;
                if (input.IsKey)
                {
                    Append(ml.Transforms.Conversion.ConvertType(MappingColumnNames.Keys, input.Name, DataKind.UInt32));
                    Append(ml.Transforms.CustomMapping<KeyLabelsInput, KeyLabelsOutput>(KeyLabelsMappingFactory.Map, KeyLabelsMappingFactory.ContractName));
                    Append(ml.Transforms.CopyColumns(part, MappingColumnNames.KeyLabels));
                    temporaries.Add(part);
                }
                else if (input.ItemType != NumberDataViewType.Single)
                {
                    Append(ml.Transforms.Conversion.ConvertType(part, input.Name, DataKind.Single));
                    temporaries.Add(part);
                }
                else
                {
                    part = input.Name;
                }

                parts.Add(part);
            }

            if (inputs.Any(c => c.IsKey))
            {
                temporaries.Add(MappingColumnNames.Keys);
                temporaries.Add(MappingColumnNames.KeyLabels);
            }

            Append(ml.Transforms.Concatenate(MappingColumnNames.Input, parts.ToArray()));
            // The settings column: constant text, made from the first part so that its cost does not grow with the
            // number of inputs. Hashing to one bit and counting gives a two-slot vector whatever the input's size.
            Append(ml.Transforms.Conversion.Hash(MappingColumnNames.Hash, parts[0], numberOfBits: 1));
            Append(ml.Transforms.Conversion.MapKeyToVector(MappingColumnNames.Bag, MappingColumnNames.Hash, outputCountVector: true));
            Append(ml.Transforms.Expression(MappingColumnNames.Options, "x => \"" + settingsText + "\"", MappingColumnNames.Bag));
            Append(ml.Transforms.CustomMapping(mapping, contractName));

            for (int k = 0; k < MappingColumnNames.Outputs.Length; k++)
            {
                string? name = k < outputNames.Count ? outputNames[k] : null;
                if (name is not null)
                {
                    Append(ml.Transforms.CopyColumns(name, MappingColumnNames.Outputs[k]));
                }

                temporaries.Add(MappingColumnNames.Outputs[k]);
            }

            Append(ml.Transforms.DropColumns(temporaries.Distinct(StringComparer.Ordinal).ToArray()));
            return chain!;
        }
    }
}
