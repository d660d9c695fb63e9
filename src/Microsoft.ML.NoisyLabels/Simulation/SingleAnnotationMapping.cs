using System.ComponentModel;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Pipeline;
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

        private static readonly Action<PackedMappingInput, PackedMappingOutput> s_action = new SingleAnnotationKernel().GetAction();

        /// <inheritdoc />
        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => s_action(source, destination);
    }

    /// <summary>The settings of one single-annotation mapping (one group of at most four outputs).</summary>
    internal sealed record SingleAnnotationSettings(string[] Columns, int Pixels, int SeedValues, int Seed, int[] Outputs)
    {
        public MappingOptions ToOptions()
            => new MappingOptions()
                .SetNames("columns", Columns)
                .Set("pixels", Pixels)
                .Set("seedValues", SeedValues)
                .Set("seed", Seed)
                .Set("outputs", Outputs);

        public static SingleAnnotationSettings Parse(MappingOptions options)
            => new SingleAnnotationSettings(
                options.GetNames("columns"),
                options.GetInt("pixels"),
                options.GetInt("seedValues"),
                options.GetInt("seed"),
                options.GetInts("outputs"));
    }

    /// <summary>
    /// Maps one row: the packed input is the R annotations (canonical floats, all of one size) followed by the seed
    /// column's values, if any. Draws one of the present annotations uniformly (stream 0 of the row's random source,
    /// so that every group draws the same) and writes it to its output; every other output is all NaN.
    /// </summary>
    internal sealed class SingleAnnotationKernel : PackedMappingKernel<SingleAnnotationSettings>
    {
        [ThreadStatic]
        private static byte[]? t_labels;

        [ThreadStatic]
        private static int[]? t_present;

        protected override SingleAnnotationSettings ParseSettings(MappingOptions options) => SingleAnnotationSettings.Parse(options);

        protected override void Map(SingleAnnotationSettings settings, float[] input, PackedMappingOutput output)
        {
            int maps = settings.Columns.Length;
            int labelValues = input.Length - Math.Max(settings.SeedValues, 0);
            int pixels = settings.Pixels > 0 ? settings.Pixels : labelValues / maps;
            if (pixels <= 0 || pixels * maps != labelValues)
            {
                throw new InvalidOperationException(
                    $"Annotator columns {string.Join(", ", settings.Columns.Select(c => "'" + c + "'"))}: the row holds {labelValues} labels in all, " +
                    $"which {maps} annotations of one size cannot share{(settings.Pixels > 0 ? $" ({settings.Pixels} each)" : string.Empty)}.");
            }

            var labels = t_labels is not null && t_labels.Length == pixels ? t_labels : (t_labels = new byte[pixels]);
            var present = t_present is not null && t_present.Length == maps ? t_present : (t_present = new int[maps]);
            int count = 0;
            for (int r = 0; r < maps; r++)
            {
                string name = settings.Columns[r];
                if (LabelValues.TryDecode(input.AsSpan(r * pixels, pixels), LabelValues.MaxClasses, labels, () => $"Annotator column '{name}'"))
                {
                    present[count++] = r;
                }
            }

            int chosen = -1;
            if (count > 0)
            {
                var random = SimulationRandom.ForRow(SimulationRandom.RowHash(settings.Seed, input), 0);
                chosen = present[random.NextInt(count)];
            }

            for (int j = 0; j < settings.Outputs.Length; j++)
            {
                int r = settings.Outputs[j];
                var target = MappingOutputs.Get(output, j, pixels);
                if (r == chosen)
                {
                    input.AsSpan(r * pixels, pixels).CopyTo(target);
                }
                else
                {
                    target.AsSpan().Fill(float.NaN);
                }
            }
        }
    }
}
