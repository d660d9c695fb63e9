using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Pipeline;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="MajorityVoteEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class MajorityVoteMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.MajorityVote.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new FusionKernel(FusionMethod.MajorityVote).GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }

    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="MeanLabelEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class MeanLabelMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.MeanLabel.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new FusionKernel(FusionMethod.MeanLabel).GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }

    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="StapleEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class StapleMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.Staple.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new FusionKernel(FusionMethod.Staple).GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }

    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="SpatialStapleEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class SpatialStapleMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.SpatialStaple.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new FusionKernel(FusionMethod.SpatialStaple).GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }
}
