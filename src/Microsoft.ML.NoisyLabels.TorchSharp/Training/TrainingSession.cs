using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// What every trainer of the package does around its training loop: the log channel, the seed, the thread count,
    /// the device; and afterwards the ONNX export and the first-party ML.NET chain that applies it.
    /// </summary>
    internal sealed class TrainingSession : IDisposable
    {
        /// <summary>Taken by whatever draws from TorchSharp's process-wide generator, so that seeded draws stay reproducible.</summary>
        internal static readonly object GeneratorLock = new object();

        private readonly int _previousThreads;
        private readonly int _thread;
        private readonly IHost _host;

        public TrainingSession(MLContext ml, string name, SegmentationTrainerOptionsBase options)
        {
            Context = ml;
            _host = ((IHostEnvironment)ml).Register(name);
            Channel = _host.Start("Training");
            Seed = options.Seed ?? _host.Rand.Next();
            // libtorch's thread count is OpenMP's, per thread: set on the thread that trains (Fit runs the whole loop on
            // its caller's thread, backward passes included) and restored there, it does not reach concurrent trainings.
            _thread = Environment.CurrentManagedThreadId;
            _previousThreads = get_num_threads();
            if (options.NumberOfThreads is int threads)
            {
                set_num_threads(threads);
            }

            Device = DeviceSelection.Select(ml, message => Channel.Warning(MessageSensitivity.None, message));
        }

        public MLContext Context { get; }

        public IChannel Channel { get; }

        public int Seed { get; }

        public Device Device { get; }

        public TrainingLoop Loop(SegmentationTrainerOptionsBase options) => new TrainingLoop(options, Channel, Device, Seed);

        /// <summary>
        /// Builds a network whose initial weights depend on the seed (and <paramref name="index"/>, for the k-th of
        /// several) alone. Weight initialisation draws from TorchSharp's process-wide generator, so concurrent trainings
        /// take turns here: the only use of that generator (shuffling and flips use the loop's own).
        /// </summary>
        public SegmentationNetwork CreateNetwork(NetworkArchitecture architecture, int index = 0)
        {
            lock (GeneratorLock)
            {
                random.manual_seed(Seed + index);
                return new SegmentationNetwork(architecture);
            }
        }

        /// <summary>Reads validation data: annotations (or labels) as tensors, and ground truth when asked for.</summary>
        public ValidationTensors? ReadValidation(SegmentationTrainerOptionsBase options, IReadOnlyList<string> labelColumns)
        {
            if (options.ValidationSet is null)
            {
                return null;
            }

            var annotations = LabelledImagesReader.Read(options.ValidationSet, options.ImageColumnName, labelColumns, options.NumberOfClasses, "annotator");
            Tensor? truth = null;
            if (options.ValidationGroundTruthColumnName is string column)
            {
                var groundTruth = LabelledImagesReader.Read(options.ValidationSet, null, new[] { column }, options.NumberOfClasses, "ground-truth", annotations.Height);
                if (groundTruth.Present.Any(p => !p))
                {
                    throw new InvalidOperationException($"Ground-truth column '{column}' of the validation set has rows without labels.");
                }

                truth = tensor(groundTruth.Labels, new long[] { groundTruth.Count, groundTruth.Height, groundTruth.Width }).to_type(ScalarType.Int64);
            }

            return new ValidationTensors(TrainingTensors.Create(annotations, null, null, options.NumberOfClasses, null, out _), truth);
        }

        /// <summary>Exports the networks to ONNX and wraps them in an ML.NET <c>ApplyOnnxModel</c> chain.</summary>
        public (ITransformer Model, byte[] Onnx) Export(IReadOnlyList<SegmentationNetwork> networks, string imageColumn, int[] dims, OnnxExportSpecification outputs, IDataView data)
        {
            foreach (var network in networks)
            {
                network.cpu();
            }

            var spec = new OnnxExportSpec(imageColumn, dims[0], dims[1], dims[2], outputs.Probabilities, outputs.PredictedLabel, outputs.Confusion, outputs.AnnotatorPredictions);
            byte[] onnx = NetworkOnnxExporter.Export(networks, spec);
            var model = OnnxEstimator(Context, onnx, imageColumn, outputs, message => Channel.Warning(MessageSensitivity.None, message)).Fit(data);
            return (model, onnx);
        }

        /// <summary>
        /// The ML.NET estimator that applies an exported graph, on the GPU that <c>MLContext.GpuDeviceId</c> names when
        /// ONNX Runtime can use it. ML.NET's own fallback does not cover an ONNX Runtime package built without CUDA (it
        /// fails with a missing entry point), so that case is handled here, by the same rule.
        /// </summary>
        public static IEstimator<ITransformer> OnnxEstimator(MLContext ml, byte[] onnx, string imageColumn, OnnxExportSpecification outputs, Action<string>? warn = null)
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
        /// The output schema of a trainer before training: that of a tiny untrained network exported with the same
        /// input and output names (shapes in a <see cref="SchemaShape"/> carry kinds and types, not sizes).
        /// </summary>
        public static SchemaShape OutputSchema(MLContext ml, SchemaShape input, string imageColumn, int classes, int annotators, ConfusionMatrixKind kind, OnnxExportSpecification outputs)
        {
            var column = input.FirstOrDefault(c => c.Name == imageColumn);
            if (column.Name is null)
            {
                throw new ArgumentOutOfRangeException(nameof(input), $"Could not find image column '{imageColumn}'");
            }

            if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            {
                throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for image column '{imageColumn}': expected known-size vector of Single, got {column.ItemType} ({column.Kind})");
            }

            using var network = new SegmentationNetwork(new NetworkArchitecture(1, classes, Width: 1, Depth: 0, annotators, kind, DiagonalBias: 0));
            var spec = new OnnxExportSpec(imageColumn, 1, 2, 2, outputs.Probabilities, outputs.PredictedLabel, outputs.Confusion, outputs.AnnotatorPredictions);
            return OnnxEstimator(ml, NetworkOnnxExporter.Export(new[] { network }, spec), imageColumn, outputs).GetOutputSchema(input);
        }

        public void Dispose()
        {
            if (Environment.CurrentManagedThreadId == _thread && get_num_threads() != _previousThreads)
            {
                set_num_threads(_previousThreads);
            }

            Channel.Dispose();
        }
    }
}
