using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="MajorityVoteEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class MajorityVoteMappingFactory : CustomMappingFactory<SlotMappingInput, PackedMappingOutput>
    {
        /// <summary>
        /// The contract name recorded in model.zip. Version 2 of the four fusion contracts reads each annotator column
        /// in place (<see cref="SlotMappingInput"/>); version 1 read them concatenated and is no longer loaded.
        /// </summary>
        public const string ContractName = "NoisyLabels.MajorityVote.v2";

        private static readonly FusionKernel s_kernel = new FusionKernel(FusionMethod.MajorityVote);

        /// <inheritdoc />
        public override Action<SlotMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(SlotMappingInput source, PackedMappingOutput destination) => s_kernel.Map(source, destination);
    }

    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="MeanLabelEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class MeanLabelMappingFactory : CustomMappingFactory<SlotMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.MeanLabel.v2";

        private static readonly FusionKernel s_kernel = new FusionKernel(FusionMethod.MeanLabel);

        /// <inheritdoc />
        public override Action<SlotMappingInput, PackedMappingOutput> GetMapping() => Map;

        internal static void Map(SlotMappingInput source, PackedMappingOutput destination) => s_kernel.Map(source, destination);
    }

    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="StapleEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class StapleMappingFactory : CustomMappingFactory<SlotMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.Staple.v2";

        private static readonly FusionKernel s_kernel = new FusionKernel(FusionMethod.Staple);

        /// <inheritdoc />
        public override Action<SlotMappingInput, PackedMappingOutput> GetMapping() => Map;

        internal static void Map(SlotMappingInput source, PackedMappingOutput destination) => s_kernel.Map(source, destination);
    }

    /// <summary>
    /// Infrastructure: the persisted mapping of <see cref="SpatialStapleEstimator"/>, found again in model.zip by its
    /// contract name. Public only because ML.NET's custom mappings require it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class SpatialStapleMappingFactory : CustomMappingFactory<SlotMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.SpatialStaple.v2";

        private static readonly FusionKernel s_kernel = new FusionKernel(FusionMethod.SpatialStaple);

        /// <inheritdoc />
        public override Action<SlotMappingInput, PackedMappingOutput> GetMapping() => Map;

        internal static void Map(SlotMappingInput source, PackedMappingOutput destination) => s_kernel.Map(source, destination);
    }
}
