using Microsoft.ML.NoisyLabels.Persistence;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>Access to the four outputs of a packed mapping by position, reusing their arrays across rows.</summary>
    internal static class MappingOutputs
    {
        /// <summary>Output <paramref name="index"/>, resized to <paramref name="length"/> (reused when it has that length).</summary>
        public static float[] Get(PackedMappingOutput output, int index, int length)
        {
            float[] current = index switch
            {
                0 => output.Output0,
                1 => output.Output1,
                2 => output.Output2,
                3 => output.Output3,
                _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A packed mapping has four outputs."),
            };
            if (current.Length == length)
            {
                return current;
            }

            var array = new float[length];
            switch (index)
            {
                case 0:
                    output.Output0 = array;
                    break;
                case 1:
                    output.Output1 = array;
                    break;
                case 2:
                    output.Output2 = array;
                    break;
                default:
                    output.Output3 = array;
                    break;
            }

            return array;
        }
    }
}
