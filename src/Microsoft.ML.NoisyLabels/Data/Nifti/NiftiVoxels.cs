using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// Bulk conversions of voxel bytes: byte-order swaps and conversions to and from Single, over whole spans (no
    /// per-voxel dispatch or boxing: the generic loops are specialised by the JIT for each voxel type).
    /// </summary>
    internal static class NiftiVoxels
    {
        /// <summary>Reverses the byte order of every voxel in place (a file of the other byte order than this machine's).</summary>
        public static void ReverseByteOrder(Span<byte> bytes, NiftiDataType type)
        {
            switch (NiftiDataTypes.BytesPerVoxel(type))
            {
                case 2:
                    var shorts = MemoryMarshal.Cast<byte, short>(bytes);
                    BinaryPrimitives.ReverseEndianness(shorts, shorts);
                    break;
                case 4:
                    var ints = MemoryMarshal.Cast<byte, int>(bytes);
                    BinaryPrimitives.ReverseEndianness(ints, ints);
                    break;
                case 8:
                    var longs = MemoryMarshal.Cast<byte, long>(bytes);
                    BinaryPrimitives.ReverseEndianness(longs, longs);
                    break;
            }
        }

        /// <summary>Converts voxels in this machine's byte order to Single, applying <c>slope * v + inter</c> when <paramref name="scale"/>.</summary>
        public static void ToSingle(ReadOnlySpan<byte> bytes, NiftiDataType type, Span<float> destination, bool scale, double slope, double inter)
        {
            switch (type)
            {
                case NiftiDataType.UInt8:
                    ToSingle<byte>(bytes, destination, scale, slope, inter);
                    break;
                case NiftiDataType.Int16:
                    ToSingle<short>(bytes, destination, scale, slope, inter);
                    break;
                case NiftiDataType.UInt16:
                    ToSingle<ushort>(bytes, destination, scale, slope, inter);
                    break;
                case NiftiDataType.Int32:
                    ToSingle<int>(bytes, destination, scale, slope, inter);
                    break;
                case NiftiDataType.Float32:
                    ToSingle<float>(bytes, destination, scale, slope, inter);
                    break;
                default:
                    ToSingle<double>(bytes, destination, scale, slope, inter);
                    break;
            }
        }

        /// <summary>
        /// Converts Single values into voxels of <paramref name="type"/> in this machine's byte order. Integer types
        /// take only integral values in their range, so that nothing is rounded or clipped silently.
        /// </summary>
        /// <exception cref="ArgumentException">A value cannot be stored exactly; the message names the voxel and the value.</exception>
        public static void FromSingle(ReadOnlySpan<float> values, NiftiDataType type, Span<byte> destination)
        {
            switch (type)
            {
                case NiftiDataType.UInt8:
                    FromSingleExact<byte>(values, destination, type);
                    break;
                case NiftiDataType.Int16:
                    FromSingleExact<short>(values, destination, type);
                    break;
                case NiftiDataType.UInt16:
                    FromSingleExact<ushort>(values, destination, type);
                    break;
                case NiftiDataType.Int32:
                    FromSingleExact<int>(values, destination, type);
                    break;
                case NiftiDataType.Float32:
                    values.CopyTo(MemoryMarshal.Cast<byte, float>(destination));
                    break;
                default:
                    var doubles = MemoryMarshal.Cast<byte, double>(destination);
                    for (int i = 0; i < values.Length; i++)
                    {
                        doubles[i] = values[i];
                    }

                    break;
            }
        }

        /// <summary>
        /// The smallest type that stores every value exactly: uint8 for labels (integers 0..255), int16 for other
        /// integers in its range, else float32 (probabilities, NaN).
        /// </summary>
        public static NiftiDataType SmallestExactType(ReadOnlySpan<float> values)
        {
            bool bytes = true;
            foreach (float v in values)
            {
                if (MathF.Truncate(v) != v || v < short.MinValue || v > short.MaxValue)
                {
                    return NiftiDataType.Float32;
                }

                bytes &= v >= 0 && v <= byte.MaxValue;
            }

            return bytes ? NiftiDataType.UInt8 : NiftiDataType.Int16;
        }

        private static void ToSingle<T>(ReadOnlySpan<byte> bytes, Span<float> destination, bool scale, double slope, double inter)
            where T : unmanaged, INumberBase<T>
        {
            var source = MemoryMarshal.Cast<byte, T>(bytes);
            if (source.Length != destination.Length)
            {
                throw new ArgumentException($"{source.Length} voxels cannot fill {destination.Length} values.", nameof(destination));
            }

            if (!scale)
            {
                for (int i = 0; i < source.Length; i++)
                {
                    destination[i] = float.CreateTruncating(source[i]);
                }

                return;
            }

            // In double, as nibabel scales, then rounded once to Single.
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = (float)((slope * double.CreateTruncating(source[i])) + inter);
            }
        }

        private static void FromSingleExact<T>(ReadOnlySpan<float> values, Span<byte> destination, NiftiDataType type)
            where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
        {
            var target = MemoryMarshal.Cast<byte, T>(destination);
            long min = long.CreateTruncating(T.MinValue), max = long.CreateTruncating(T.MaxValue);
            for (int i = 0; i < values.Length; i++)
            {
                float v = values[i];
                // Through long, which holds every integer type's range exactly: a fraction, NaN or infinity fails k == v.
                long k = (long)v;
                if (k != v || k < min || k > max)
                {
                    throw new ArgumentException(
                        $"Value {v} at voxel {i} cannot be stored exactly as {type}: expected an integer in {T.MinValue}..{T.MaxValue}.");
                }

                target[i] = T.CreateTruncating(k);
            }
        }
    }
}
