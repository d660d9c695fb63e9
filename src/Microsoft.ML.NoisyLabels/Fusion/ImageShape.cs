using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The shape of a label map: D x H x W, row-major (x fastest); D = 1 for 2D images.</summary>
    internal readonly record struct ImageShape
    {
        public ImageShape(int depth, int height, int width)
        {
            if (depth < 1 || height < 1 || width < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(depth), $"Image dimensions must be positive, got {depth} x {height} x {width}.");
            }

            Depth = depth;
            Height = height;
            Width = width;
        }

        /// <summary>Slices (1 for 2D).</summary>
        public int Depth { get; }

        /// <summary>Rows.</summary>
        public int Height { get; }

        /// <summary>Columns.</summary>
        public int Width { get; }

        /// <summary>D x H x W.</summary>
        public int Pixels => checked(Depth * Height * Width);

        /// <summary>Reads [H, W] or [D, H, W] (a leading 1 of [1, H, W] is a 2D image).</summary>
        public static ImageShape FromDimensions(IReadOnlyList<int> dimensions)
            => ImageDimensions.Split(dimensions) is ImageDimensions split
                ? From(split)
                : throw new ArgumentException($"An image shape has 2 or 3 dimensions, got {dimensions.Count}.", nameof(dimensions));

        /// <summary>The shape of split dimensions: their leading axis is the depth.</summary>
        public static ImageShape From(ImageDimensions dimensions) => new ImageShape(dimensions.Leading, dimensions.Height, dimensions.Width);

        /// <inheritdoc />
        public override string ToString() => Depth == 1 ? $"{Height} x {Width}" : $"{Depth} x {Height} x {Width}";
    }

    /// <summary>A box-shaped part of an image: offsets and sizes along z, y, x.</summary>
    internal readonly record struct ImageRegion(int Z0, int Y0, int X0, int Depth, int Height, int Width)
    {
        public int Pixels => Depth * Height * Width;

        public static ImageRegion Whole(ImageShape shape) => new ImageRegion(0, 0, 0, shape.Depth, shape.Height, shape.Width);
    }
}
