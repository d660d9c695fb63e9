using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>What one simulated lesion annotator does, as the mapping computes it.</summary>
    internal readonly record struct LesionRecipe(
        SimulatedAnnotatorKind Kind, double Radius, int Fractures, double FractureThickness, double MissProbability, double MissHalfVolume, double MergeDistance);

    /// <summary>
    /// Simulates lesion annotators on one binary volume at a time (see <see cref="SimulatedLesionAnnotator"/> for the
    /// steps). Every morphological step reads a squared distance map (<see cref="VolumeDistanceTransform"/>), so a ball
    /// of any radius costs O(voxels); lesions are the components of <see cref="ConnectedComponents"/>. Holds its buffers,
    /// sized once for the shape, and labels the ground truth once per volume. Not thread-safe: one instance per thread.
    /// </summary>
    internal sealed class LesionSimulator
    {
        private readonly VolumeDistanceTransform _distance;
        private readonly ConnectedComponents _components = new();
        private readonly byte[] _truth;
        private readonly byte[] _work;
        private readonly byte[] _scratch;
        private readonly float[] _squared;
        private readonly int[] _truthLabels;
        private readonly int[] _labels;
        private readonly int[] _groups;
        private int _truthCount = -1;
        private bool[] _dropped = Array.Empty<bool>();
        private int[] _truthSizes = Array.Empty<int>();
        private int[] _perGroup = Array.Empty<int>();
        private int[] _boxes = Array.Empty<int>();

        public LesionSimulator(VolumeShape shape, VoxelConnectivity connectivity)
        {
            Shape = shape;
            Connectivity = connectivity;
            int voxels = shape.Voxels;
            _distance = new VolumeDistanceTransform(shape);
            _truth = new byte[voxels];
            _work = new byte[voxels];
            _scratch = new byte[voxels];
            _squared = new float[voxels];
            _truthLabels = new int[voxels];
            _labels = new int[voxels];
            _groups = new int[voxels];
        }

        public VolumeShape Shape { get; }

        public VoxelConnectivity Connectivity { get; }

        /// <summary>Takes a new ground truth (0/1 per voxel) and forgets the lesions of the previous one.</summary>
        public void Load(ReadOnlySpan<byte> truth)
        {
            if (truth.Length != _truth.Length)
            {
                throw new ArgumentException($"The mask has {truth.Length} voxels; this simulator works on {Shape}.", nameof(truth));
            }

            truth.CopyTo(_truth);
            _truthCount = -1;
        }

        /// <summary>Writes the annotation of <paramref name="recipe"/> for the current truth (0/1 floats).</summary>
        public void Simulate(in LesionRecipe recipe, ref SimulationRandom random, Span<float> output)
        {
            switch (recipe.Kind)
            {
                case SimulatedAnnotatorKind.Blank:
                    output.Slice(0, _truth.Length).Clear();
                    return;
                case SimulatedAnnotatorKind.Flipped:
                    for (int i = 0; i < _truth.Length; i++)
                    {
                        output[i] = 1 - _truth[i];
                    }

                    return;
            }

            _truth.CopyTo(_work, 0);
            if (recipe.MissProbability > 0)
            {
                MissLesions(recipe.MissProbability, recipe.MissHalfVolume, ref random);
            }

            if (recipe.MergeDistance > 1)
            {
                // Dilations by (d - 1) / 2 touch when the lesions' nearest voxels are d apart (exactly so along the axes).
                MergeLesions((recipe.MergeDistance - 1) / 2);
            }

            if (recipe.Radius > 0 && recipe.Kind is SimulatedAnnotatorKind.Over or SimulatedAnnotatorKind.Wrong)
            {
                _distance.Compute(_work, 1, _squared);
                Threshold(_squared, AtMost(recipe.Radius), _work);
            }
            else if (recipe.Radius > 0 && recipe.Kind == SimulatedAnnotatorKind.Under)
            {
                _distance.Compute(_work, 0, _squared);
                ThresholdAbove(_squared, AtMost(recipe.Radius), _work);
            }

            if (recipe.Fractures > 0)
            {
                Fracture(recipe.Fractures, recipe.FractureThickness, ref random);
            }

            for (int i = 0; i < _work.Length; i++)
            {
                output[i] = _work[i];
            }
        }

        /// <summary>The largest squared distance inside a ball of <paramref name="radius"/> voxels (radius squared).</summary>
        private static float AtMost(double radius) => (float)(radius * radius);

        /// <summary>result = 1 where the squared distance to the foreground is within the ball: a dilation.</summary>
        private static void Threshold(ReadOnlySpan<float> squared, float limit, Span<byte> result)
        {
            for (int i = 0; i < squared.Length; i++)
            {
                result[i] = squared[i] <= limit ? (byte)1 : (byte)0;
            }
        }

        /// <summary>result = 1 where the squared distance to the background exceeds the ball: an erosion.</summary>
        private static void ThresholdAbove(ReadOnlySpan<float> squared, float limit, Span<byte> result)
        {
            for (int i = 0; i < squared.Length; i++)
            {
                result[i] = squared[i] > limit ? (byte)1 : (byte)0;
            }
        }

        private void EnsureTruthLabelled()
        {
            if (_truthCount >= 0)
            {
                return;
            }

            _truthCount = _components.Label(_truth, Shape, Connectivity, _truthLabels);
            if (_dropped.Length < _truthCount + 1)
            {
                _dropped = new bool[_truthCount + 1];
                _truthSizes = new int[_truthCount + 1];
            }

            // Kept apart: the shared labeller's sizes change with the next labelling (merges, fractures).
            for (int label = 1; label <= _truthCount; label++)
            {
                _truthSizes[label] = _components.Size(label);
            }
        }

        /// <summary>Drops each ground-truth lesion with a probability that halves every <paramref name="halfVolume"/> voxels.</summary>
        private void MissLesions(double probability, double halfVolume, ref SimulationRandom random)
        {
            EnsureTruthLabelled();
            bool any = false;
            // One draw per lesion, in label order (scan order of first voxels): the row's stream decides each lesion alone.
            for (int label = 1; label <= _truthCount; label++)
            {
                double p = probability * Math.Pow(2, -_truthSizes[label] / halfVolume);
                _dropped[label] = random.NextDouble() < p;
                any |= _dropped[label];
            }

            if (!any)
            {
                return;
            }

            for (int i = 0; i < _work.Length; i++)
            {
                if (_work[i] != 0 && _dropped[_truthLabels[i]])
                {
                    _work[i] = 0;
                }
            }
        }

        /// <summary>
        /// Joins lesions whose nearest voxels are about 2 <paramref name="radius"/> + 1 apart or closer: the closing by a ball of that radius, kept only
        /// inside the groups of the dilation that hold two or more lesions, so single lesions keep their shape.
        /// </summary>
        private void MergeLesions(double radius)
        {
            float limit = AtMost(radius);
            _distance.Compute(_work, 1, _squared);
            Threshold(_squared, limit, _scratch);
            int groups = _components.Label(_scratch, Shape, Connectivity, _groups);
            if (_perGroup.Length < groups + 1)
            {
                _perGroup = new int[groups + 1];
            }

            Array.Clear(_perGroup, 0, groups + 1);
            int lesions = _components.Label(_work, Shape, Connectivity, _labels);
            for (int label = 1; label <= lesions; label++)
            {
                _perGroup[_groups[_components.FirstVoxel(label)]]++;
            }

            // The closing: voxels of the dilation whose ball lies inside it.
            _distance.Compute(_scratch, 0, _squared);
            for (int i = 0; i < _work.Length; i++)
            {
                if (_work[i] == 0 && _squared[i] > limit && _perGroup[_groups[i]] >= 2)
                {
                    _work[i] = 1;
                }
            }
        }

        /// <summary>
        /// Cuts <paramref name="count"/> planar slabs, <paramref name="thickness"/> voxels thick, each through a lesion
        /// voxel drawn uniformly and across that lesion only. All centres and normals are drawn before any cut.
        /// </summary>
        private void Fracture(int count, double thickness, ref SimulationRandom random)
        {
            int lesions = _components.Label(_work, Shape, Connectivity, _labels);
            if (lesions == 0)
            {
                return;
            }

            int foreground = 0;
            for (int label = 1; label <= lesions; label++)
            {
                foreground += _components.Size(label);
            }

            Boxes(lesions);
            var centres = new int[count];
            var normals = new double[count * 3];
            for (int k = 0; k < count; k++)
            {
                centres[k] = NthForeground(random.NextInt(foreground));
                if (Shape.Depth == 1)
                {
                    // A 2D map: the plane is a line, its normal in the slice.
                    double angle = 2 * Math.PI * random.NextDouble();
                    (normals[3 * k], normals[(3 * k) + 1], normals[(3 * k) + 2]) = (0, Math.Sin(angle), Math.Cos(angle));
                }
                else
                {
                    // Uniform on the sphere (Archimedes): z uniform in [-1, 1], the azimuth uniform.
                    double z = (2 * random.NextDouble()) - 1, azimuth = 2 * Math.PI * random.NextDouble(), r = Math.Sqrt(1 - (z * z));
                    (normals[3 * k], normals[(3 * k) + 1], normals[(3 * k) + 2]) = (z, r * Math.Sin(azimuth), r * Math.Cos(azimuth));
                }
            }

            double half = thickness / 2;
            int width = Shape.Width, slice = Shape.Slice;
            for (int k = 0; k < count; k++)
            {
                int centre = centres[k];
                int label = _labels[centre];
                int cz = centre / slice, cy = centre % slice / width, cx = centre % width;
                var (nz, ny, nx) = (normals[3 * k], normals[(3 * k) + 1], normals[(3 * k) + 2]);
                int b = 6 * (label - 1);
                for (int z = _boxes[b]; z <= _boxes[b + 1]; z++)
                {
                    for (int y = _boxes[b + 2]; y <= _boxes[b + 3]; y++)
                    {
                        int row = (z * slice) + (y * width);
                        double partial = (nz * (z - cz)) + (ny * (y - cy));
                        for (int x = _boxes[b + 4]; x <= _boxes[b + 5]; x++)
                        {
                            if (_labels[row + x] == label && Math.Abs(partial + (nx * (x - cx))) <= half)
                            {
                                _work[row + x] = 0;
                            }
                        }
                    }
                }
            }
        }

        /// <summary>The bounding box (z0, z1, y0, y1, x0, x1) of every lesion of <see cref="_labels"/>.</summary>
        private void Boxes(int lesions)
        {
            if (_boxes.Length < 6 * lesions)
            {
                _boxes = new int[6 * lesions];
            }

            for (int label = 0; label < lesions; label++)
            {
                int b = 6 * label;
                (_boxes[b], _boxes[b + 1], _boxes[b + 2], _boxes[b + 3], _boxes[b + 4], _boxes[b + 5]) = (int.MaxValue, -1, int.MaxValue, -1, int.MaxValue, -1);
            }

            int width = Shape.Width, slice = Shape.Slice;
            for (int i = 0; i < _labels.Length; i++)
            {
                int label = _labels[i];
                if (label == 0)
                {
                    continue;
                }

                int b = 6 * (label - 1), z = i / slice, y = i % slice / width, x = i % width;
                _boxes[b] = Math.Min(_boxes[b], z);
                _boxes[b + 1] = Math.Max(_boxes[b + 1], z);
                _boxes[b + 2] = Math.Min(_boxes[b + 2], y);
                _boxes[b + 3] = Math.Max(_boxes[b + 3], y);
                _boxes[b + 4] = Math.Min(_boxes[b + 4], x);
                _boxes[b + 5] = Math.Max(_boxes[b + 5], x);
            }
        }

        private int NthForeground(int n)
        {
            for (int i = 0; i < _work.Length; i++)
            {
                if (_work[i] != 0 && n-- == 0)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("The mask has fewer lesion voxels than counted.");
        }
    }
}
