using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Pipeline;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The computation behind the fusion mappings: splits a row's packed annotator values into one label map per
    /// annotator, decodes them (<see cref="LabelValues.TryDecode"/>: an entirely missing map means the annotator did
    /// not label the image), runs the method and writes the outputs as floats:
    /// fused labels [P] (NaN where no annotator labelled the image), posterior [L, P], confusion matrices [R, L, L]
    /// ([annotator][observed][true], NaN for absent annotators) and, for Spatial STAPLE, the field [R, L, L, P].
    /// </summary>
    internal sealed class FusionKernel : PackedMappingKernel<FusionMappingSettings>
    {
        [ThreadStatic]
        private static Buffers? t_buffers;

        private readonly FusionMethod _method;

        public FusionKernel(FusionMethod method)
        {
            _method = method;
        }

        protected override FusionMappingSettings ParseSettings(MappingOptions options) => FusionMappingSettings.Parse(_method, options);

        protected override void Map(FusionMappingSettings settings, float[] input, PackedMappingOutput output)
        {
            int raters = settings.Names.Length;
            int classes = settings.Classes;
            int pixels = settings.Pixels > 0 ? settings.Pixels : input.Length / raters;
            if (input.Length != raters * pixels)
            {
                throw new InvalidOperationException(
                    $"The {raters} annotator columns ({Quote(settings.Names)}) hold {input.Length} values in this row; " +
                    $"expected {raters} label maps of {(settings.Pixels > 0 ? settings.Pixels.ToString() : "equal size")}.");
            }

            if (settings.Shape is ImageShape shape && shape.Pixels != pixels)
            {
                throw new InvalidOperationException($"Annotator column '{settings.Names[0]}' holds {pixels} labels in this row, but the image shape is {shape} ({shape.Pixels} pixels).");
            }

            var buffers = t_buffers ??= new Buffers();
            buffers.Ensure(raters, pixels, classes, settings.Field);
            var labels = buffers.Labels.AsSpan(0, raters * pixels);
            var present = buffers.Present.AsSpan(0, raters);
            for (int r = 0; r < raters; r++)
            {
                string name = settings.Names[r];
                present[r] = LabelValues.TryDecode(input.AsSpan(r * pixels, pixels), classes, labels.Slice(r * pixels, pixels), () => $"Annotator column '{name}'");
            }

            var fused = Reuse(output.Output0, pixels);
            var posterior = settings.Posterior ? Reuse(output.Output1, classes * pixels) : Array.Empty<float>();
            var confusion = settings.Confusion ? Reuse(output.Output2, raters * classes * classes) : Array.Empty<float>();
            var field = settings.Field ? Reuse(output.Output3, raters * classes * classes * pixels) : Array.Empty<float>();
            if (!present.Contains(true))
            {
                fused.AsSpan().Fill(float.NaN);
                posterior.AsSpan().Fill(float.NaN);
                confusion.AsSpan().Fill(float.NaN);
                field.AsSpan().Fill(float.NaN);
            }
            else
            {
                Fuse(settings, labels, present, pixels, buffers);
                Convert(buffers.Fused.AsSpan(0, pixels), fused);
                Convert(buffers.Posterior.AsSpan(0, posterior.Length), posterior);
                Convert(buffers.Confusion.AsSpan(0, confusion.Length), confusion);
                Convert(buffers.Field.AsSpan(0, field.Length), field);
            }

            output.Output0 = fused;
            output.Output1 = posterior;
            output.Output2 = confusion;
            output.Output3 = field;
        }

        private void Fuse(FusionMappingSettings settings, ReadOnlySpan<byte> labels, ReadOnlySpan<bool> present, int pixels, Buffers buffers)
        {
            int raters = present.Length;
            int classes = settings.Classes;
            var annotations = new Annotations(labels, present, classes);
            // The posterior is needed whenever the fused label is asked for; the confusion matrices only when wanted.
            var outputs = new FusionOutputs(
                buffers.Fused.AsSpan(0, pixels),
                buffers.Posterior.AsSpan(0, classes * pixels),
                settings.Confusion ? buffers.Confusion.AsSpan(0, raters * classes * classes) : Span<double>.Empty,
                pixels,
                raters,
                classes);
            switch (_method)
            {
                case FusionMethod.MajorityVote:
                    MajorityVote.Compute(annotations, outputs, buffers.Workspace);
                    break;
                case FusionMethod.MeanLabel:
                    MeanLabel.Compute(annotations, outputs, buffers.Workspace);
                    break;
                case FusionMethod.Staple:
                    Staple.Compute(annotations, outputs, settings.Staple!, buffers.Workspace);
                    break;
                default:
                    var field = settings.Field ? buffers.Field.AsSpan(0, raters * classes * classes * pixels) : Span<double>.Empty;
                    SpatialStaple.Compute(annotations, settings.Shape!.Value, outputs, field, settings.Spatial!, buffers.Workspace);
                    break;
            }
        }

        private static float[] Reuse(float[] array, int length) => array.Length == length ? array : new float[length];

        private static void Convert(ReadOnlySpan<double> source, Span<float> destination)
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = (float)source[i];
            }
        }

        private static void Convert(ReadOnlySpan<byte> source, Span<float> destination)
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = source[i];
            }
        }

        private static string Quote(string[] names) => string.Join(", ", names.Select(n => "'" + n + "'"));

        /// <summary>Per-thread buffers: ML.NET may map rows on several threads at once.</summary>
        private sealed class Buffers
        {
            public byte[] Labels { get; private set; } = Array.Empty<byte>();

            public bool[] Present { get; private set; } = Array.Empty<bool>();

            public byte[] Fused { get; private set; } = Array.Empty<byte>();

            public double[] Posterior { get; private set; } = Array.Empty<double>();

            public double[] Confusion { get; private set; } = Array.Empty<double>();

            public double[] Field { get; private set; } = Array.Empty<double>();

            public FusionWorkspace Workspace { get; } = new FusionWorkspace();

            public void Ensure(int raters, int pixels, int classes, bool field)
            {
                Labels = Grow(Labels, raters * pixels);
                Present = Grow(Present, raters);
                Fused = Grow(Fused, pixels);
                Posterior = Grow(Posterior, classes * pixels);
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
