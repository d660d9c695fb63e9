using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class BoxFilterTests
    {
        [TestMethod]
        [DataRow(1, 9, 13, 2, false)]
        [DataRow(1, 9, 13, 20, true)]
        [DataRow(5, 6, 7, 1, true)]
        [DataRow(5, 6, 7, 3, false)]
        public void WindowSumsEqualExplicitSums(int depth, int height, int width, int radius, bool masked)
        {
            var shape = new ImageShape(depth, height, width);
            var random = new Random(radius + depth);
            var values = Enumerable.Range(0, shape.Pixels).Select(_ => random.NextDouble()).ToArray();
            var labels = Enumerable.Range(0, shape.Pixels).Select(_ => (byte)random.Next(3)).ToArray();
            // A region that starts inside the image, so that offsets matter.
            var region = new ImageRegion(depth > 1 ? 1 : 0, 1, 2, depth > 1 ? depth - 2 : 1, height - 2, width - 3);
            var sums = new double[region.Pixels];
            BoxFilter.Sum(values, 0, masked ? labels : null, 0, 2, shape, region, radius, sums, new double[region.Pixels]);
            var counts = new double[region.Pixels];
            BoxFilter.Sum(null, 0, labels, 0, 1, shape, region, radius, counts, new double[region.Pixels]);

            int at = 0;
            for (int z = 0; z < region.Depth; z++)
            {
                for (int y = 0; y < region.Height; y++)
                {
                    for (int x = 0; x < region.Width; x++, at++)
                    {
                        double expected = 0, count = 0;
                        for (int zz = Math.Max(0, z - radius); zz <= Math.Min(region.Depth - 1, z + radius); zz++)
                        {
                            for (int yy = Math.Max(0, y - radius); yy <= Math.Min(region.Height - 1, y + radius); yy++)
                            {
                                for (int xx = Math.Max(0, x - radius); xx <= Math.Min(region.Width - 1, x + radius); xx++)
                                {
                                    int full = ((((region.Z0 + zz) * height) + region.Y0 + yy) * width) + region.X0 + xx;
                                    expected += !masked || labels[full] == 2 ? values[full] : 0;
                                    count += labels[full] == 1 ? 1 : 0;
                                }
                            }
                        }

                        Assert.AreEqual(expected, sums[at], 1e-12, $"sum at ({z}, {y}, {x})");
                        Assert.AreEqual(count, counts[at], $"count at ({z}, {y}, {x})");
                    }
                }
            }
        }
    }
}
