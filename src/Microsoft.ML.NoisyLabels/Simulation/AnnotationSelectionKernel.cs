using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The settings of one annotation-selection mapping (one group of at most four outputs). With no removal
    /// probability, one annotation is kept per row (<see cref="SingleAnnotationEstimator"/>); with one, each annotation
    /// is removed with that probability and at least one is kept (<see cref="AnnotationRemovalEstimator"/>).
    /// </summary>
    internal sealed record AnnotationSelectionSettings(string[] Columns, int Pixels, int SeedValues, int Seed, int[] Outputs, double? RemovalProbability)
    {
        public MappingOptions ToOptions()
        {
            var options = new MappingOptions()
                .SetNames("columns", Columns)
                .Set("pixels", Pixels)
                .Set("seedValues", SeedValues)
                .Set("seed", Seed)
                .Set("outputs", Outputs);
            // The single-annotation mapping's settings stay those of its first version, so older model.zip files load.
            return RemovalProbability is double p ? options.Set("removal", p) : options;
        }

        public static AnnotationSelectionSettings Parse(MappingOptions options)
            => new AnnotationSelectionSettings(
                options.GetNames("columns"),
                options.GetInt("pixels"),
                options.GetInt("seedValues"),
                options.GetInt("seed"),
                options.GetInts("outputs"),
                options.Has("removal") ? options.GetDouble("removal") : null);
    }

    /// <summary>
    /// Maps one row: the packed input is the R annotations (canonical floats, all of one size) followed by the seed
    /// column's values, if any. Decides which present annotations are kept from stream 0 of the row's random source
    /// (every group of outputs decides alike), then writes each output: its annotation if kept, else all NaN.
    /// </summary>
    internal sealed class AnnotationSelectionKernel : PackedMappingKernel<AnnotationSelectionSettings>
    {
        [ThreadStatic]
        private static byte[]? t_labels;

        [ThreadStatic]
        private static int[]? t_present;

        [ThreadStatic]
        private static bool[]? t_kept;

        protected override AnnotationSelectionSettings ParseSettings(MappingOptions options) => AnnotationSelectionSettings.Parse(options);

        protected override void Map(AnnotationSelectionSettings settings, float[] input, PackedMappingOutput output)
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
            var kept = t_kept is not null && t_kept.Length == maps ? t_kept : (t_kept = new bool[maps]);
            Array.Clear(kept);
            int count = 0;
            for (int r = 0; r < maps; r++)
            {
                string name = settings.Columns[r];
                if (LabelValues.TryDecode(input.AsSpan(r * pixels, pixels), LabelValues.MaxClasses, labels, () => $"Annotator column '{name}'"))
                {
                    present[count++] = r;
                }
            }

            if (count > 0)
            {
                var random = SimulationRandom.ForRow(SimulationRandom.RowHash(settings.Seed, input), 0);
                Choose(settings.RemovalProbability, present.AsSpan(0, count), kept, ref random);
            }

            for (int j = 0; j < settings.Outputs.Length; j++)
            {
                int r = settings.Outputs[j];
                var target = MappingOutputs.Get(output, j, pixels);
                if (kept[r])
                {
                    input.AsSpan(r * pixels, pixels).CopyTo(target);
                }
                else
                {
                    target.AsSpan().Fill(float.NaN);
                }
            }
        }

        /// <summary>
        /// Marks the kept annotators among <paramref name="present"/>. Without a removal probability: one, uniformly.
        /// With one: each is removed independently with probability p; when that removes all of them, one drawn
        /// uniformly is kept, so the row keeps at least one label.
        /// </summary>
        private static void Choose(double? removalProbability, ReadOnlySpan<int> present, bool[] kept, ref SimulationRandom random)
        {
            if (removalProbability is not double p)
            {
                kept[present[random.NextInt(present.Length)]] = true;
                return;
            }

            int remaining = 0;
            foreach (int r in present)
            {
                // 53 random bits as a double in [0, 1).
                double u = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
                kept[r] = u >= p;
                remaining += kept[r] ? 1 : 0;
            }

            if (remaining == 0)
            {
                kept[present[random.NextInt(present.Length)]] = true;
            }
        }
    }
}
