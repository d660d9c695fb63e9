using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The computation behind the fusion mappings. Per row, voting and STAPLE take the coded path
    /// (FusionKernel.Coded.cs: each annotator's buffer read once, in place, into one byte code per pixel; outputs
    /// written once from per-code tables). Spatial STAPLE and the cases the coded path leaves (see there) decode each
    /// annotator's buffer once, in place (<see cref="SlotMappingChain"/>), into class bytes
    /// (<see cref="LabelValues.TryDecode"/>: an entirely missing map means the annotator did not label the image; a bad
    /// value is reported with its column and pixel), run the method and narrow its outputs. Either way each wanted
    /// output is written once, as floats: fused labels [P] (NaN where no annotator labelled the image), posterior
    /// [L, P], confusion matrices [R, L, L] ([annotator][observed][true], NaN for absent annotators), and for Spatial
    /// STAPLE the field [R, L, L, P] or for STAPLE the statistics [iterations, converged]. Settings are parsed once per
    /// transformer (<see cref="MappingSettingsCache{TSettings}"/>); buffers are kept per thread, so that rows allocate
    /// nothing large once the outputs have their size. Warnings (no annotator labelled a row, an EM stopped at its
    /// iteration cap) go once per transformer to the fitting context's log (<see cref="MappingLog"/>).
    /// </summary>
    internal sealed partial class FusionKernel
    {
        [ThreadStatic]
        private static Buffers? t_buffers;

        private readonly FusionMethod _method;
        private readonly MappingSettingsCache<FusionMappingSettings> _settings;

        public FusionKernel(FusionMethod method)
        {
            _method = method;
            _settings = new MappingSettingsCache<FusionMappingSettings>(options => FusionMappingSettings.Parse(method, options));
        }

        /// <summary>Maps one row.</summary>
        public void Map(SlotMappingInput source, PackedMappingOutput output)
        {
            var settings = _settings.Get(source.Options);
            var buffers = t_buffers ??= new Buffers();
            int raters = settings.Names.Length;
            int classes = settings.Classes;
            int pixels = settings.Pixels > 0 ? settings.Pixels : SlotMappingChain.Values(source, 0, raters, 0, ref buffers.Dense).Length;
            if (settings.Shape is ImageShape shape && shape.Pixels != pixels)
            {
                throw new InvalidOperationException($"Annotator column '{settings.Names[0]}' holds {pixels} labels in this row, but the image shape is {shape} ({shape.Pixels} pixels).");
            }

            var fused = Reuse(output.Output0, pixels);
            var posterior = settings.Posterior ? Reuse(output.Output1, classes * pixels) : Array.Empty<float>();
            var confusion = settings.Confusion ? Reuse(output.Output2, raters * classes * classes) : Array.Empty<float>();
            var last = settings.Field ? Reuse(output.Output3, raters * classes * classes * pixels)
                : settings.Statistics ? Reuse(output.Output3, 2) : Array.Empty<float>();
            buffers.Ensure(raters, classes, settings.Confusion);
            FusionStatistics statistics;
            if (!TryMapCoded(settings, source, pixels, buffers, fused, posterior, confusion, out statistics)
                && !MapDecoded(settings, source, pixels, buffers, fused, posterior, confusion, last, out statistics))
            {
                // Documented behaviour: nothing to fuse gives NaN outputs, and the fitting context hears of it once.
                fused.AsSpan().Fill(float.NaN);
                posterior.AsSpan().Fill(float.NaN);
                confusion.AsSpan().Fill(float.NaN);
                last.AsSpan().Fill(float.NaN);
                MappingLog.WarnOnce(settings.LogId, "no-annotations", () => NoAnnotationsWarning(settings.Names));
            }
            else
            {
                if (settings.Statistics)
                {
                    last[0] = statistics.Iterations;
                    last[1] = statistics.Converged ? 1 : 0;
                }

                if (_method is FusionMethod.Staple or FusionMethod.SpatialStaple && !statistics.Converged)
                {
                    MappingLog.WarnOnce(settings.LogId, "iteration-cap", () => IterationCapWarning(_method, statistics.Iterations));
                }
            }

            output.Output0 = fused;
            output.Output1 = posterior;
            output.Output2 = confusion;
            output.Output3 = last;
        }

        /// <summary>The warning for a row that no annotator labelled.</summary>
        internal static string NoAnnotationsWarning(string[] names)
            => $"Label fusion of {string.Join(", ", names.Select(n => "'" + n + "'"))}: a row has no annotation at all (every annotator column entirely missing); " +
               "its outputs are NaN. Further rows like it are not reported.";

        /// <summary>The warning for an EM that stopped at its iteration cap.</summary>
        internal static string IterationCapWarning(FusionMethod method, int iterations)
            => $"{(method == FusionMethod.Staple ? "STAPLE" : "Spatial STAPLE")} stopped at its iteration cap ({iterations} iterations) on a row without " +
               "meeting its stopping rule: its estimates may differ from a converged run. Raise MaximumNumberOfIterations" +
               (method == FusionMethod.Staple ? " (the statistics column reports each row's iterations and convergence)." : ".") +
               " Further rows like it are not reported.";

        /// <summary>
        /// The general path: decodes every annotator's labels into bytes [R, P] (reporting any bad value), runs the
        /// method and narrows its outputs. Returns false when no annotator labelled the row.
        /// </summary>
        private bool MapDecoded(
            FusionMappingSettings settings, SlotMappingInput source, int pixels, Buffers buffers, float[] fused, float[] posterior, float[] confusion, float[] last, out FusionStatistics statistics)
        {
            int raters = settings.Names.Length;
            int classes = settings.Classes;
            statistics = default;
            buffers.EnsureDecoded(raters, pixels, classes, settings.Posterior, settings.Field);
            var labels = buffers.Labels.AsSpan(0, raters * pixels);
            var present = buffers.Present.AsSpan(0, raters);
            bool any = false;
            for (int r = 0; r < raters; r++)
            {
                var values = SlotMappingChain.Values(source, r, raters, pixels, ref buffers.Dense);
                if (values.Length != pixels)
                {
                    throw new InvalidOperationException(
                        $"Annotator column '{settings.Names[r]}' holds {values.Length} labels in this row; expected {pixels} (as column '{settings.Names[0]}').");
                }

                present[r] = LabelValues.TryDecode(values, classes, labels.Slice(r * pixels, pixels), settings.Describe[r]);
                any |= present[r];
            }

            if (!any)
            {
                return false;
            }

            statistics = Fuse(settings, labels, present, pixels, buffers, posterior.Length > 0);
            VectorOps.Widen(buffers.Fused.AsSpan(0, pixels), fused);
            VectorOps.Narrow(buffers.Posterior.AsSpan(0, posterior.Length), posterior);
            VectorOps.Narrow(buffers.Confusion.AsSpan(0, confusion.Length), confusion);
            if (settings.Field)
            {
                VectorOps.Narrow(buffers.Field.AsSpan(0, last.Length), last);
            }

            return true;
        }

        private FusionStatistics Fuse(FusionMappingSettings settings, ReadOnlySpan<byte> labels, ReadOnlySpan<bool> present, int pixels, Buffers buffers, bool posterior)
        {
            int raters = present.Length;
            int classes = settings.Classes;
            // The decoding checked every label against the number of classes.
            var annotations = new Annotations(labels, present, classes, labelsChecked: true);
            // Every method finds the fused labels without the per-pixel posterior: it is spread to the pixels only when wanted.
            var outputs = new FusionOutputs(
                buffers.Fused.AsSpan(0, pixels),
                posterior ? buffers.Posterior.AsSpan(0, classes * pixels) : Span<double>.Empty,
                settings.Confusion ? buffers.Confusion.AsSpan(0, raters * classes * classes) : Span<double>.Empty,
                pixels,
                raters,
                classes);
            switch (_method)
            {
                case FusionMethod.MajorityVote:
                    MajorityVote.Compute(annotations, outputs, buffers.Workspace);
                    return default;
                case FusionMethod.MeanLabel:
                    MeanLabel.Compute(annotations, outputs, buffers.Workspace);
                    return default;
                case FusionMethod.Staple:
                    return Staple.Compute(annotations, outputs, settings.Staple!, buffers.Workspace);
                default:
                    var field = settings.Field ? buffers.Field.AsSpan(0, raters * classes * classes * pixels) : Span<double>.Empty;
                    return SpatialStaple.Compute(annotations, settings.Shape!.Value, outputs, field, settings.Spatial!, buffers.Workspace);
            }
        }

        // Every path writes each output whole (the NaN path too), so a new array need not be zeroed first: for a volume
        // that would be one more pass over every output.
        private static float[] Reuse(float[] array, int length) => array.Length == length ? array : GC.AllocateUninitializedArray<float>(length);

        /// <summary>Per-thread buffers: ML.NET may map rows on several threads at once.</summary>
        private sealed class Buffers
        {
            /// <summary>Where a sparse input buffer is made dense.</summary>
            public float[]? Dense;

            public byte[] Labels { get; private set; } = Array.Empty<byte>();

            public bool[] Present { get; private set; } = Array.Empty<bool>();

            public byte[] Fused { get; private set; } = Array.Empty<byte>();

            public double[] Posterior { get; private set; } = Array.Empty<double>();

            public double[] Confusion { get; private set; } = Array.Empty<double>();

            public double[] Field { get; private set; } = Array.Empty<double>();

            public FusionWorkspace Workspace { get; } = new FusionWorkspace();

            /// <summary>Coded path: the codes of the pixels [P].</summary>
            public byte[] Codes { get; private set; } = Array.Empty<byte>();

            /// <summary>Coded path: the indices of the present annotators, exactly as many as are present.</summary>
            public int[] PresentIndices { get; private set; } = Array.Empty<int>();

            /// <summary>Coded path: each code's fused label, as a float.</summary>
            public float[] FusedOfCode { get; } = new float[PatternCodes.MaxCodes];

            /// <summary>Coded path: each code's posterior [L, codes], as floats.</summary>
            public float[] PosteriorOfCode { get; private set; } = Array.Empty<float>();

            /// <summary>Sizes the buffers that do not grow with the image.</summary>
            public void Ensure(int raters, int classes, bool confusion)
            {
                Present = Grow(Present, raters);
                if (confusion)
                {
                    Confusion = Grow(Confusion, raters * classes * classes);
                }
            }

            /// <summary>Sizes the buffers of the coded path.</summary>
            public void EnsureCoded(int pixels, int present, int classes, bool posterior)
            {
                Codes = Grow(Codes, pixels);
                if (PresentIndices.Length != present)
                {
                    PresentIndices = new int[present];
                }

                if (posterior)
                {
                    PosteriorOfCode = Grow(PosteriorOfCode, classes * PatternCodes.MaxCodes);
                }
            }

            /// <summary>Sizes the buffers of the decoding path.</summary>
            public void EnsureDecoded(int raters, int pixels, int classes, bool posterior, bool field)
            {
                Labels = Grow(Labels, raters * pixels);
                Fused = Grow(Fused, pixels);
                if (posterior)
                {
                    Posterior = Grow(Posterior, classes * pixels);
                }

                Confusion = Grow(Confusion, raters * classes * classes);
                if (field)
                {
                    Field = Grow(Field, raters * classes * classes * pixels);
                }
            }

            private static T[] Grow<T>(T[] array, int length) => array.Length >= length ? array : new T[length];
        }
    }
}
