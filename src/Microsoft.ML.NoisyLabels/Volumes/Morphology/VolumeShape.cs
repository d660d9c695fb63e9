using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The shape of a label volume, [D, H, W] with W fastest (a 2D map is [1, H, W]), as the volume loader's columns
    /// hold it.
    /// </summary>
    internal readonly record struct VolumeShape(int Depth, int Height, int Width)
    {
        /// <summary>The number of voxels.</summary>
        public int Voxels => checked(Depth * Height * Width);

        /// <summary>Voxels per slice.</summary>
        public int Slice => Height * Width;

        /// <summary>
        /// The shape of a vector column with known dimensions [H, W] or [D, H, W]; null for any other type (a vector
        /// whose size only rows know, another number of dimensions).
        /// </summary>
        public static VolumeShape? Of(DataViewType type)
            => ImageDimensions.Of(type) is ImageDimensions d ? new VolumeShape(d.Leading, d.Height, d.Width) : null;

        /// <summary>Checks that every size is positive; <paramref name="what"/> names the shape in the error.</summary>
        public VolumeShape Checked(string what)
            => Depth > 0 && Height > 0 && Width > 0 && (long)Depth * Height * Width <= int.MaxValue
                ? this
                : throw new ArgumentOutOfRangeException(nameof(what), $"{what}: [{Depth}, {Height}, {Width}] is not a volume shape (every size positive, fewer than 2^31 voxels).");

        /// <inheritdoc />
        public override string ToString() => $"[{Depth}, {Height}, {Width}]";
    }
}
