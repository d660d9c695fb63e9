using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// One synthetic subject on the generator's box ([D, H, W], x fastest): the two scans, the lesions' partial-volume
    /// fraction and the ground truth (fraction &gt;= 0.5), with the white matter it was drawn in.
    /// </summary>
    internal sealed class MsSubject
    {
        public MsSubject(VolumeShape shape, float[] t1, float[] flair, float[] lesionFraction, byte[] whiteMatter, int lesionsDrawn)
        {
            Shape = shape;
            T1 = t1;
            Flair = flair;
            LesionFraction = lesionFraction;
            WhiteMatter = whiteMatter;
            LesionsDrawn = lesionsDrawn;
            Truth = new byte[lesionFraction.Length];
            for (int i = 0; i < lesionFraction.Length; i++)
            {
                Truth[i] = lesionFraction[i] >= 0.5f ? (byte)1 : (byte)0;
            }
        }

        /// <summary>The box's shape.</summary>
        public VolumeShape Shape { get; }

        /// <summary>The T1-weighted scan: lesions hypointense.</summary>
        public float[] T1 { get; }

        /// <summary>The FLAIR-like scan: CSF dark, white matter darker than grey matter, lesions hyperintense.</summary>
        public float[] Flair { get; }

        /// <summary>The share of each voxel that is lesion, 0..1 (partial volume at the edges).</summary>
        public float[] LesionFraction { get; }

        /// <summary>The ground truth: 1 where the lesion fraction is at least 0.5.</summary>
        public byte[] Truth { get; }

        /// <summary>The subject's (deformed) white-matter mask.</summary>
        public byte[] WhiteMatter { get; }

        /// <summary>The lesions drawn (some may merge or fall under half a voxel once confined to the tissue).</summary>
        public int LesionsDrawn { get; }

        /// <summary>The volume, in voxels, of every lesion of the ground truth (its 26-connected components).</summary>
        public int[] LesionVolumes()
        {
            var components = new ConnectedComponents();
            int count = components.Label(Truth, Shape, VoxelConnectivity.FacesEdgesCorners, new int[Truth.Length]);
            return Enumerable.Range(1, count).Select(components.Size).ToArray();
        }
    }
}
