using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// The steps shared by the chains of first-party ML.NET estimators through which the package's label transforms
    /// are persisted (see <see cref="PackedMappingChain"/> and <see cref="SlotMappingChain"/>): input columns in the
    /// canonical float form, the constant settings column, and the outputs under the user's names with the temporary
    /// columns dropped.
    /// </summary>
    internal sealed class MappingChainBuilder
    {
        private readonly MLContext _ml;
        private readonly List<string> _temporaries = new List<string>();
        private IEstimator<ITransformer>? _chain;

        public MappingChainBuilder(MLContext ml)
        {
            _ml = ml;
        }

        /// <summary>Appends an estimator to the chain.</summary>
        public void Append(IEstimator<ITransformer> estimator) => _chain = _chain is null ? estimator : _chain.Append(estimator);

        /// <summary>Marks a column to be dropped at the end.</summary>
        public void AddTemporary(string name) => _temporaries.Add(name);

        /// <summary>The names of columns holding <paramref name="inputs"/> as canonical floats (see <see cref="ToSingle(PackedInputColumn, int)"/>).</summary>
        public string[] ToSingle(IReadOnlyList<PackedInputColumn> inputs)
        {
            if (inputs.Count == 0)
            {
                throw new ArgumentException("A persisted mapping needs at least one input column.", nameof(inputs));
            }

            var parts = new string[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
            {
                parts[i] = ToSingle(inputs[i], i);
            }

            return parts;
        }

        /// <summary>
        /// The name of a column holding <paramref name="input"/> as canonical floats (class index, NaN for "no label"):
        /// the column itself when it holds Single, else a converted temporary (keys through
        /// <see cref="KeyLabelsMappingFactory"/>, other numbers through ML.NET's type conversion).
        /// </summary>
        private string ToSingle(PackedInputColumn input, int index)
        {
            string part = MappingColumnNames.Prefix + "in" + index;
            if (input.IsKey)
            {
                Append(_ml.Transforms.Conversion.ConvertType(MappingColumnNames.Keys, input.Name, DataKind.UInt32));
                Append(_ml.Transforms.CustomMapping<KeyLabelsInput, KeyLabelsOutput>(KeyLabelsMappingFactory.Map, KeyLabelsMappingFactory.ContractName));
                Append(_ml.Transforms.CopyColumns(part, MappingColumnNames.KeyLabels));
                AddTemporary(part);
                AddTemporary(MappingColumnNames.Keys);
                AddTemporary(MappingColumnNames.KeyLabels);
                return part;
            }

            if (input.ItemType != NumberDataViewType.Single)
            {
                Append(_ml.Transforms.Conversion.ConvertType(part, input.Name, DataKind.Single));
                AddTemporary(part);
                return part;
            }

            return input.Name;
        }

        /// <summary>
        /// Appends the settings column <see cref="MappingColumnNames.Options"/>: a vector of text whose every element is
        /// <paramref name="settingsText"/>. ML.NET rebuilds a custom mapping from its contract name alone, so the settings
        /// travel as data, produced by first-party transforms that ML.NET saves: an expression that ignores its argument
        /// and returns the text. Its argument must be a short vector whatever the image size:
        /// <list type="bullet">
        /// <item>a vector of known size: ML.NET's count-based slot selection, fitted on zero rows, drops every slot and
        /// gives a one-slot vector whose getter never reads its source, so the settings cost O(1) per row;</item>
        /// <item>a vector of variable size: the first input hashed to one bit and counted into two slots, which reads
        /// every pixel of that input once per row (the slot selection needs a known size).</item>
        /// </list>
        /// Returns the name of a short float column (the argument) that can stand for unused inputs.
        /// </summary>
        /// <param name="first">The first input column, as the user gave it.</param>
        /// <param name="firstSingle">The same column as canonical floats (see <see cref="ToSingle(IReadOnlyList{PackedInputColumn})"/>).</param>
        /// <param name="settingsText">The settings, which must not contain quotes or backslashes.</param>
        public string AppendSettings(PackedInputColumn first, string firstSingle, string settingsText)
        {
            if (settingsText.Contains('"') || settingsText.Contains('\\'))
            {
                throw new ArgumentException("Mapping settings cannot contain quotes or backslashes.", nameof(settingsText));
            }

            string argument;
            if (first.FixedSize)
            {
                // The key-labels mapping's output has no fixed size: keys are expanded to a vector of known size instead,
                // whose getter the slot selection never calls.
                string source = firstSingle;
                if (first.IsKey)
                {
                    source = MappingColumnNames.SettingsSource;
                    Append(_ml.Transforms.Conversion.MapKeyToVector(source, first.Name));
                    AddTemporary(source);
                }

                argument = MappingColumnNames.Settings;
                Append(new ZeroRowEstimator(_ml, _ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(argument, source, count: 1), source));
            }
            else
            {
                argument = MappingColumnNames.Bag;
                Append(_ml.Transforms.Conversion.Hash(MappingColumnNames.Hash, firstSingle, numberOfBits: 1));
                Append(_ml.Transforms.Conversion.MapKeyToVector(argument, MappingColumnNames.Hash, outputCountVector: true));
                AddTemporary(MappingColumnNames.Hash);
            }

            AddTemporary(argument);
            AddTemporary(MappingColumnNames.Options);
            Append(_ml.Transforms.Expression(MappingColumnNames.Options, "x => \"" + settingsText + "\"", argument));
            return argument;
        }

        /// <summary>
        /// Appends the mapping, copies its outputs (<see cref="MappingColumnNames.Outputs"/>) to the user's names (null:
        /// not wanted) and drops every temporary column; returns the chain.
        /// </summary>
        public IEstimator<ITransformer> Finish(IEstimator<ITransformer> mapping, IReadOnlyList<string?> outputNames)
        {
            if (outputNames.Count > MappingColumnNames.Outputs.Length)
            {
                throw new ArgumentException($"A persisted mapping has at most {MappingColumnNames.Outputs.Length} outputs.", nameof(outputNames));
            }

            Append(mapping);
            for (int k = 0; k < MappingColumnNames.Outputs.Length; k++)
            {
                string? name = k < outputNames.Count ? outputNames[k] : null;
                if (name is not null)
                {
                    // A column copy hands on the source's getter: no values are copied.
                    Append(_ml.Transforms.CopyColumns(name, MappingColumnNames.Outputs[k]));
                }

                AddTemporary(MappingColumnNames.Outputs[k]);
            }

            Append(_ml.Transforms.DropColumns(_temporaries.Distinct(StringComparer.Ordinal).ToArray()));
            return _chain!;
        }

        /// <summary>
        /// Fits an estimator on a data view with no rows and the one column it reads: the count-based slot selection
        /// then drops every slot, without reading the data it will be applied to. That fit still costs time in
        /// proportion to the vector's size (a count per slot), and its result depends only on the column's name and
        /// type: it is fitted once per context, name and type, and reused by every later fit.
        /// </summary>
        private sealed class ZeroRowEstimator : IEstimator<ITransformer>
        {
            private static readonly ConditionalWeakTable<MLContext, ConcurrentDictionary<(string, DataViewType), ITransformer>> s_fitted = new();

            private readonly MLContext _ml;
            private readonly IEstimator<ITransformer> _inner;
            private readonly string _column;

            public ZeroRowEstimator(MLContext ml, IEstimator<ITransformer> inner, string column)
            {
                _ml = ml;
                _inner = inner;
                _column = column;
            }

            public ITransformer Fit(IDataView input)
            {
                var type = input.Schema[_column].Type;
                return s_fitted.GetOrCreateValue(_ml).GetOrAdd((_column, type), _ =>
                {
                    var empty = new InMemoryDataView(0, new InMemoryColumn<VBuffer<float>>(_column, type, (long row, ref VBuffer<float> value) => { }));
                    return _inner.Fit(empty);
                });
            }

            public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _inner.GetOutputSchema(inputSchema);
        }
    }
}
