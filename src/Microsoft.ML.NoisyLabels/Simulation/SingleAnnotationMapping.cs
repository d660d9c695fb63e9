using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Infrastructure: the persisted mapping behind <see cref="SingleAnnotationTransformer"/>. Public only because
    /// ML.NET finds custom mappings by a public factory with this contract name when it loads a model.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class SingleAnnotationMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.SingleAnnotation.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new AnnotationSelectionKernel().GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }
}
