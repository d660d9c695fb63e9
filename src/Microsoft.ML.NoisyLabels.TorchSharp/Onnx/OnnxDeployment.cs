using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Training;
using TorchSharp;

namespace Microsoft.ML.NoisyLabels.Onnx
{
    /// <summary>
    /// How trained networks become a first-party ML.NET transformer: exported to ONNX and applied with
    /// <c>ApplyOnnxModel</c> (on the GPU that <c>MLContext.GpuDeviceId</c> names, where ONNX Runtime can use it), and
    /// the output schema of that transformer before any network exists.
    /// </summary>
    internal static class OnnxDeployment
    {
        /// <summary>Exports the networks to ONNX and wraps them in an ML.NET <c>ApplyOnnxModel</c> chain.</summary>
        public static (ITransformer Model, byte[] Onnx) Export(MLContext ml, IReadOnlyList<SegmentationNetwork> networks, string imageColumn, int[] dims,
            OnnxOutputNames outputs, IDataView data, Action<string> warn)
        {
            foreach (var network in networks)
            {
                network.cpu();
            }

            var spec = new OnnxExportSpec(imageColumn, dims[0], dims[1], dims[2], outputs);
            byte[] onnx = NetworkOnnxExporter.Export(networks, spec);
            var model = Estimator(ml, onnx, imageColumn, outputs, warn).Fit(data);
            return (model, onnx);
        }

        /// <summary>
        /// The ML.NET estimator that applies an exported graph, on the GPU that <c>MLContext.GpuDeviceId</c> names when
        /// ONNX Runtime can use it. ML.NET's own fallback does not cover an ONNX Runtime package built without CUDA (it
        /// fails with a missing entry point), so that case is handled here, by the same rule.
        /// </summary>
        public static IEstimator<ITransformer> Estimator(MLContext ml, byte[] onnx, string imageColumn, OnnxOutputNames outputs, Action<string>? warn = null)
        {
            if (ml.GpuDeviceId is not int id)
            {
                return ml.Transforms.ApplyOnnxModel(outputs.Names, new[] { imageColumn }, new MemoryStream(onnx));
            }

            try
            {
                return ml.Transforms.ApplyOnnxModel(outputs.Names, new[] { imageColumn }, new MemoryStream(onnx), id, ml.FallbackToCpu);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException || ex.GetType().Name == "OnnxRuntimeException")
            {
                string message = $"MLContext.GpuDeviceId asks ONNX Runtime for CUDA device {id}, but it cannot use it ({ex.Message}). " +
                    "Reference the Microsoft.ML.OnnxRuntime.Gpu package on a machine with a GPU";
                if (!ml.FallbackToCpu)
                {
                    throw new InvalidOperationException(message + ", or set MLContext.FallbackToCpu to run on the CPU.", ex);
                }

                warn?.Invoke(message + "; running on the CPU because MLContext.FallbackToCpu is set.");
                // ML.NET takes a missing device id from the context, so the CPU transformer needs a context without one.
                var cpu = new MLContext();
                return cpu.Transforms.ApplyOnnxModel(outputs.Names, new[] { imageColumn }, new MemoryStream(onnx));
            }
        }

        /// <summary>
        /// The output schema of a trainer before training: the input's columns plus one known-size vector of Single per
        /// output. A <see cref="SchemaShape"/> carries kinds and item types, not sizes, and an assembly outside ML.NET
        /// cannot build its columns, so they come from a first-party prototype: a custom mapping with the same output
        /// names, which costs neither libtorch nor an ONNX Runtime session.
        /// </summary>
        public static SchemaShape OutputSchema(MLContext ml, SchemaShape input, string imageColumn, OnnxOutputNames outputs)
        {
            var column = SchemaChecks.FindColumn(input, imageColumn, "image");

            if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            {
                throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for image column '{imageColumn}': expected known-size vector of Single, got {column.ItemType} ({column.Kind})");
            }

            var definition = SchemaDefinition.Create(typeof(PrototypeOutputs));
            string[] names = outputs.Names;
            for (int i = definition.Count - 1; i >= names.Length; i--)
            {
                definition.RemoveAt(i);
            }

            for (int i = 0; i < names.Length; i++)
            {
                definition[i].ColumnName = names[i];
                definition[i].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
            }

            return ml.Transforms.CustomMapping<PrototypeInput, PrototypeOutputs>((_, _) => { }, contractName: null, outputSchemaDefinition: definition)
                .GetOutputSchema(input);
        }

        /// <summary>The prototype mapping reads no column.</summary>
        private sealed class PrototypeInput
        {
        }

        /// <summary>Room for the five outputs a trainer can have (see <see cref="OnnxOutputNames"/>); the schema definition names and keeps the ones asked for.</summary>
        private sealed class PrototypeOutputs
        {
            public float[] First { get; set; } = Array.Empty<float>();

            public float[] Second { get; set; } = Array.Empty<float>();

            public float[] Third { get; set; } = Array.Empty<float>();

            public float[] Fourth { get; set; } = Array.Empty<float>();

            public float[] Fifth { get; set; } = Array.Empty<float>();
        }
    }
}
