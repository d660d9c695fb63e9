using System.Reflection;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>Copies of the trainer options, one per trial, so that no trial sees another's changes or the caller's.</summary>
    internal static class TrialOptions
    {
        // Every public field, inherited ones included: reflection keeps the copy complete when the options gain a field.
        private static readonly FieldInfo[] s_fields = typeof(AnnotatorConfusionTrainer.Options).GetFields(BindingFlags.Public | BindingFlags.Instance);

        /// <summary>A copy of <paramref name="source"/>; arrays (the annotator columns) are copied too, other references shared.</summary>
        public static AnnotatorConfusionTrainer.Options Copy(AnnotatorConfusionTrainer.Options source)
        {
            var copy = new AnnotatorConfusionTrainer.Options();
            foreach (var field in s_fields)
            {
                object? value = field.GetValue(source);
                field.SetValue(copy, value is Array array ? array.Clone() : value);
            }

            return copy;
        }
    }
}
