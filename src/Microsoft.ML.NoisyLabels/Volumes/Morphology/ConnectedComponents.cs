namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Labels the connected components of a binary volume (the lesions of a mask), with 6- or 26-connectivity, by a
    /// breadth-first flood from each unlabelled foreground voxel. Labels are 1..count in the order of each component's
    /// first voxel (W fastest, then H, then D), so they do not depend on anything but the mask. The simulated lesion
    /// annotators and the lesion-wise detection metric both use this class. Holds its buffers; not thread-safe.
    /// </summary>
    internal sealed class ConnectedComponents
    {
        private int[] _queue = Array.Empty<int>();
        private int[] _sizes = new int[16];
        private int[] _first = new int[16];

        /// <summary>The number of components found by the last <see cref="Label"/>.</summary>
        public int Count { get; private set; }

        /// <summary>The voxel count of component <paramref name="label"/> (1..<see cref="Count"/>).</summary>
        public int Size(int label) => _sizes[label - 1];

        /// <summary>The first voxel (in scan order) of component <paramref name="label"/>.</summary>
        public int FirstVoxel(int label) => _first[label - 1];

        /// <summary>
        /// Writes into <paramref name="labels"/> the component of every foreground voxel (mask value not 0), 0 on the
        /// background, and returns the number of components.
        /// </summary>
        public int Label(ReadOnlySpan<byte> mask, VolumeShape shape, VoxelConnectivity connectivity, Span<int> labels)
        {
            int voxels = shape.Voxels;
            if (mask.Length != voxels || labels.Length != voxels)
            {
                throw new ArgumentException($"The mask has {mask.Length} voxels and the labels {labels.Length}; the shape {shape} has {voxels}.");
            }

            if (connectivity is not (VoxelConnectivity.Faces or VoxelConnectivity.FacesEdgesCorners))
            {
                throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "The connectivity must be Faces (6) or FacesEdgesCorners (26).");
            }

            if (_queue.Length < voxels)
            {
                _queue = new int[voxels];
            }

            labels.Clear();
            bool full = connectivity == VoxelConnectivity.FacesEdgesCorners;
            int width = shape.Width, height = shape.Height, depth = shape.Depth, slice = shape.Slice;
            int count = 0;
            for (int start = 0; start < voxels; start++)
            {
                if (mask[start] == 0 || labels[start] != 0)
                {
                    continue;
                }

                int label = ++count;
                labels[start] = label;
                int head = 0, tail = 0;
                _queue[tail++] = start;
                while (head < tail)
                {
                    int v = _queue[head++];
                    int z = v / slice, rest = v - (z * slice), y = rest / width, x = rest - (y * width);
                    for (int dz = -1; dz <= 1; dz++)
                    {
                        int nz = z + dz;
                        if ((uint)nz >= (uint)depth)
                        {
                            continue;
                        }

                        for (int dy = -1; dy <= 1; dy++)
                        {
                            int ny = y + dy;
                            if ((uint)ny >= (uint)height)
                            {
                                continue;
                            }

                            for (int dx = -1; dx <= 1; dx++)
                            {
                                int nx = x + dx;
                                // Faces: exactly one offset is non-zero.
                                if ((uint)nx >= (uint)width || (!full && (dz != 0 ? 1 : 0) + (dy != 0 ? 1 : 0) + (dx != 0 ? 1 : 0) != 1))
                                {
                                    continue;
                                }

                                int n = (nz * slice) + (ny * width) + nx;
                                if (mask[n] != 0 && labels[n] == 0)
                                {
                                    labels[n] = label;
                                    _queue[tail++] = n;
                                }
                            }
                        }
                    }
                }

                if (count > _sizes.Length)
                {
                    Array.Resize(ref _sizes, _sizes.Length * 2);
                    Array.Resize(ref _first, _first.Length * 2);
                }

                _sizes[label - 1] = tail;
                _first[label - 1] = start;
            }

            Count = count;
            return count;
        }
    }
}
