using Microsoft.ML.NoisyLabels;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Evaluation;

namespace Microsoft.ML
{
    /// <summary>
    /// The entry point of the package: <c>mlContext.NoisyLabels()</c>.
    /// </summary>
    public static class NoisyLabelsMLContextExtensions
    {
        /// <summary>
        /// Returns the catalog of noisy-label segmentation components: data loading, label fusion, annotator
        /// simulation, the two-network trainer and its baselines, and evaluation.
        /// </summary>
        /// <param name="mlContext">The ML.NET context; its seed, log and GPU settings are used by every component.</param>
        public static NoisyLabelsCatalog NoisyLabels(this MLContext mlContext)
        {
            if (mlContext is null)
            {
                throw new ArgumentNullException(nameof(mlContext));
            }

            return new NoisyLabelsCatalog(mlContext);
        }
    }
}

namespace Microsoft.ML.NoisyLabels
{
    /// <summary>
    /// Components for learning segmentation when annotators disagree, grouped by area as ML.NET groups its own.
    /// Obtain it with <c>mlContext.NoisyLabels()</c>.
    /// </summary>
    public sealed class NoisyLabelsCatalog
    {
        internal NoisyLabelsCatalog(MLContext mlContext)
        {
            Context = mlContext;
            Data = new NoisyLabelsDataCatalog(mlContext);
            Transforms = new NoisyLabelsTransformsCatalog(mlContext);
            Trainers = new NoisyLabelsTrainersCatalog(mlContext);
            Evaluation = new NoisyLabelsEvaluationCatalog(mlContext);
            Sweeps = new NoisyLabelsSweepsCatalog(mlContext);
        }

        /// <summary>The context this catalog was created from.</summary>
        public MLContext Context { get; }

        /// <summary>Readers and writers for the data sets the package works with (MNIST, NIfTI volumes).</summary>
        public NoisyLabelsDataCatalog Data { get; }

        /// <summary>Transforms over annotator columns: label fusion and annotator simulation.</summary>
        public NoisyLabelsTransformsCatalog Transforms { get; }

        /// <summary>Trainers: the two-network annotator-confusion model and the plain segmentation baseline.</summary>
        public NoisyLabelsTrainersCatalog Trainers { get; }

        /// <summary>Evaluators: Dice of segmentations and the error of annotator confusion-matrix estimates.</summary>
        public NoisyLabelsEvaluationCatalog Evaluation { get; }

        /// <summary>Sweeps that choose the trainer's lambda (and other options) on validation data.</summary>
        public NoisyLabelsSweepsCatalog Sweeps { get; }
    }

    /// <summary>
    /// Transforms over annotator columns. Obtain it with <c>mlContext.NoisyLabels().Transforms</c>. Its entry points
    /// are defined next to their implementations (Fusion/, Simulation/).
    /// </summary>
    /// <summary>
    /// The trainers: the two-network model and the U-Net baselines. They come with the Microsoft.ML.NoisyLabels.TorchSharp
    /// package, as extension methods on this catalog; a deployment that only scores saved models does not need it.
    /// </summary>
    public sealed class NoisyLabelsTrainersCatalog
    {
        internal NoisyLabelsTrainersCatalog(MLContext mlContext)
        {
            Context = mlContext;
        }

        internal MLContext Context { get; }
    }

    /// <summary>
    /// Sweeps that choose a trainer's settings on validation data, from the Microsoft.ML.NoisyLabels.TorchSharp package
    /// (extension methods on this catalog).
    /// </summary>
    public sealed class NoisyLabelsSweepsCatalog
    {
        internal NoisyLabelsSweepsCatalog(MLContext mlContext)
        {
            Context = mlContext;
        }

        internal MLContext Context { get; }
    }

    public sealed partial class NoisyLabelsTransformsCatalog
    {
        internal NoisyLabelsTransformsCatalog(MLContext mlContext)
        {
            Context = mlContext;
        }

        /// <summary>The context the transforms are created in.</summary>
        internal MLContext Context { get; }
    }
}
