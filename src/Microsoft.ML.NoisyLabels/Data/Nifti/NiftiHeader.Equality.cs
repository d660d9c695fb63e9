namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    // Value equality over every field (a record compares lists by reference otherwise), and a readable summary.
    public sealed partial record NiftiHeader
    {
        /// <summary>
        /// True when every field of the two headers is equal (lists element by element; NaN equals NaN, as in
        /// <see cref="float.Equals(float)"/>).
        /// </summary>
        /// <param name="other">The other header.</param>
        public bool Equals(NiftiHeader? other)
            => other is not null
                && IsBigEndian == other.IsBigEndian && Dim.SequenceEqual(other.Dim) && PixDim.SequenceEqual(other.PixDim)
                && DataType == other.DataType && VoxOffset.Equals(other.VoxOffset)
                && SclSlope.Equals(other.SclSlope) && SclInter.Equals(other.SclInter)
                && QFormCode == other.QFormCode && SFormCode == other.SFormCode
                && QuaternB.Equals(other.QuaternB) && QuaternC.Equals(other.QuaternC) && QuaternD.Equals(other.QuaternD)
                && QOffsetX.Equals(other.QOffsetX) && QOffsetY.Equals(other.QOffsetY) && QOffsetZ.Equals(other.QOffsetZ)
                && SRowX.SequenceEqual(other.SRowX) && SRowY.SequenceEqual(other.SRowY) && SRowZ.SequenceEqual(other.SRowZ)
                && XyztUnits == other.XyztUnits && DimInfo == other.DimInfo
                && IntentCode == other.IntentCode && IntentP1.Equals(other.IntentP1) && IntentP2.Equals(other.IntentP2)
                && IntentP3.Equals(other.IntentP3) && IntentName == other.IntentName
                && SliceStart == other.SliceStart && SliceEnd == other.SliceEnd && SliceCode == other.SliceCode
                && SliceDuration.Equals(other.SliceDuration) && TOffset.Equals(other.TOffset)
                && CalMax.Equals(other.CalMax) && CalMin.Equals(other.CalMin)
                && Description == other.Description && AuxFile == other.AuxFile;

        /// <summary>A hash of the grid, type and transforms (consistent with <see cref="Equals(NiftiHeader?)"/>).</summary>
        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (short d in Dim)
            {
                hash.Add(d);
            }

            hash.Add(DataType);
            hash.Add(QFormCode);
            hash.Add(SFormCode);
            return hash.ToHashCode();
        }

        /// <summary>A one-line summary: shape, type, spacing and transform codes.</summary>
        public override string ToString()
            => $"NIfTI-1 {string.Join(" x ", Shape)} {DataType}, spacing {string.Join(" x ", Spacing)}, qform {QFormCode}, sform {SFormCode}"
                + (IsBigEndian ? ", big-endian" : string.Empty);
    }
}
