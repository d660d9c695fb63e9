using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Infrastructure: the persisted mapping behind <see cref="LesionAnnotatorSimulationTransformer"/>. Public only
    /// because ML.NET finds custom mappings by a public factory with this contract name when it loads a model.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class LesionAnnotatorSimulationMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.SimulateLesionAnnotators.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new LesionAnnotatorSimulationKernel().GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }

    /// <summary>The settings of one lesion simulation mapping (one group of at most four annotators).</summary>
    internal sealed record LesionAnnotatorSimulationSettings(
        string Column,
        VolumeShape Shape,
        int SeedValues,
        int Seed,
        VoxelConnectivity Connectivity,
        int[] Streams,
        LesionRecipe[] Recipes)
    {
        public MappingOptions ToOptions()
        {
            return new MappingOptions()
                .SetNames("column", new[] { Column })
                .Set("shape", new[] { Shape.Depth, Shape.Height, Shape.Width })
                .Set("seedValues", SeedValues)
                .Set("seed", Seed)
                .Set("connectivity", (int)Connectivity)
                .Set("streams", Streams)
                .Set("kinds", Recipes.Select(r => (int)r.Kind))
                .Set("radii", Recipes.Select(r => r.Radius))
                .Set("fractures", Recipes.Select(r => r.Fractures))
                .Set("fractureThickness", Recipes.Select(r => r.FractureThickness))
                .Set("missProbability", Recipes.Select(r => r.MissProbability))
                .Set("missHalfVolume", Recipes.Select(r => r.MissHalfVolume))
                .Set("mergeDistance", Recipes.Select(r => r.MergeDistance));
        }

        public static LesionAnnotatorSimulationSettings Parse(MappingOptions options)
        {
            int[] kinds = options.GetInts("kinds");
            double[] radii = options.GetDoubles("radii");
            int[] fractures = options.GetInts("fractures");
            double[] thickness = options.GetDoubles("fractureThickness");
            double[] miss = options.GetDoubles("missProbability");
            double[] half = options.GetDoubles("missHalfVolume");
            double[] merge = options.GetDoubles("mergeDistance");
            int[] streams = options.GetInts("streams");
            int[] shape = options.GetInts("shape");
            int n = kinds.Length;
            if (radii.Length != n || fractures.Length != n || thickness.Length != n || miss.Length != n || half.Length != n || merge.Length != n
                || streams.Length != n || shape.Length != 3)
            {
                throw new InvalidDataException("The saved lesion annotator simulation lists different numbers of kinds, settings and streams, or a shape that is not [D, H, W].");
            }

            var recipes = kinds.Select((k, i) => new LesionRecipe((SimulatedAnnotatorKind)k, radii[i], fractures[i], thickness[i], miss[i], half[i], merge[i])).ToArray();
            return new LesionAnnotatorSimulationSettings(
                options.GetNames("column")[0],
                new VolumeShape(shape[0], shape[1], shape[2]),
                options.GetInt("seedValues"),
                options.GetInt("seed"),
                (VoxelConnectivity)options.GetInt("connectivity"),
                streams,
                recipes);
        }
    }

    /// <summary>
    /// Maps one row: the packed input is the mask (canonical floats) followed by the seed column's values, if any.
    /// Every output is a 0/1 mask of the same size, or all NaN when the mask is missing.
    /// </summary>
    internal sealed class LesionAnnotatorSimulationKernel : PackedMappingKernel<LesionAnnotatorSimulationSettings>
    {
        // One simulator and decode buffer per thread: ML.NET may read rows on several cursors at once.
        [ThreadStatic]
        private static LesionSimulator? t_simulator;

        [ThreadStatic]
        private static byte[]? t_mask;

        protected override LesionAnnotatorSimulationSettings ParseSettings(MappingOptions options) => LesionAnnotatorSimulationSettings.Parse(options);

        protected override void Map(LesionAnnotatorSimulationSettings settings, float[] input, PackedMappingOutput output)
        {
            int voxels = settings.Shape.Voxels;
            string Describe() => $"Mask column '{settings.Column}'";
            if (input.Length != voxels + Math.Max(settings.SeedValues, 0) && !(settings.SeedValues < 0 && input.Length >= voxels))
            {
                throw new InvalidOperationException(
                    $"{Describe()}: the row holds {input.Length - Math.Max(settings.SeedValues, 0)} values where the shape {settings.Shape} has {voxels} voxels.");
            }

            var mask = t_mask is not null && t_mask.Length == voxels ? t_mask : (t_mask = new byte[voxels]);
            if (!LabelValues.TryDecode(input.AsSpan(0, voxels), 2, mask, Describe))
            {
                for (int j = 0; j < settings.Recipes.Length; j++)
                {
                    MappingOutputs.Get(output, j, voxels).AsSpan().Fill(float.NaN);
                }

                return;
            }

            var simulator = t_simulator;
            if (simulator is null || simulator.Shape != settings.Shape || simulator.Connectivity != settings.Connectivity)
            {
                simulator = t_simulator = new LesionSimulator(settings.Shape, settings.Connectivity);
            }

            simulator.Load(mask);
            ulong rowHash = SimulationRandom.RowHash(settings.Seed, input);
            for (int j = 0; j < settings.Recipes.Length; j++)
            {
                var random = SimulationRandom.ForRow(rowHash, settings.Streams[j]);
                simulator.Simulate(settings.Recipes[j], ref random, MappingOutputs.Get(output, j, voxels));
            }
        }
    }
}
