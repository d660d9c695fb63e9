using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Colours shared by the figures.</summary>
    public static class Palette
    {
        // Tableau's ten categorical colours: distinct in print and for the common colour-vision deficiencies.
        private static readonly IPalette _series = new ScottPlot.Palettes.Category10();

        private static readonly Color _heatLow = Colors.White;
        private static readonly Color _heatHigh = new(8, 48, 107);

        /// <summary>The grey of missing cells and panels.</summary>
        public static Color Missing { get; } = new(200, 200, 200);

        /// <summary>The darker grey of the hatching over missing cells and panels.</summary>
        public static Color MissingHatch { get; } = new(150, 150, 150);

        /// <summary>The colour of text and axes.</summary>
        public static Color Ink { get; } = new(34, 34, 34);

        /// <summary>The colour of frames and grid lines.</summary>
        public static Color Frame { get; } = new(190, 190, 190);

        /// <summary>The colour of series <paramref name="index"/> (cycles after ten).</summary>
        public static Color Series(int index) => _series.GetColor(index);

        /// <summary>
        /// The heat-map colour of <paramref name="value"/> in 0..1: white at 0 to dark blue at 1 (clamped); NaN gives
        /// <see cref="Missing"/>.
        /// </summary>
        public static Color Heat(double value)
        {
            if (double.IsNaN(value))
            {
                return Missing;
            }

            double t = Math.Clamp(value, 0, 1);
            return new Color(Mix(_heatLow.R, _heatHigh.R, t), Mix(_heatLow.G, _heatHigh.G, t), Mix(_heatLow.B, _heatHigh.B, t));
        }

        /// <summary>Black or white, whichever reads better on <paramref name="fill"/> (Rec. 601 luminance).</summary>
        public static Color TextOn(Color fill) => ((0.299 * fill.R) + (0.587 * fill.G) + (0.114 * fill.B)) / 255 < 0.5 ? Colors.White : Colors.Black;

        private static byte Mix(byte from, byte to, double t) => (byte)Math.Round(from + ((to - from) * t), MidpointRounding.AwayFromZero);
    }
}
