using System.Runtime.Intrinsics;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>
    /// The fusion mappings' coded path (the annotators' float buffers read once into one code per pixel, the outputs
    /// written from per-code tables) gives exactly the outputs of the methods run on decoded labels, for every output,
    /// with absent annotators, on images whose size is not a multiple of the vector width, on images large enough to
    /// be coded on every core, and when it hands a case over to the decoding path (more codes than a byte holds).
    /// </summary>
    [TestClass]
    public class FusionCodedPathTests
    {
        [TestMethod]
        [DataRow(nameof(FusionMethod.MajorityVote), 2, 5)]
        [DataRow(nameof(FusionMethod.MeanLabel), 2, 5)]
        [DataRow(nameof(FusionMethod.Staple), 2, 5)]
        [DataRow(nameof(FusionMethod.MajorityVote), 3, 4)]
        [DataRow(nameof(FusionMethod.MeanLabel), 3, 4)]
        [DataRow(nameof(FusionMethod.Staple), 3, 4)]
        [DataRow(nameof(FusionMethod.Staple), 3, 6)] // 3^6 codes: decoded, not coded
        public void ThroughTheApiEveryOutputEqualsTheMathOnDecodedLabels(string methodName, int classes, int raters)
        {
            var method = Enum.Parse<FusionMethod>(methodName);
            const int side = 33; // 1,089 pixels: 34 blocks of 32 and a tail of 1
            var rows = Enumerable.Range(0, 3).Select(n => FusionTestData.RingRaters(classes, raters, side, seed: 10 * n)).ToArray();
            // Row 1 lacks its second annotator.
            var present = rows.Select((_, n) => Enumerable.Range(0, raters).Select(r => n != 1 || r != 1).ToArray()).ToArray();
            var data = FusionDataViews.Floats(rows, new[] { side, side }, present);
            var output = Fit(method, raters, classes, data).Transform(data);

            var fused = FusionDataViews.Column(output, "Fused");
            var probabilities = FusionDataViews.Column(output, "P");
            var matrices = FusionDataViews.Column(output, "Cm");
            var statistics = method == FusionMethod.Staple ? FusionDataViews.Column(output, "S") : null;
            for (int n = 0; n < rows.Length; n++)
            {
                var expected = Reference(method, rows[n], classes, present[n]);
                CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), fused[n], $"fused, row {n}");
                CollectionAssert.AreEqual(expected.Posterior.Select(v => (float)v).ToArray(), probabilities[n], $"probabilities, row {n}");
                CollectionAssert.AreEqual(expected.Confusion.Select(v => (float)v).ToArray(), matrices[n], $"matrices, row {n}");
                if (statistics is not null)
                {
                    CollectionAssert.AreEqual(new[] { (float)expected.Statistics.Iterations, expected.Statistics.Converged ? 1f : 0f }, statistics[n], $"statistics, row {n}");
                }
            }
        }

        // 1,100 x 1,000 pixels and 3 annotators: coded in chunks on every core, and read through one cursor.
        [TestMethod]
        [DataRow(nameof(FusionMethod.MajorityVote))]
        [DataRow(nameof(FusionMethod.Staple))]
        public void ALargeImageIsCodedInChunksAndReadThroughOneCursor(string methodName)
        {
            var method = Enum.Parse<FusionMethod>(methodName);
            const int width = 1100, height = 1000, raters = 3;
            var truth = new byte[width * height];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int dx = x - 600, dy = y - 450;
                    truth[(y * width) + x] = (byte)((dx * dx) + (dy * dy) < 350 * 350 ? 1 : 0);
                }
            }

            var annotators = Enumerable.Range(0, raters).Select(r => FusionTestData.Noisy(truth, 0.05 * (r + 1), seed: r)).ToArray();
            var data = FusionDataViews.Floats(new[] { annotators }, new[] { height, width });
            var output = Fit(method, raters, 2, data).Transform(data);

            var columns = new[] { output.Schema["Fused"], output.Schema["Cm"] };
            Assert.AreEqual(1, output.GetRowCursorSet(columns, 4).Length, "rows this large are not split over threads");
            var expected = Reference(method, annotators, 2, FusionTestData.AllPresent(raters));
            CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), FusionDataViews.Column(output, "Fused")[0]);
            CollectionAssert.AreEqual(expected.Posterior.Select(v => (float)v).ToArray(), FusionDataViews.Column(output, "P")[0]);
            CollectionAssert.AreEqual(expected.Confusion.Select(v => (float)v).ToArray(), FusionDataViews.Column(output, "Cm")[0]);
        }

        [TestMethod]
        public void ABadValueIsReportedWithItsColumnAndPixel()
        {
            var rows = new[] { FusionTestData.DiscRaters(40).Take(5).ToArray() };
            rows[0][3][700] = 2; // a binary annotation holding class 2, inside a vector block
            var data = FusionDataViews.Floats(rows, new[] { 40, 40 });
            var model = Fit(FusionMethod.MajorityVote, 5, 2, data, numberOfClasses: 2);
            // ML.NET may rethrow the mapping's error from its reading threads: its text is in the exception's chain.
            var error = Assert.Throws<InvalidOperationException>(() => FusionDataViews.Column(model.Transform(data), "Fused")).ToString();
            StringAssert.Contains(error, "Annotator column 'A3': value 2 at pixel 700 is not a class label");
        }

        // As floats, a mask lane with every bit set is NaN and equals nothing: the check compares bits.
        [TestMethod]
        public void AllSetTellsAFullMaskFromAPartialOne()
        {
            Assert.IsTrue(LabelValues.AllSet(Vector256<float>.AllBitsSet));
            Assert.IsTrue(LabelValues.AllSet(Vector256.Equals(Vector256.Create(1f), Vector256.Create(1f))));
            Assert.IsFalse(LabelValues.AllSet(Vector256.Equals(Vector256.Create(1f), Vector256.Create(1f, 1, 1, 1, 1, 1, 1, 0))));
            Assert.IsFalse(LabelValues.AllSet(Vector256<float>.Zero));
        }

        private static ITransformer Fit(FusionMethod method, int raters, int classes, IDataView data, int? numberOfClasses = null)
        {
            var ml = new MLContext(seed: 1);
            var transforms = ml.NoisyLabels().Transforms;
            var names = FusionDataViews.Names(raters);
            numberOfClasses ??= classes;
            return method switch
            {
                FusionMethod.MajorityVote => transforms.MajorityVote("Fused", names, numberOfClasses, "P", "Cm").Fit(data),
                FusionMethod.MeanLabel => transforms.MeanLabel("Fused", names, numberOfClasses, "P", "Cm").Fit(data),
                _ => transforms.Staple(new StapleEstimator.Options
                {
                    OutputColumnName = "Fused",
                    AnnotatorColumnNames = names,
                    NumberOfClasses = numberOfClasses,
                    ProbabilitiesColumnName = "P",
                    ConfusionMatricesColumnName = "Cm",
                    StatisticsColumnName = "S",
                }).Fit(data),
            };
        }

        private static FusionRun Reference(FusionMethod method, byte[][] raters, int classes, bool[] present) => method switch
        {
            FusionMethod.MajorityVote => FusionRun.MajorityVote(raters, classes, present),
            FusionMethod.MeanLabel => FusionRun.MeanLabel(raters, classes, present),
            _ => FusionRun.Staple(raters, classes, present: present),
        };
    }
}
