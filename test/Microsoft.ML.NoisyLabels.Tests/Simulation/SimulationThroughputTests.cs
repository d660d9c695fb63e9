using System.Diagnostics;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    /// <summary>
    /// Measures the annotator simulation's throughput through the ML.NET pipeline, on one cursor and on two cursors
    /// over two halves of the data read in parallel. 1,000 test images by default (about a second); set
    /// NOISYLABELS_SIMULATION_IMAGES=60000 to simulate the whole training set (its files are found in the repository's
    /// data/mnist). Run with <c>--logger "console;verbosity=detailed"</c> to see the figures.
    /// </summary>
    [TestClass]
    public class SimulationThroughputTests
    {
        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public void SimulatesMnistOnOneAndTwoCursors()
        {
            int images = int.TryParse(Environment.GetEnvironmentVariable("NOISYLABELS_SIMULATION_IMAGES"), out int n) ? n : 1000;
            var ml = new MLContext(seed: 1);
            var (imagesPath, labelsPath) = images <= 10_000 ? (TestData.MnistTestImages, TestData.MnistTestLabels) : TrainingFiles();
            var data = ml.NoisyLabels().Data.LoadMnist(imagesPath, labelsPath, images);
            var model = ml.NoisyLabels().Transforms.SimulateAnnotators(seed: 1).Fit(data);

            // Warm-up (JIT, the chain's first row), not timed.
            ReadAll(model.Transform(ml.Data.TakeRows(data, 20)));

            var clock = Stopwatch.StartNew();
            var (rows, foreground) = ReadAll(model.Transform(data));
            double oneCursor = clock.Elapsed.TotalSeconds;
            Assert.AreEqual(images, rows);

            int half = images / 2;
            clock.Restart();
            var parts = new[] { ml.Data.TakeRows(data, half), ml.Data.SkipRows(data, half) }
                .Select(part => Task.Run(() => ReadAll(model.Transform(part))))
                .ToArray();
            Task.WaitAll(parts);
            double twoCursors = clock.Elapsed.TotalSeconds;
            Assert.AreEqual(images, parts.Sum(p => p.Result.Rows));
            for (int j = 0; j < foreground.Length; j++)
            {
                Assert.AreEqual(foreground[j], parts.Sum(p => p.Result.Foreground[j]), $"annotator {j}: the halves give the same annotations");
            }

            // Good copies the masks, Over has more foreground, Blank none.
            Assert.IsTrue(foreground[1] > 2 * foreground[0] && foreground[2] < foreground[0] && foreground[4] == 0);
            TestContext.WriteLine(
                $"{images} images x 5 annotators: one cursor {oneCursor:F1} s ({images / oneCursor:F0} images/s), " +
                $"two cursors {twoCursors:F1} s ({images / twoCursors:F0} images/s), {Environment.ProcessorCount} cores");
        }

        private static (long Rows, long[] Foreground) ReadAll(IDataView output)
        {
            var columns = SimulatedAnnotatorColumnNames.All.Select(name => output.Schema[name]).ToArray();
            using var cursor = output.GetRowCursor(columns);
            var getters = columns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
            var foreground = new long[columns.Length];
            VBuffer<float> buffer = default;
            long rows = 0;
            while (cursor.MoveNext())
            {
                rows++;
                for (int j = 0; j < getters.Length; j++)
                {
                    getters[j](ref buffer);
                    foreach (float v in buffer.GetValues())
                    {
                        foreground[j] += v == 1 ? 1 : 0;
                    }
                }
            }

            return (rows, foreground);
        }

        private static (string Images, string Labels) TrainingFiles()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                string images = Path.Combine(folder.FullName, "data", "mnist", "train-images-idx3-ubyte.gz");
                if (File.Exists(images))
                {
                    return (images, Path.Combine(folder.FullName, "data", "mnist", "train-labels-idx1-ubyte.gz"));
                }
            }

            throw new FileNotFoundException("The MNIST training files (data/mnist/train-*) were not found above the test folder.");
        }
    }
}
