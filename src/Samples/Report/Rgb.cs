namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>An opaque 8-bit RGB colour.</summary>
    /// <param name="R">Red, 0..255.</param>
    /// <param name="G">Green, 0..255.</param>
    /// <param name="B">Blue, 0..255.</param>
    public readonly record struct Rgb(byte R, byte G, byte B)
    {
        /// <summary>Black.</summary>
        public static Rgb Black => new Rgb(0, 0, 0);

        /// <summary>White.</summary>
        public static Rgb White => new Rgb(255, 255, 255);

        /// <summary>The grey of missing cells and panels.</summary>
        public static Rgb MissingGrey => new Rgb(200, 200, 200);

        /// <summary>The grey of grid lines and frames.</summary>
        public static Rgb LightGrey => new Rgb(225, 225, 225);

        /// <summary>
        /// The grey level of <paramref name="value"/> in 0..1: round(value * 255), clamped, so that a drawn map can be
        /// compared to its values exactly. NaN maps to <see cref="MissingGrey"/>'s level.
        /// </summary>
        public static Rgb FromGray(float value)
        {
            byte level = GrayLevel(value);
            return new Rgb(level, level, level);
        }

        /// <summary>The byte round(clamp(value, 0, 1) * 255); NaN gives 200 (<see cref="MissingGrey"/>).</summary>
        public static byte GrayLevel(float value)
        {
            if (float.IsNaN(value))
            {
                return 200;
            }

            float clamped = Math.Clamp(value, 0f, 1f);
            return (byte)MathF.Round(clamped * 255f, MidpointRounding.AwayFromZero);
        }

        /// <summary>The colour a fraction <paramref name="t"/> (clamped to 0..1) of the way from <paramref name="from"/> to <paramref name="to"/>.</summary>
        public static Rgb Lerp(Rgb from, Rgb to, double t)
        {
            double k = Math.Clamp(t, 0, 1);
            return new Rgb(Mix(from.R, to.R, k), Mix(from.G, to.G, k), Mix(from.B, to.B, k));
        }

        /// <summary>Relative luminance in 0..1 (Rec. 601 weights), to choose a readable text colour on a fill.</summary>
        public double Luminance => (0.299 * R + 0.587 * G + 0.114 * B) / 255.0;

        internal static byte Mix(byte from, byte to, double t)
        {
            return (byte)Math.Round(from + (to - from) * t, MidpointRounding.AwayFromZero);
        }
    }
}
