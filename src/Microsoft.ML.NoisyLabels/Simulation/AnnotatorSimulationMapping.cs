using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Infrastructure: the persisted mapping behind <see cref="AnnotatorSimulationTransformer"/>. Public only because
    /// ML.NET finds custom mappings by a public factory with this contract name when it loads a model.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class AnnotatorSimulationMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        /// <summary>The contract name recorded in model.zip.</summary>
        public const string ContractName = "NoisyLabels.SimulateAnnotators.v1";

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new AnnotatorSimulationKernel().GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }

    /// <summary>The settings of one simulation mapping (one group of at most four annotators).</summary>
    internal sealed record AnnotatorSimulationSettings(
        string Column,
        int Pixels,
        int Height,
        int SeedValues,
        int Scale,
        int Seed,
        int[] Streams,
        AnnotatorRecipe[] Recipes)
    {
        public MappingOptions ToOptions()
        {
            return new MappingOptions()
                .SetNames("column", new[] { Column })
                .Set("pixels", Pixels)
                .Set("height", Height)
                .Set("seedValues", SeedValues)
                .Set("scale", Scale)
                .Set("seed", Seed)
                .Set("streams", Streams)
                .Set("kinds", Recipes.Select(r => (int)r.Kind))
                .Set("amounts", Recipes.Select(r => r.Amount))
                .Set("fractures", Recipes.Select(r => r.Fractures))
                .Set("fractureThickness", Recipes.Select(r => r.FractureThickness));
        }

        public static AnnotatorSimulationSettings Parse(MappingOptions options)
        {
            int[] kinds = options.GetInts("kinds");
            double[] amounts = options.GetDoubles("amounts");
            int[] fractures = options.GetInts("fractures");
            double[] thickness = options.GetDoubles("fractureThickness");
            int[] streams = options.GetInts("streams");
            if (amounts.Length != kinds.Length || fractures.Length != kinds.Length || thickness.Length != kinds.Length || streams.Length != kinds.Length)
            {
                throw new InvalidDataException("The saved annotator simulation lists different numbers of kinds, amounts, fractures and streams.");
            }

            var recipes = kinds.Select((k, i) => new AnnotatorRecipe((SimulatedAnnotatorKind)k, amounts[i], fractures[i], thickness[i])).ToArray();
            return new AnnotatorSimulationSettings(
                options.GetNames("column")[0],
                options.GetInt("pixels"),
                options.GetInt("height"),
                options.GetInt("seedValues"),
                options.GetInt("scale"),
                options.GetInt("seed"),
                streams,
                recipes);
        }
    }

    /// <summary>
    /// Maps one row: the packed input is the mask (canonical floats) followed by the seed column's values, if any.
    /// Every output is a 0/1 mask of the same size, or all NaN when the mask is missing.
    /// </summary>
    internal sealed class AnnotatorSimulationKernel : PackedMappingKernel<AnnotatorSimulationSettings>
    {
        // One simulator and decode buffer per thread: ML.NET may read rows on several cursors at once.
        [ThreadStatic]
        private static AnnotatorSimulator? t_simulator;

        [ThreadStatic]
        private static byte[]? t_mask;

        protected override AnnotatorSimulationSettings ParseSettings(MappingOptions options) => AnnotatorSimulationSettings.Parse(options);

        protected override void Map(AnnotatorSimulationSettings settings, float[] input, PackedMappingOutput output)
        {
            string Describe() => $"Mask column '{settings.Column}'";
            int pixels = settings.Pixels > 0 ? settings.Pixels : input.Length - Math.Max(settings.SeedValues, 0);
            if (pixels <= 0 || pixels > input.Length)
            {
                throw new InvalidOperationException($"{Describe()}: the row holds {input.Length} values, which leaves no mask.");
            }

            var (height, width) = MappingShapes.OfPixels(pixels, settings.Height, Describe, message => new InvalidOperationException(message));
            var values = input.AsSpan(0, pixels);
            var mask = t_mask is not null && t_mask.Length == pixels ? t_mask : (t_mask = new byte[pixels]);
            bool present = LabelValues.TryDecode(values, 2, mask, Describe);
            if (!present)
            {
                for (int j = 0; j < settings.Recipes.Length; j++)
                {
                    MappingOutputs.Get(output, j, pixels).AsSpan().Fill(float.NaN);
                }

                return;
            }

            var simulator = t_simulator;
            if (simulator is null || simulator.Height != height || simulator.Width != width || simulator.Scale != settings.Scale)
            {
                simulator = t_simulator = new AnnotatorSimulator(height, width, settings.Scale);
            }

            simulator.Load(mask);
            ulong rowHash = SimulationRandom.RowHash(settings.Seed, input);
            for (int j = 0; j < settings.Recipes.Length; j++)
            {
                var random = SimulationRandom.ForRow(rowHash, settings.Streams[j]);
                simulator.Simulate(settings.Recipes[j], ref random, MappingOutputs.Get(output, j, pixels));
            }
        }
    }
}
