using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// The one reading of an image-like vector column's dimensions: [H, W], or [L, H, W] whose leading axis L is the
    /// image's channels (an image column) or its depth (a label map; 1 for a 2D map). Every component that needs a
    /// height and a width from a schema goes through here, so that they all accept the same shapes.
    /// </summary>
    internal readonly record struct ImageDimensions(int Leading, int Height, int Width)
    {
        /// <summary>
        /// Splits [H, W] into (1, H, W) and [L, H, W] into (L, H, W); null for any other number of dimensions. The
        /// values are not checked: callers that take them from a user's option validate them with their own message.
        /// </summary>
        public static ImageDimensions? Split(IReadOnlyList<int> dimensions)
            => dimensions.Count switch
            {
                2 => new ImageDimensions(1, dimensions[0], dimensions[1]),
                3 => new ImageDimensions(dimensions[0], dimensions[1], dimensions[2]),
                _ => null,
            };

        /// <summary>
        /// The dimensions of a vector column type when it is [H, W] or [L, H, W] with every dimension known (positive);
        /// null otherwise (a scalar, another number of dimensions, or a vector whose size only rows know).
        /// </summary>
        public static ImageDimensions? Of(DataViewType type)
        {
            if (type is not VectorDataViewType vector)
            {
                return null;
            }

            var dimensions = vector.Dimensions;
            return dimensions.All(d => d > 0) ? Split(dimensions) : null;
        }

        /// <summary>The dimensions of a 2D map ([H, W] or [1, H, W]); null for anything else.</summary>
        public static (int Height, int Width)? Of2D(DataViewType type)
            => Of(type) is ImageDimensions { Leading: 1 } d ? (d.Height, d.Width) : null;

        /// <summary>The dimensions as an array [L, H, W].</summary>
        public int[] ToArray() => new[] { Leading, Height, Width };
    }
}
