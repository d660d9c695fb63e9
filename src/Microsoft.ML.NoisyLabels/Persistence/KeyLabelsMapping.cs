using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// Infrastructure: the persisted mapping that turns a key-typed label vector into the package's canonical floats
    /// (key k becomes class k - 1, the missing key 0 becomes NaN). ML.NET's type conversion keeps keys as keys, so
    /// this step is what lets key and numeric annotator columns share one packed input.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class KeyLabelsMappingFactory : CustomMappingFactory<KeyLabelsInput, KeyLabelsOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.KeyLabels.v1";

        /// <inheritdoc />
        public override Action<KeyLabelsInput, KeyLabelsOutput> GetMapping() => Map;

        internal static void Map(KeyLabelsInput source, KeyLabelsOutput destination)
        {
            var keys = source.Keys;
            var labels = destination.Labels.Length == keys.Length ? destination.Labels : new float[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                labels[i] = KeyLabels.ToClass(keys[i]);
            }

            destination.Labels = labels;
        }
    }
}
