using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    /// <summary>
    /// A Fit reads its training data, and its validation set, in one pass each: images, annotations, the oracle's ground
    /// truth, soft targets and the validation ground truth all come from the same cursor. Measured before: two passes
    /// over the training data for the oracle and for soft targets; over the validation set two per network trained
    /// (its labels, then its ground truth), so four for two separate networks.
    /// </summary>
    [TestClass]
    public class InputPassTests
    {
        private const int Size = 8;

        private sealed class Row
        {
            public float[] Image { get; set; } = Array.Empty<float>();

            public float[] Truth { get; set; } = Array.Empty<float>();

            public float[] A0 { get; set; } = Array.Empty<float>();

            public float[] A1 { get; set; } = Array.Empty<float>();

            /// <summary>Class probabilities [L, H, W] of the truth, for the trainer's soft targets.</summary>
            public float[] Soft { get; set; } = Array.Empty<float>();
        }

        private static CountingDataView Data(MLContext ml, int seed)
        {
            var rows = TrainerTestData.Rows(8, Size, seed).Select(r => new Row
            {
                Image = r.Image,
                Truth = r.Truth,
                A0 = r.A0,
                A1 = r.A1,
                Soft = r.Truth.Select(v => 1 - v).Concat(r.Truth).ToArray(),
            }).ToArray();
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, Size, Size);
            foreach (string name in new[] { nameof(Row.Truth), nameof(Row.A0), nameof(Row.A1) })
            {
                schema[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Size, Size);
            }

            schema[nameof(Row.Soft)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2, Size, Size);
            return new CountingDataView(ml.Data.LoadFromEnumerable(rows, schema));
        }

        private static void Tiny(SegmentationTrainerOptionsBase options, CountingDataView validation)
        {
            options.Epochs = 1;
            options.BatchSize = 4;
            options.NetworkWidth = 2;
            options.NetworkDepth = 0;
            options.Seed = 1;
            options.NumberOfThreads = 1;
            options.ValidationSet = validation;
            options.ValidationGroundTruthColumnName = "Truth";
        }

        private static void AssertPasses(int expected, CountingDataView data, string what)
        {
            Console.WriteLine($"{what}: {data.Cursors} cursor(s)");
            Assert.AreEqual(expected, data.Cursors, what);
        }

        [TestMethod]
        public void AnnotatorConfusionReadsEachInputOnce()
        {
            var ml = new MLContext(seed: 1);
            var (train, validation) = (Data(ml, 1), Data(ml, 2));
            var options = new AnnotatorConfusionTrainer.Options { AnnotatorColumnNames = new[] { "A0", "A1" } };
            Tiny(options, validation);
            ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(train);
            AssertPasses(1, train, "annotator confusion, training data");
            AssertPasses(1, validation, "annotator confusion, validation set");
        }

        [TestMethod]
        public void TheOracleReadsItsGroundTruthInTheSamePass()
        {
            var ml = new MLContext(seed: 1);
            var (train, validation) = (Data(ml, 1), Data(ml, 2));
            var options = new AnnotatorConfusionTrainer.Options { AnnotatorColumnNames = new[] { "A0", "A1" }, OracleGroundTruthColumnName = "Truth" };
            Tiny(options, validation);
            ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(train);
            AssertPasses(1, train, "oracle, training data");
            AssertPasses(1, validation, "oracle, validation set");
        }

        [TestMethod]
        public void SeparateNetworksShareOneReadOfTheValidationSet()
        {
            var ml = new MLContext(seed: 1);
            var (train, validation) = (Data(ml, 1), Data(ml, 2));
            var options = new SegmentationTrainer.Options { LabelColumnNames = new[] { "A0", "A1" }, MultipleLabelColumns = MultipleLabelColumnsMode.SeparateNetworks };
            Tiny(options, validation);
            ml.NoisyLabels().Trainers.Segmentation(options).Fit(train);
            AssertPasses(1, train, "separate networks, training data");
            AssertPasses(1, validation, "separate networks, validation set");
        }

        [TestMethod]
        public void SoftTargetsAreReadWithTheImages()
        {
            var ml = new MLContext(seed: 1);
            var (train, validation) = (Data(ml, 1), Data(ml, 2));
            var options = new SegmentationTrainer.Options { LabelColumnNames = new[] { "Soft" } };
            Tiny(options, validation);
            options.ValidationSet = null;
            options.ValidationGroundTruthColumnName = null;
            ml.NoisyLabels().Trainers.Segmentation(options).Fit(train);
            AssertPasses(1, train, "soft targets, training data");
            AssertPasses(0, validation, "soft targets, no validation set");
        }
    }
}
