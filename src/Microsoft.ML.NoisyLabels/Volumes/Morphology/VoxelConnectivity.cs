namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Which neighbours join voxels into one connected component (one lesion). On a 2D map (depth 1) the same choices
    /// mean 4- and 8-connectivity.
    /// </summary>
    public enum VoxelConnectivity
    {
        /// <summary>Voxels sharing a face: 6 neighbours in 3D, 4 in 2D.</summary>
        Faces = 6,

        /// <summary>Voxels sharing a face, an edge or a corner: 26 neighbours in 3D, 8 in 2D. The usual choice for
        /// lesions, and the default.</summary>
        FacesEdgesCorners = 26,
    }
}
