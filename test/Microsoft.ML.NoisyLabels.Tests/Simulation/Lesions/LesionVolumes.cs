using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation.Lesions
{
    /// <summary>Hand-made lesion volumes [D, H, W] (x fastest) and a data view of them, for the lesion tests.</summary>
    internal static class LesionVolumes
    {
        private sealed class MaskRow
        {
            public float[] Truth { get; set; } = Array.Empty<float>();

            public float[] Predicted { get; set; } = Array.Empty<float>();
        }

        public static int Index(int[] shape, int z, int y, int x) => (((z * shape[1]) + y) * shape[2]) + x;

        /// <summary>Sets the digital ball of squared radius <paramref name="radiusSquared"/> around (z, y, x).</summary>
        public static float[] Ball(float[] volume, int[] shape, int cz, int cy, int cx, int radiusSquared)
        {
            for (int z = 0; z < shape[0]; z++)
            {
                for (int y = 0; y < shape[1]; y++)
                {
                    for (int x = 0; x < shape[2]; x++)
                    {
                        int d = ((z - cz) * (z - cz)) + ((y - cy) * (y - cy)) + ((x - cx) * (x - cx));
                        if (d <= radiusSquared)
                        {
                            volume[Index(shape, z, y, x)] = 1;
                        }
                    }
                }
            }

            return volume;
        }

        /// <summary>Sets the box [z0, z1] x [y0, y1] x [x0, x1] (inclusive).</summary>
        public static float[] Box(float[] volume, int[] shape, int z0, int z1, int y0, int y1, int x0, int x1)
        {
            for (int z = z0; z <= z1; z++)
            {
                for (int y = y0; y <= y1; y++)
                {
                    for (int x = x0; x <= x1; x++)
                    {
                        volume[Index(shape, z, y, x)] = 1;
                    }
                }
            }

            return volume;
        }

        public static int Count(float[] volume) => volume.Count(v => v != 0);

        /// <summary>
        /// The naive morphology the transform must match: voxels within <paramref name="radius"/> of the mask (dilation),
        /// or mask voxels whose every voxel within the radius is in the mask (erosion; outside the volume does not count).
        /// </summary>
        public static float[] Naive(float[] volume, int[] shape, double radius, bool dilate)
        {
            var result = new float[volume.Length];
            int r = (int)Math.Ceiling(radius);
            for (int z = 0; z < shape[0]; z++)
            {
                for (int y = 0; y < shape[1]; y++)
                {
                    for (int x = 0; x < shape[2]; x++)
                    {
                        bool any = false, all = true;
                        for (int dz = -r; dz <= r; dz++)
                        {
                            for (int dy = -r; dy <= r; dy++)
                            {
                                for (int dx = -r; dx <= r; dx++)
                                {
                                    int nz = z + dz, ny = y + dy, nx = x + dx;
                                    if ((dz * dz) + (dy * dy) + (dx * dx) > radius * radius
                                        || nz < 0 || ny < 0 || nx < 0 || nz >= shape[0] || ny >= shape[1] || nx >= shape[2])
                                    {
                                        continue;
                                    }

                                    bool inside = volume[Index(shape, nz, ny, nx)] != 0;
                                    any |= inside;
                                    all &= inside;
                                }
                            }
                        }

                        result[Index(shape, z, y, x)] = (dilate ? any : all && volume[Index(shape, z, y, x)] != 0) ? 1 : 0;
                    }
                }
            }

            return result;
        }

        /// <summary>A data view of (truth, prediction) rows, both columns with dimensions <paramref name="shape"/>.</summary>
        public static IDataView Rows(MLContext ml, int[] shape, params (float[] Truth, float[] Predicted)[] rows)
        {
            var schema = SchemaDefinition.Create(typeof(MaskRow));
            schema[nameof(MaskRow.Truth)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, shape);
            schema[nameof(MaskRow.Predicted)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, shape);
            return ml.Data.LoadFromEnumerable(rows.Select(r => new MaskRow { Truth = r.Truth, Predicted = r.Predicted }).ToArray(), schema);
        }

        /// <summary>A data view of truth masks only (the prediction column holds copies).</summary>
        public static IDataView Truths(MLContext ml, int[] shape, params float[][] truths)
            => Rows(ml, shape, truths.Select(t => (t, t)).ToArray());
    }
}
