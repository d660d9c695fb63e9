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
    /// the device, the validation data; and afterwards the export (<see cref="OnnxDeployment"/>).
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

        /// <summary>
        /// Reads the validation set, once for the whole Fit: the label maps of <paramref name="labelColumns"/> and the
        /// ground truth when asked for, with one cursor.
        /// </summary>
        public ValidationData? ReadValidation(SegmentationTrainerOptionsBase options, IReadOnlyList<string> labelColumns)
        {
            if (options.ValidationSet is null)
            {
                return null;
            }

            var groups = new List<LabelMapGroup> { new LabelMapGroup(labelColumns, "annotator") };
            string? truthColumn = options.ValidationGroundTruthColumnName;
            if (truthColumn is not null)
            {
                groups.Add(new LabelMapGroup(new[] { truthColumn }, "ground-truth"));
            }

            var read = LabelledImagesReader.ReadInOnePass(options.ValidationSet, options.ImageColumnName, groups, options.NumberOfClasses);
            var groundTruth = truthColumn is null ? null : read.Groups[1];
            if (groundTruth is not null && groundTruth.Present.Any(p => !p))
            {
                throw new InvalidOperationException($"Ground-truth column '{truthColumn}' of the validation set has rows without labels.");
            }

            return new ValidationData(read.Groups[0], groundTruth);
        }

        /// <summary>Exports the networks to ONNX and wraps them in an ML.NET <c>ApplyOnnxModel</c> chain.</summary>
        public (ITransformer Model, byte[] Onnx) Export(IReadOnlyList<SegmentationNetwork> networks, string imageColumn, int[] dims, OnnxOutputNames outputs, IDataView data)
            => OnnxDeployment.Export(Context, networks, imageColumn, dims, outputs, data, message => Channel.Warning(MessageSensitivity.None, message));

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
