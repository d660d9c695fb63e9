namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Colours shared by the figures.</summary>
    public static class Palette
    {
        // Tableau's ten categorical colours: distinct in print and for the common colour-vision deficiencies.
        private static readonly Rgb[] _series =
        {
            new Rgb(31, 119, 180),
            new Rgb(255, 127, 14),
            new Rgb(44, 160, 44),
            new Rgb(214, 39, 40),
            new Rgb(148, 103, 189),
            new Rgb(140, 86, 75),
            new Rgb(227, 119, 194),
            new Rgb(127, 127, 127),
            new Rgb(188, 189, 34),
            new Rgb(23, 190, 207),
        };

        private static readonly Rgb _heatLow = Rgb.White;
        private static readonly Rgb _heatHigh = new Rgb(8, 48, 107);

        /// <summary>The colour of series <paramref name="index"/> (cycles after ten).</summary>
        public static Rgb Series(int index)
        {
            return _series[((index % _series.Length) + _series.Length) % _series.Length];
        }

        /// <summary>
        /// The heat-map colour of <paramref name="value"/> in 0..1: white at 0 to dark blue at 1 (clamped); NaN gives
        /// <see cref="Rgb.MissingGrey"/>.
        /// </summary>
        public static Rgb Heat(double value)
        {
            return double.IsNaN(value) ? Rgb.MissingGrey : Rgb.Lerp(_heatLow, _heatHigh, value);
        }

        /// <summary>Black or white, whichever reads better on <paramref name="fill"/>.</summary>
        public static Rgb TextOn(Rgb fill)
        {
            return fill.Luminance < 0.5 ? Rgb.White : Rgb.Black;
        }
    }
}
