using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Turns cases of NIfTI files into an <see cref="IDataView"/>, one row per case. Every header is read and checked
    /// when loading (3D, shapes and spacings that agree within a case); the voxels are read from the files when a row's
    /// value is asked for, so memory holds the rows being processed, not the data set.
    /// </summary>
    internal static class VolumeLoader
    {
        /// <summary>Relative tolerance on voxel spacings: headers written by different programs round differently.</summary>
        private const double SpacingTolerance = 1e-4;

        public static IDataView Load(IReadOnlyList<VolumeCase> cases, IReadOnlyList<string> raterNames)
        {
            var grids = cases.Select(c => CheckCase(c, raterNames)).ToArray();
            int modalities = cases[0].ImagePaths.Length;
            bool sameShape = grids.All(g => g.SequenceEqual(grids[0]));
            // Rows of one shape get ML.NET dimensions (z, y, x: x fastest, as in the file); otherwise vectors of variable size.
            var dims = new[] { grids[0][2], grids[0][1], grids[0][0] };
            VectorDataViewType VectorType(bool image) => !sameShape
                ? new VectorDataViewType(NumberDataViewType.Single)
                : image && modalities > 1
                    ? new VectorDataViewType(NumberDataViewType.Single, new[] { modalities }.Concat(dims).ToArray())
                    : new VectorDataViewType(NumberDataViewType.Single, dims);

            var columns = new List<InMemoryColumn>
            {
                new InMemoryColumn<ReadOnlyMemory<char>>(
                    VolumeColumnNames.CaseId, TextDataViewType.Instance, (long row, ref ReadOnlyMemory<char> value) => value = cases[(int)row].Id.AsMemory()),
                new InMemoryColumn<ReadOnlyMemory<char>>(
                    VolumeColumnNames.ImagePath, TextDataViewType.Instance, (long row, ref ReadOnlyMemory<char> value) => value = cases[(int)row].ImagePaths[0].AsMemory()),
                new InMemoryColumn<VBuffer<float>>(
                    VolumeColumnNames.Image, VectorType(image: true), (long row, ref VBuffer<float> value) => FillImage(cases[(int)row], grids[row], ref value)),
            };
            for (int r = 0; r < raterNames.Count; r++)
            {
                int rater = r;
                columns.Add(new InMemoryColumn<VBuffer<float>>(
                    raterNames[r], VectorType(image: false), (long row, ref VBuffer<float> value) => FillRater(cases[(int)row], raterNames[rater], rater, grids[row], ref value)));
            }

            return new InMemoryDataView(cases.Count, columns.ToArray());
        }

        /// <summary>Reads and checks a case's headers; returns its grid (x, y, z sizes).</summary>
        private static int[] CheckCase(VolumeCase volumeCase, IReadOnlyList<string> raterNames)
        {
            var reference = Read3DHeader(volumeCase.ImagePaths[0], volumeCase.Id, "image");
            for (int m = 1; m < volumeCase.ImagePaths.Length; m++)
            {
                CheckSameGrid(Read3DHeader(volumeCase.ImagePaths[m], volumeCase.Id, "image"), volumeCase.ImagePaths[m], reference, volumeCase);
            }

            for (int r = 0; r < raterNames.Count; r++)
            {
                string? path = volumeCase.RaterPaths[r];
                if (path is not null)
                {
                    CheckSameGrid(Read3DHeader(path, volumeCase.Id, $"rater '{raterNames[r]}'"), path, reference, volumeCase);
                }
            }

            return Grid(reference);
        }

        private static NiftiHeader Read3DHeader(string path, string caseId, string role)
        {
            NiftiHeader header;
            try
            {
                header = NiftiFile.ReadHeader(path);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"Case '{caseId}', {role}: {ex.Message}", ex);
            }

            if (header.IsBeyond3D)
            {
                throw new InvalidDataException(
                    $"Case '{caseId}', {role}: NIfTI file '{path}' is {header.Rank}D ({string.Join(" x ", header.Shape)}) where a 3D volume is needed; " +
                    "give each modality or time point its own file.");
            }

            return header;
        }

        private static void CheckSameGrid(NiftiHeader header, string path, NiftiHeader reference, VolumeCase volumeCase)
        {
            var (grid, referenceGrid) = (Grid(header), Grid(reference));
            if (!grid.SequenceEqual(referenceGrid))
            {
                throw new InvalidDataException(
                    $"Case '{volumeCase.Id}': NIfTI file '{path}' is {string.Join(" x ", grid)} voxels but the image '{volumeCase.ImagePaths[0]}' " +
                    $"is {string.Join(" x ", referenceGrid)}; a case's images and masks must share one grid.");
            }

            var (spacing, referenceSpacing) = (header.Spacing, reference.Spacing);
            for (int d = 0; d < 3; d++)
            {
                if (Math.Abs(spacing[d] - referenceSpacing[d]) > SpacingTolerance * Math.Max(Math.Abs(spacing[d]), Math.Abs(referenceSpacing[d])))
                {
                    throw new InvalidDataException(
                        $"Case '{volumeCase.Id}': NIfTI file '{path}' has voxel spacing {string.Join(" x ", spacing)} but the image " +
                        $"'{volumeCase.ImagePaths[0]}' has {string.Join(" x ", referenceSpacing)}; a case's images and masks must share one grid.");
                }
            }
        }

        /// <summary>The x, y, z sizes (1 for the dimensions a 1D or 2D file lacks).</summary>
        private static int[] Grid(NiftiHeader header) => header.Shape.Concat(new[] { 1, 1, 1 }).Take(3).ToArray();

        private static void FillImage(VolumeCase volumeCase, int[] grid, ref VBuffer<float> value)
        {
            int voxels = grid[0] * grid[1] * grid[2];
            var editor = VBufferEditor.Create(ref value, voxels * volumeCase.ImagePaths.Length);
            for (int m = 0; m < volumeCase.ImagePaths.Length; m++)
            {
                ReadVoxels(volumeCase.ImagePaths[m], grid, volumeCase.Id, "image", editor.Values.Slice(m * voxels, voxels));
            }

            value = editor.Commit();
        }

        private static void FillRater(VolumeCase volumeCase, string raterName, int rater, int[] grid, ref VBuffer<float> value)
        {
            int voxels = grid[0] * grid[1] * grid[2];
            var editor = VBufferEditor.Create(ref value, voxels);
            string? path = volumeCase.RaterPaths[rater];
            if (path is null)
            {
                // The package's convention for an annotation that does not exist: NaN at every pixel.
                editor.Values.Fill(float.NaN);
                value = editor.Commit();
                return;
            }

            var labels = editor.Values;
            ReadVoxels(path, grid, volumeCase.Id, $"rater '{raterName}'", labels);
            for (int i = 0; i < labels.Length; i++)
            {
                float v = labels[i];
                // Classes are stored as bytes downstream (LabelValues): 0..254.
                if (!(v >= 0 && v < LabelValues.MaxClasses && MathF.Truncate(v) == v))
                {
                    int x = i % grid[0], y = i / grid[0] % grid[1], z = i / (grid[0] * grid[1]);
                    throw new InvalidDataException(
                        $"Case '{volumeCase.Id}', rater '{raterName}': NIfTI file '{path}' holds {v} at voxel ({x}, {y}, {z}), which is not a class label " +
                        $"(an integer in 0..{LabelValues.MaxClasses - 1}).");
                }
            }

            value = editor.Commit();
        }

        private static void ReadVoxels(string path, int[] grid, string caseId, string role, Span<float> destination)
        {
            try
            {
                NiftiFile.ReadScaled(
                    path,
                    header =>
                    {
                        if (!Grid(header).SequenceEqual(grid) || header.IsBeyond3D)
                        {
                            throw new InvalidDataException(
                                $"NIfTI file '{path}' is now {string.Join(" x ", header.Shape)} voxels, not the {string.Join(" x ", grid)} it had when the data were loaded.");
                        }
                    },
                    destination);
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
            {
                throw new InvalidDataException($"Case '{caseId}', {role}: {ex.Message}", ex);
            }
        }
    }
}
