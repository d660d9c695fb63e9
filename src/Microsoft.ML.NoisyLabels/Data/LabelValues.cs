namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// Checks and converts one label map in the package's canonical float form (class index, NaN for "no label")
    /// into class bytes. The one place that decides what a valid annotation is.
    /// </summary>
    internal static class LabelValues
    {
        /// <summary>The most classes a label map may have: labels are stored as bytes.</summary>
        public const int MaxClasses = 255;

        /// <summary>
        /// Converts <paramref name="values"/> into <paramref name="labels"/>. Returns false when every value is
        /// missing (the annotator did not label this image; <paramref name="labels"/> is then left as is).
        /// </summary>
        /// <param name="values">Canonical values: integral class indices 0..classes-1, or NaN.</param>
        /// <param name="classes">The number of classes L.</param>
        /// <param name="labels">Receives the classes; must be as long as <paramref name="values"/>.</param>
        /// <param name="describe">Describes where the values come from, for error messages (column and row).</param>
        /// <exception cref="InvalidOperationException">A value is not an integral class index below
        /// <paramref name="classes"/>, or only some values are missing. The message names the pixel and the value.</exception>
        public static bool TryDecode(ReadOnlySpan<float> values, int classes, Span<byte> labels, Func<string> describe)
        {
            if (values.Length == 0)
            {
                return false;
            }

            bool firstMissing = float.IsNaN(values[0]);
            for (int i = 0; i < values.Length; i++)
            {
                float v = values[i];
                if (float.IsNaN(v))
                {
                    if (!firstMissing)
                    {
                        throw PartiallyMissing(describe, i);
                    }

                    continue;
                }

                if (firstMissing)
                {
                    throw PartiallyMissing(describe, 0);
                }

                // One comparison rejects negatives, fractions and values >= classes.
                int label = (int)v;
                if (label != v || (uint)label >= (uint)classes)
                {
                    throw new InvalidOperationException(
                        $"{describe()}: value {v} at pixel {i} is not a class label: expected an integer in 0..{classes - 1} " +
                        $"(key columns: a key in 1..{classes}).");
                }

                labels[i] = (byte)label;
            }

            return !firstMissing;
        }

        private static InvalidOperationException PartiallyMissing(Func<string> describe, int pixel)
            => new InvalidOperationException(
                $"{describe()}: the annotation is missing at some pixels only (first at pixel {pixel}). " +
                "An annotation is either complete or entirely missing (NaN, or the missing key, at every pixel).");
    }
}
