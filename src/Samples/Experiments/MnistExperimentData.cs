using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Simulation;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>
    /// The data of one seed: MNIST images with the paper's five simulated annotators (dense), the same training images
    /// with one random annotation each (single-label), and the test images with all five annotators (to score the
    /// estimated confusion matrices). Held as rows in memory, so that concurrent trials each read their own data view.
    /// </summary>
    internal sealed class MnistExperimentData
    {
        public static readonly string[] Annotators = SimulatedAnnotatorColumnNames.All.ToArray();

        private MnistExperimentData(AnnotatedRow[] train, AnnotatedRow[] singleLabelTrain, AnnotatedRow[] partialTrain, AnnotatedRow[] test)
        {
            Train = train;
            SingleLabelTrain = singleLabelTrain;
            PartialTrain = partialTrain;
            Test = test;
        }

        public AnnotatedRow[] Train { get; }

        public AnnotatedRow[] SingleLabelTrain { get; }

        /// <summary>The training images with each annotation removed with probability 0.7 (at least one kept).</summary>
        public AnnotatedRow[] PartialTrain { get; }

        public AnnotatedRow[] Test { get; }

        public AnnotatedRow[] Training(Regime regime) => regime switch
        {
            Regime.Dense => Train,
            Regime.SingleLabel => SingleLabelTrain,
            _ => PartialTrain,
        };

        /// <summary>Loads the images and simulates the annotators with <paramref name="seed"/>.</summary>
        public static MnistExperimentData Create(string mnistFolder, ExperimentProfile profile, int seed)
        {
            var ml = new MLContext(seed);
            var train = ml.NoisyLabels().Data.LoadMnist(
                Path.Combine(mnistFolder, "train-images-idx3-ubyte.gz"), Path.Combine(mnistFolder, "train-labels-idx1-ubyte.gz"), profile.TrainImages);
            var test = ml.NoisyLabels().Data.LoadMnist(
                Path.Combine(mnistFolder, "t10k-images-idx3-ubyte.gz"), Path.Combine(mnistFolder, "t10k-labels-idx1-ubyte.gz"), profile.TestImages);
            var simulation = ml.NoisyLabels().Transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options
            {
                Annotators = ExperimentProfile.AnnotatorSet(profile.Annotators),
                Seed = seed,
            }).Fit(train);
            var annotatedTrain = simulation.Transform(train);
            var single = ml.NoisyLabels().Transforms.KeepSingleAnnotation(Annotators, seed: seed + 1000).Fit(annotatedTrain).Transform(annotatedTrain);
            var partial = ml.NoisyLabels().Transforms.RemoveAnnotations(Annotators, RegimeNames.PartialRemoval, seed: seed + 3000).Fit(annotatedTrain).Transform(annotatedTrain);
            return new MnistExperimentData(Read(ml, annotatedTrain), Read(ml, single), Read(ml, partial), Read(ml, simulation.Transform(test)));
        }

        /// <summary>A data view over <paramref name="rows"/> with the dimensions the package expects.</summary>
        public static IDataView View(MLContext ml, AnnotatedRow[] rows) => ml.Data.LoadFromEnumerable(rows, AnnotatedRow.Schema);

        // The simulated annotators are vectors of variable size (custom-mapping outputs): read without dimensions.
        private static AnnotatedRow[] Read(MLContext ml, IDataView data)
            => ml.Data.CreateEnumerable<AnnotatedRow>(data, reuseRowObject: false).ToArray();
    }

    /// <summary>One image with its ground truth and the five annotators' masks (all NaN where an annotation is missing).</summary>
    internal sealed class AnnotatedRow
    {
        public float[] Image { get; set; } = Array.Empty<float>();

        public float[] Mask { get; set; } = Array.Empty<float>();

        public float[] Good { get; set; } = Array.Empty<float>();

        public float[] Over { get; set; } = Array.Empty<float>();

        public float[] Under { get; set; } = Array.Empty<float>();

        public float[] Wrong { get; set; } = Array.Empty<float>();

        public float[] Blank { get; set; } = Array.Empty<float>();

        public static SchemaDefinition Schema { get; } = DigitRowSchema.Create<AnnotatedRow>();

        /// <summary>The mask of annotator <paramref name="name"/>.</summary>
        public float[] Annotation(string name) => name switch
        {
            nameof(Good) => Good,
            nameof(Over) => Over,
            nameof(Under) => Under,
            nameof(Wrong) => Wrong,
            nameof(Blank) => Blank,
            _ => throw new ArgumentException($"Unknown annotator '{name}'."),
        };
    }
}
