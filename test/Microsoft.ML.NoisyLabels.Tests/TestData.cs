namespace Microsoft.ML.NoisyLabels.Tests
{
    /// <summary>Paths of the data files copied next to the test assembly, and scratch folders.</summary>
    internal static class TestData
    {
        public static string MnistTestImages => Path.Combine(AppContext.BaseDirectory, "data", "mnist", "t10k-images-idx3-ubyte.gz");

        public static string MnistTestLabels => Path.Combine(AppContext.BaseDirectory, "data", "mnist", "t10k-labels-idx1-ubyte.gz");

        /// <summary>A new empty folder under the system's temporary folder.</summary>
        public static string NewTempFolder()
        {
            string path = Path.Combine(Path.GetTempPath(), "noisylabels-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
