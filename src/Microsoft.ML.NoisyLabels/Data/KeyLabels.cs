using System.Runtime.CompilerServices;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// What ML.NET key types mean for label maps, in one place: key k stands for class k - 1 and the missing key 0 for
    /// "no label"; a key type of count K can express classes 0..K-1. The schema readers, the persisted key mapping and
    /// the class-count inference all go through here, so that a key means the same class everywhere.
    /// </summary>
    internal static class KeyLabels
    {
        /// <summary>The class of key <paramref name="key"/> in the canonical float form: key - 1, NaN for the missing key 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ToClass(ulong key) => key == 0 ? float.NaN : key - 1f;

        /// <summary>
        /// The number of classes: <paramref name="numberOfClasses"/> when given, else the largest count of the key-typed
        /// columns' key types, else 2 (numeric columns, whose classes cannot be told from the schema). A key type of
        /// count 1 holds class 0 only: still a binary problem.
        /// </summary>
        /// <param name="numberOfClasses">The number the user gave, or null to infer it.</param>
        /// <param name="keyCounts">The key counts of the key-typed label columns (numeric columns left out).</param>
        /// <param name="columns">How the error names the columns ("annotator columns", "label columns").</param>
        /// <param name="parameterName">The parameter the error names.</param>
        /// <exception cref="ArgumentOutOfRangeException">A key type with more values than <see cref="LabelValues.MaxClasses"/>.</exception>
        public static int InferClasses(int? numberOfClasses, IEnumerable<ulong> keyCounts, string columns, string parameterName)
        {
            if (numberOfClasses is int classes)
            {
                return classes;
            }

            ulong largest = keyCounts.DefaultIfEmpty(0UL).Max();
            if (largest == 0)
            {
                return DefaultClasses;
            }

            if (largest > LabelValues.MaxClasses)
            {
                throw new ArgumentOutOfRangeException(
                    parameterName, $"The {columns}' key type has {largest} values; at most {LabelValues.MaxClasses} classes are supported. Set the number of classes explicitly.");
            }

            return Math.Max(DefaultClasses, (int)largest);
        }

        /// <summary>Binary masks: the number of classes when nothing says otherwise.</summary>
        public const int DefaultClasses = 2;
    }
}
