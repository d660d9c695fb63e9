using ScottPlot;
using SkiaSharp;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// The typeface of every figure: DejaVu Sans (regular and bold), embedded in this assembly (see Fonts/README.md
    /// for its licence). Hosts without fonts or fontconfig, such as CI containers, then render the same text as a
    /// desktop, and the figures do not change with the machine's installed fonts.
    /// </summary>
    public static class FigureFont
    {
        /// <summary>
        /// The family name under which the bundled typeface is registered with ScottPlot. It differs from "DejaVu Sans"
        /// on purpose: ScottPlot asks the system first, and an installed DejaVu of another version must not win.
        /// </summary>
        public const string Name = "NoisyLabels DejaVu Sans";

        private static readonly Lazy<SKTypeface> _regular = new(() => Load("Fonts.DejaVuSans.ttf"));
        private static readonly Lazy<SKTypeface> _bold = new(() => Load("Fonts.DejaVuSans-Bold.ttf"));
        private static readonly Lock _gate = new();
        private static bool _registered;

        /// <summary>The bundled typeface, regular or bold.</summary>
        public static SKTypeface Typeface(bool bold) => bold ? _bold.Value : _regular.Value;

        /// <summary>Registers the bundled typeface with ScottPlot under <see cref="Name"/>; later calls do nothing.</summary>
        public static void Register()
        {
            lock (_gate)
            {
                if (!_registered)
                {
                    // First in the list: ScottPlot takes the first resolver that knows a name.
                    Fonts.FontResolvers.Insert(0, new BundledFontResolver());
                    _registered = true;
                }
            }
        }

        /// <summary>The advance width in pixels of <paramref name="text"/> at <paramref name="size"/> pixels.</summary>
        public static float MeasureWidth(string text, float size, bool bold = false)
        {
            using var font = new SKFont(Typeface(bold), size);
            return font.MeasureText(text);
        }

        private static SKTypeface Load(string resource)
        {
            using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The assembly lacks its embedded font '{resource}'.");
            using var data = SKData.Create(stream);
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"SkiaSharp cannot read the embedded font '{resource}'.");
        }

        private sealed class BundledFontResolver : IFontResolver
        {
            public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing)
                => CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

            // Italic is never asked for; an italic request gets the upright face rather than a system font.
            public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
                => fontName == Name ? Typeface(bold) : null;
        }
    }
}
