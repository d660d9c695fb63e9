using System.Globalization;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>A mean and standard deviation over repeated runs (seeds), as reported in tables and bar charts.</summary>
    /// <param name="Mean">The mean.</param>
    /// <param name="Std">The standard deviation (0 for a single run).</param>
    /// <param name="Count">The number of values summarised.</param>
    public readonly record struct MeanStd(double Mean, double Std, int Count)
    {
        /// <summary>
        /// The mean and sample standard deviation (divisor n - 1; 0 when n = 1) of the finite values; NaN and 0 count
        /// when there are none. NaN and infinite values are left out, so one failed run does not void a row.
        /// </summary>
        public static MeanStd Of(IEnumerable<double> values)
        {
            ArgumentNullException.ThrowIfNull(values);

            // Welford's update: one pass, no cancellation for values near each other.
            int n = 0;
            double mean = 0, m2 = 0;
            foreach (double v in values)
            {
                if (!double.IsFinite(v))
                {
                    continue;
                }

                n++;
                double delta = v - mean;
                mean += delta / n;
                m2 += delta * (v - mean);
            }

            if (n == 0)
            {
                return new MeanStd(double.NaN, double.NaN, 0);
            }

            return new MeanStd(mean, n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0, n);
        }

        /// <summary>
        /// "mean +/- std" with <paramref name="decimals"/> decimals, invariant culture; the mean alone for a single run
        /// (which has no spread to report); "n/a" when the mean is NaN.
        /// </summary>
        public string Format(int decimals = 3)
        {
            return Count == 1 ? MarkdownTable.FormatNumber(Mean, decimals) : MarkdownTable.FormatMeanStd(Mean, Std, decimals);
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return Format() + " (n = " + Count.ToString(CultureInfo.InvariantCulture) + ")";
        }
    }
}
