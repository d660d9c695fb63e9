using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// Counts lesion-wise detections on one pair of masks (see <see cref="LesionDetectionCounts"/>): the components of
    /// each mask (<see cref="ConnectedComponents"/>, the labelling the simulated annotators use), matched by overlap.
    /// Holds its buffers; not thread-safe.
    /// </summary>
    internal sealed class LesionDetection
    {
        private readonly ConnectedComponents _truthComponents = new();
        private readonly ConnectedComponents _predictedComponents = new();
        private int[] _truthLabels = Array.Empty<int>();
        private int[] _predictedLabels = Array.Empty<int>();
        private bool[] _truthHit = Array.Empty<bool>();
        private bool[] _predictedHit = Array.Empty<bool>();

        public LesionDetection(VolumeShape shape, VoxelConnectivity connectivity, int minimumLesionVoxels)
        {
            Shape = shape;
            Connectivity = connectivity;
            MinimumLesionVoxels = minimumLesionVoxels;
        }

        public VolumeShape Shape { get; }

        public VoxelConnectivity Connectivity { get; }

        public int MinimumLesionVoxels { get; }

        /// <summary>The counts of <paramref name="prediction"/> against <paramref name="truth"/> (non-zero = lesion).</summary>
        public LesionDetectionCounts Count(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> prediction)
        {
            int voxels = Shape.Voxels;
            if (_truthLabels.Length != voxels)
            {
                _truthLabels = new int[voxels];
                _predictedLabels = new int[voxels];
            }

            int truthCount = _truthComponents.Label(truth, Shape, Connectivity, _truthLabels);
            int predictedCount = _predictedComponents.Label(prediction, Shape, Connectivity, _predictedLabels);
            if (_truthHit.Length < truthCount + 1)
            {
                _truthHit = new bool[truthCount + 1];
            }

            if (_predictedHit.Length < predictedCount + 1)
            {
                _predictedHit = new bool[predictedCount + 1];
            }

            Array.Clear(_truthHit, 0, truthCount + 1);
            Array.Clear(_predictedHit, 0, predictedCount + 1);
            for (int i = 0; i < voxels; i++)
            {
                int t = _truthLabels[i], p = _predictedLabels[i];
                // Components below the minimum size are ignored on both sides: they neither detect nor are detected.
                if (t != 0 && p != 0 && _truthComponents.Size(t) >= MinimumLesionVoxels && _predictedComponents.Size(p) >= MinimumLesionVoxels)
                {
                    _truthHit[t] = true;
                    _predictedHit[p] = true;
                }
            }

            long truthLesions = 0, truePositives = 0, predictedLesions = 0, falsePositives = 0;
            for (int t = 1; t <= truthCount; t++)
            {
                if (_truthComponents.Size(t) >= MinimumLesionVoxels)
                {
                    truthLesions++;
                    truePositives += _truthHit[t] ? 1 : 0;
                }
            }

            for (int p = 1; p <= predictedCount; p++)
            {
                if (_predictedComponents.Size(p) >= MinimumLesionVoxels)
                {
                    predictedLesions++;
                    falsePositives += _predictedHit[p] ? 0 : 1;
                }
            }

            return new LesionDetectionCounts(truthLesions, predictedLesions, truePositives, falsePositives);
        }
    }
}
