using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests
{
    /// <summary>Saves a fitted pipeline to model.zip and applies it again, in this process or in a fresh one.</summary>
    internal static class ModelRoundTrip
    {
        /// <summary>Saves <paramref name="model"/> and loads it back in this process.</summary>
        public static ITransformer SaveAndLoad(MLContext ml, ITransformer model, IDataView data)
        {
            string path = Path.Combine(TestData.NewTempFolder(), "model.zip");
            ml.Model.Save(model, data.Schema, path);
            return ml.Model.Load(path, out _);
        }

        /// <summary>
        /// Saves <paramref name="model"/>, then runs test/ModelLoadCheck in a new process, which loads model.zip,
        /// transforms <paramref name="data"/> and writes the result. Returns that result and whether the other process
        /// loaded TorchSharp. <paramref name="testContracts"/> lets the loader find custom-mapping contracts that the tests
        /// themselves define (in this assembly, which a deployment would not have).
        /// </summary>
        public static (IDataView Output, bool TorchSharpLoaded) TransformInNewProcess(MLContext ml, ITransformer model, IDataView data, bool testContracts = false)
        {
            string folder = TestData.NewTempFolder();
            string modelPath = Path.Combine(folder, "model.zip");
            string inputPath = Path.Combine(folder, "input.idv");
            string outputPath = Path.Combine(folder, "output.idv");
            ml.Model.Save(model, data.Schema, modelPath);
            using (var stream = File.Create(inputPath))
            {
                ml.Data.SaveAsBinary(data, stream, keepHidden: false);
            }

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // No assembly folder: the loader has the core package and ONNX Runtime only, as a deployment does.
            foreach (string argument in new[] { LoaderPath, modelPath, inputPath, outputPath })
            {
                start.ArgumentList.Add(argument);
            }

            if (testContracts)
            {
                start.ArgumentList.Add(AppContext.BaseDirectory);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, $"ModelLoadCheck failed:\n{stdout.Result}\n{stderr}");
            bool torchLoaded = stdout.Result.Contains("torchsharp-loaded=true", StringComparison.Ordinal);
            return (ml.Data.LoadFromBinary(outputPath), torchLoaded);
        }

        /// <summary>The loader's deps file: what a deployment of the core package carries.</summary>
        public static string LoaderDependencies => Path.ChangeExtension(LoaderPath, ".deps.json");

        private static string LoaderPath
        {
            get
            {
                // The loader is built beside the tests: .../test/ModelLoadCheck/bin/<Configuration>/net10.0/linux-x64/.
                string testOutput = AppContext.BaseDirectory;
                string path = Path.GetFullPath(testOutput.Replace(
                    Path.Combine("test", "Microsoft.ML.NoisyLabels.Tests"), Path.Combine("test", "ModelLoadCheck"), StringComparison.Ordinal));
                path = Path.Combine(path, "ModelLoadCheck.dll");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"The model loader was not built at '{path}'.", path);
                }

                return path;
            }
        }
    }
}
