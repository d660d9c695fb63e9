using System.Reflection;

namespace Microsoft.ML.NoisyLabels.Tests
{
    /// <summary>Paths of the data files copied next to the test assembly, and scratch folders.</summary>
    internal static class TestData
    {
        public static string MnistTestImages => Path.Combine(AppContext.BaseDirectory, "data", "mnist", "t10k-images-idx3-ubyte.gz");

        public static string MnistTestLabels => Path.Combine(AppContext.BaseDirectory, "data", "mnist", "t10k-labels-idx1-ubyte.gz");

        /// <summary>The Colin27 T1 brain, skull-stripped: 181 x 217 x 181 uint8 at 1 mm, written by SPM.</summary>
        public static string Ch2Bet => Path.Combine(AppContext.BaseDirectory, "data", "mri", "ch2bet.nii.gz");

        /// <summary>The JHU white-matter label atlas: 182 x 218 x 182 uint8 labels 0..48 at 1 mm, written by FSL.</summary>
        public static string JhuLabels => Path.Combine(AppContext.BaseDirectory, "data", "mri", "JHU-WhiteMatter-labels-1mm.nii.gz");

        /// <summary>
        /// The <see cref="SchemaShape"/> of a schema, as ML.NET's estimator chains compute it before fitting (ML.NET
        /// keeps that factory internal; tests may reach it, the library never does).
        /// </summary>
        public static SchemaShape ShapeOf(DataViewSchema schema)
        {
            var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public, new[] { typeof(DataViewSchema) })!;
            return (SchemaShape)create.Invoke(null, new object[] { schema })!;
        }

        /// <summary>A new empty folder under the system's temporary folder.</summary>
        public static string NewTempFolder()
        {
            string path = Path.Combine(Path.GetTempPath(), "noisylabels-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
