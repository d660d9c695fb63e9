using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    [TestClass]
    public class VolumeMorphologyTests
    {
        [TestMethod]
        public void DistanceTransformMatchesBruteForceIn3DAnd2D()
        {
            var random = new Random(5);
            foreach (var shape in new[] { new VolumeShape(7, 9, 11), new VolumeShape(1, 13, 6), new VolumeShape(5, 1, 8) })
            {
                var volume = new byte[shape.Voxels];
                for (int i = 0; i < volume.Length; i++)
                {
                    volume[i] = random.NextDouble() < 0.08 ? (byte)1 : (byte)0;
                }

                var squared = new float[shape.Voxels];
                new VolumeDistanceTransform(shape).Compute(volume, 1, squared);
                for (int i = 0; i < volume.Length; i++)
                {
                    int best = int.MaxValue;
                    for (int j = 0; j < volume.Length; j++)
                    {
                        if (volume[j] == 1)
                        {
                            int dz = (i / shape.Slice) - (j / shape.Slice), dy = (i % shape.Slice / shape.Width) - (j % shape.Slice / shape.Width), dx = (i % shape.Width) - (j % shape.Width);
                            best = Math.Min(best, (dz * dz) + (dy * dy) + (dx * dx));
                        }
                    }

                    Assert.AreEqual(best, squared[i], $"{shape}, voxel {i}");
                }
            }
        }

        [TestMethod]
        public void ComponentsJoinDiagonalNeighboursOnlyWith26Connectivity()
        {
            var shape = new VolumeShape(3, 3, 3);
            var mask = new byte[27];
            mask[0] = 1; // (0, 0, 0)
            mask[13] = 1; // (1, 1, 1): a corner neighbour
            mask[14] = 1; // (1, 1, 2): a face neighbour of (1, 1, 1)
            mask[26] = 1; // (2, 2, 2): a corner neighbour of (1, 1, 1) and an edge neighbour of (1, 1, 2)
            var labels = new int[27];
            var components = new ConnectedComponents();
            Assert.AreEqual(1, components.Label(mask, shape, VoxelConnectivity.FacesEdgesCorners, labels));
            Assert.AreEqual(4, components.Size(1));
            Assert.AreEqual(3, components.Label(mask, shape, VoxelConnectivity.Faces, labels));
            CollectionAssert.AreEqual(new[] { 1, 2, 2, 3 }, new[] { labels[0], labels[13], labels[14], labels[26] }, "labels in scan order");
            Assert.AreEqual(2, components.Size(2));
            Assert.AreEqual(13, components.FirstVoxel(2));
        }
    }
}
