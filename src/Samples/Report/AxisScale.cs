using System.Globalization;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A linear axis range with "nice" ticks (1, 2 or 5 times a power of ten) and the labels to print at them.
    /// </summary>
    public sealed class AxisScale
    {
        private AxisScale(double min, double max, double step)
        {
            Min = min;
            Max = max;
            Step = step;

            // Enough decimals to tell ticks apart (one for 0.2, two for 0.05), never more than ten.
            Decimals = (int)Math.Clamp(-Math.Floor(Math.Log10(step) + 1e-9), 0, 10);
            var ticks = new List<double>();
            int count = (int)Math.Round((max - min) / step);
            for (int k = 0; k <= count; k++)
            {
                // Computed from the index, not accumulated, and rounded, so labels carry no floating-point dust.
                ticks.Add(Math.Round(min + (k * step), Decimals + 2));
            }

            Ticks = ticks;
        }

        /// <summary>The lower end of the axis (a tick).</summary>
        public double Min { get; }

        /// <summary>The upper end of the axis (a tick).</summary>
        public double Max { get; }

        /// <summary>The distance between ticks.</summary>
        public double Step { get; }

        /// <summary>The tick values, from <see cref="Min"/> to <see cref="Max"/>.</summary>
        public IReadOnlyList<double> Ticks { get; }

        /// <summary>The decimals <see cref="Format"/> prints.</summary>
        public int Decimals { get; }

        /// <summary>
        /// A scale covering <paramref name="min"/>..<paramref name="max"/> with about <paramref name="targetTicks"/>
        /// ticks, its ends rounded out to ticks. An empty range is widened (by 1 around 0, else by 10% of the value)
        /// so that a constant series still gets an axis.
        /// </summary>
        public static AxisScale Create(double min, double max, int targetTicks = 6)
        {
            if (!double.IsFinite(min) || !double.IsFinite(max))
            {
                throw new ArgumentException($"The range [{min}, {max}] is not finite.");
            }

            if (min > max)
            {
                (min, max) = (max, min);
            }

            if (max - min <= Math.Max(Math.Abs(min), Math.Abs(max)) * 1e-12)
            {
                double spread = min == 0 ? 1 : Math.Abs(min) * 0.1;
                min -= spread;
                max += spread;
            }

            double step = NiceStep((max - min) / Math.Max(targetTicks - 1, 1));
            double low = Math.Floor((min / step) + 1e-9) * step;
            double high = Math.Ceiling((max / step) - 1e-9) * step;
            return new AxisScale(low, high, step);
        }

        /// <summary>
        /// A scale for data in <paramref name="min"/>..<paramref name="max"/>, each end padded by
        /// <paramref name="padding"/> of the range (so curves do not run along the frame) unless fixed by
        /// <paramref name="fixedMin"/> or <paramref name="fixedMax"/>, then as <see cref="Create"/>. Padding never
        /// moves an end across zero, so non-negative data keeps a non-negative axis.
        /// </summary>
        public static AxisScale ForData(double min, double max, double? fixedMin = null, double? fixedMax = null, double padding = 0.05, int targetTicks = 6)
        {
            double pad = (max - min) * padding;
            double low = fixedMin ?? (min >= 0 ? Math.Max(0, min - pad) : min - pad);
            double high = fixedMax ?? (max <= 0 ? Math.Min(0, max + pad) : max + pad);
            return Create(low, high, targetTicks);
        }

        /// <summary>The label of <paramref name="value"/>: fixed-point with <see cref="Decimals"/> decimals, invariant culture.</summary>
        public string Format(double value)
        {
            // Avoid "-0.0" for a tick that is zero up to rounding.
            double v = Math.Abs(value) < Step * 1e-9 ? 0 : value;
            return v.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// The pixel coordinate of <paramref name="value"/> on an axis whose <see cref="Min"/> lies at
        /// <paramref name="pixelAtMin"/> and <see cref="Max"/> at <paramref name="pixelAtMax"/> (either order).
        /// </summary>
        public double ToPixel(double value, double pixelAtMin, double pixelAtMax)
        {
            return pixelAtMin + ((value - Min) / (Max - Min) * (pixelAtMax - pixelAtMin));
        }

        private static double NiceStep(double rough)
        {
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
            double fraction = rough / magnitude;
            double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
            return nice * magnitude;
        }
    }
}
