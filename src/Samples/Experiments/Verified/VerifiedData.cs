using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Simulation;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Verified
{
    /// <summary>
    /// The data of one seed: MNIST images with the over-segmenting-majority annotators, and a verified mask (the truth)
    /// on a seeded share of the training images, NaN on the others. Held as rows, so that concurrent trials each read
    /// their own data view.
    /// </summary>
    internal sealed class VerifiedData
    {
        public static readonly string[] Annotators = SimulatedAnnotatorColumnNames.OverSegmentingMajority.ToArray();

        private VerifiedData(VerifiedRow[] train, VerifiedRow[] test)
        {
            Train = train;
            Test = test;
        }

        public VerifiedRow[] Train { get; }

        public VerifiedRow[] Test { get; }

        /// <summary>Loads the images, simulates the annotators and picks the verified images, all from <paramref name="seed"/>.</summary>
        public static VerifiedData Create(string mnistFolder, ExperimentProfile profile, double verifiedShare, int seed)
        {
            var ml = new MLContext(seed);
            var train = ml.NoisyLabels().Data.LoadMnist(
                Path.Combine(mnistFolder, "train-images-idx3-ubyte.gz"), Path.Combine(mnistFolder, "train-labels-idx1-ubyte.gz"), profile.TrainImages);
            var test = ml.NoisyLabels().Data.LoadMnist(
                Path.Combine(mnistFolder, "t10k-images-idx3-ubyte.gz"), Path.Combine(mnistFolder, "t10k-labels-idx1-ubyte.gz"), profile.TestImages);
            var simulation = ml.NoisyLabels().Transforms.SimulateAnnotators(new AnnotatorSimulationEstimator.Options
            {
                Annotators = SimulatedAnnotator.OverSegmentingMajorityAnnotators(),
                Seed = seed,
            }).Fit(train);
            var trainRows = Read(ml, simulation.Transform(train));
            var testRows = Read(ml, simulation.Transform(test));

            // A seeded choice of round(share * N) images (at least one) whose mask is verified.
            int count = Math.Max(1, (int)Math.Round(verifiedShare * trainRows.Length));
            var order = Enumerable.Range(0, trainRows.Length).ToArray();
            new Random(seed + 5000).Shuffle(order);
            var missing = Enumerable.Repeat(float.NaN, trainRows[0].Mask.Length).ToArray();
            var chosen = new HashSet<int>(order.Take(count));
            for (int n = 0; n < trainRows.Length; n++)
            {
                trainRows[n].Verified = chosen.Contains(n) ? trainRows[n].Mask : missing;
            }

            foreach (var row in testRows)
            {
                row.Verified = missing;
            }

            return new VerifiedData(trainRows, testRows);
        }

        /// <summary>A data view over <paramref name="rows"/> with the dimensions the package expects.</summary>
        public static IDataView View(MLContext ml, VerifiedRow[] rows) => ml.Data.LoadFromEnumerable(rows, VerifiedRow.Schema);

        /// <summary>The rows of <paramref name="data"/> whose verified mask is present.</summary>
        public static long CountVerified(IDataView data)
            => data.GetColumn<float[]>(VerifiedMethods.VerifiedColumn).LongCount(mask => !float.IsNaN(mask[0]));

        // The verified column is added after reading: the simulation does not write it.
        private static VerifiedRow[] Read(MLContext ml, IDataView data)
            => ml.Data.CreateEnumerable<VerifiedRow>(data, reuseRowObject: false, ignoreMissingColumns: true).ToArray();
    }

    /// <summary>One image, its ground truth, the five annotators' masks and the verified mask (NaN where none).</summary>
    internal sealed class VerifiedRow
    {
        public float[] Image { get; set; } = Array.Empty<float>();

        public float[] Mask { get; set; } = Array.Empty<float>();

        public float[] Good { get; set; } = Array.Empty<float>();

        public float[] Under { get; set; } = Array.Empty<float>();

        public float[] Over { get; set; } = Array.Empty<float>();

        public float[] OverThick { get; set; } = Array.Empty<float>();

        public float[] OverFractured { get; set; } = Array.Empty<float>();

        public float[] Verified { get; set; } = Array.Empty<float>();

        public static SchemaDefinition Schema { get; } = DigitRowSchema.Create<VerifiedRow>();
    }
}
