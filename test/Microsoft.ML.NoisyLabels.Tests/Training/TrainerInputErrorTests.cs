using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    [TestClass]
    public class TrainerInputErrorTests
    {
        private static AnnotatorConfusionTrainer.Options Options(params string[] annotators) => new AnnotatorConfusionTrainer.Options
        {
            AnnotatorColumnNames = annotators.Length == 0 ? new[] { "A0", "A1" } : annotators,
            Epochs = 1,
            BatchSize = 4,
            NetworkWidth = 2,
            NetworkDepth = 0,
            Seed = 1,
        };

        private static Exception Fit(MLContext ml, IDataView data, AnnotatorConfusionTrainer.Options options)
            => Assert.Throws<Exception>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(data));

        [TestMethod]
        public void MissingColumnsAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 4, 8, seed: 1);
            var ex = Fit(ml, data, Options("A0", "Nobody"));
            Assert.IsInstanceOfType<ArgumentOutOfRangeException>(ex);
            StringAssert.Contains(ex.Message, "Could not find annotator column 'Nobody'");

            var options = Options();
            options.ImageColumnName = "Picture";
            ex = Fit(ml, data, options);
            StringAssert.Contains(ex.Message, "Could not find image column 'Picture'");
        }

        [TestMethod]
        public void MistypedColumnsAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var data = TrainerTestData.Load(ml, 4, 8, seed: 1);
            // Images must be vectors of Single with known dimensions.
            var withDouble = ml.Transforms.Conversion.ConvertType("Doubles", "Image", DataKind.Double).Fit(data).Transform(data);
            var options = Options();
            options.ImageColumnName = "Doubles";
            var ex = Fit(ml, withDouble, options);
            Assert.IsInstanceOfType<ArgumentOutOfRangeException>(ex);
            StringAssert.Contains(ex.Message, "Schema mismatch for image column 'Doubles'");

            ex = Fit(ml, ml.Transforms.Conversion.ConvertType("Text", "A0", DataKind.String).Fit(data).Transform(data), Options("A0", "Text"));
            StringAssert.Contains(ex.Message, "Schema mismatch for annotator column 'Text'");
        }

        [TestMethod]
        public void AnnotationOfTheWrongSizeIsNamed()
        {
            var ml = new MLContext(seed: 1);
            var big = TrainerTestData.Load(ml, 4, 10, seed: 1);
            var small = TrainerTestData.Load(ml, 4, 8, seed: 1);
            // Images of 8 x 8 with an annotator column of 10 x 10 labels.
            var mixed = ml.Transforms.CopyColumns("Large", "A0").Fit(big).Transform(big);
            var rows = ml.Data.CreateEnumerable<TrainerTestData.Row>(small, reuseRowObject: false).ToArray();
            var large = mixed.GetColumn<float[]>("Large").ToArray();
            var combined = ml.Data.LoadFromEnumerable(rows.Select((r, i) => new WithLarge { Image = r.Image, A0 = r.A0, Large = large[i] }), WithLarge.Schema());
            var ex = Fit(ml, combined, Options("A0", "Large"));
            StringAssert.Contains(ex.Message, "'Large'");
            StringAssert.Contains(ex.Message, "64");
        }

        [TestMethod]
        public void LabelOutOfRangeNamesColumnRowPixelAndValue()
        {
            var ml = new MLContext(seed: 1);
            var rows = TrainerTestData.Rows(4, 8, seed: 1);
            rows[2].A1[5] = 3;
            var ex = Fit(ml, TrainerTestData.Load(ml, rows, 8), Options());
            Assert.IsInstanceOfType<InvalidOperationException>(ex);
            StringAssert.Contains(ex.Message, "Annotator column 'A1', row 2");
            StringAssert.Contains(ex.Message, "value 3 at pixel 5");
        }

        [TestMethod]
        public void NaNPixelNamesColumnRowAndPixel()
        {
            var ml = new MLContext(seed: 1);
            var rows = TrainerTestData.Rows(4, 8, seed: 1);
            rows[3].Image[7] = float.NaN;
            var ex = Fit(ml, TrainerTestData.Load(ml, rows, 8), Options());
            StringAssert.Contains(ex.Message, "Image column 'Image', row 3");
            StringAssert.Contains(ex.Message, "pixel 7");
        }

        [TestMethod]
        public void NoAnnotatedImageAtAllIsAnError()
        {
            var ml = new MLContext(seed: 1);
            var rows = TrainerTestData.Rows(4, 8, seed: 1);
            foreach (var row in rows)
            {
                Array.Fill(row.A0, float.NaN);
                Array.Fill(row.A1, float.NaN);
            }

            var ex = Fit(ml, TrainerTestData.Load(ml, rows, 8), Options());
            Assert.IsInstanceOfType<InvalidOperationException>(ex);
            StringAssert.Contains(ex.Message, "No image in the training data has an annotation");
        }

        [TestMethod]
        public void BadOptionsAreRejectedBeforeTraining()
        {
            var ml = new MLContext(seed: 1);
            var options = Options();
            options.Lambda = -1;
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options));
            options = Options();
            options.AnnotatorColumnNames = Array.Empty<string>();
            Assert.ThrowsExactly<ArgumentException>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options));
            options = Options("A0", "A0");
            Assert.ThrowsExactly<ArgumentException>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options));
            options = Options();
            options.NumberOfClasses = 1;
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options));
            options = Options();
            options.Likelihood = (AnnotationLikelihood)7;
            var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Trainers.AnnotatorConfusion(options));
            Assert.AreEqual(nameof(options.Likelihood), ex.ParamName);
            StringAssert.Contains(ex.Message, "must be one of Independent, SharedTruth");
        }

        [TestMethod]
        public void CudaAskedForAndAbsentIsAClearErrorOrAFallback()
        {
            if (TorchSharp.torch.cuda.is_available())
            {
                Assert.Inconclusive("This machine has CUDA: the error path cannot be observed here.");
            }

            var ml = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = false };
            var data = TrainerTestData.Load(ml, 4, 8, seed: 1);
            var ex = Fit(ml, data, Options());
            Assert.IsInstanceOfType<InvalidOperationException>(ex);
            StringAssert.Contains(ex.Message, "GpuDeviceId asks for CUDA device 0");
            StringAssert.Contains(ex.Message, "FallbackToCpu");

            var warnings = new List<string>();
            var fallback = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = true };
            fallback.Log += (_, e) =>
            {
                if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning)
                {
                    warnings.Add(e.Message);
                }
            };
            var model = fallback.NoisyLabels().Trainers.AnnotatorConfusion(Options()).Fit(TrainerTestData.Load(fallback, 4, 8, seed: 1));
            Assert.IsNotNull(model);
            Assert.IsTrue(warnings.Any(w => w.Contains("training on the CPU", StringComparison.Ordinal)), string.Join("\n", warnings));
        }

        private sealed class WithLarge
        {
            public float[] Image { get; set; } = Array.Empty<float>();

            public float[] A0 { get; set; } = Array.Empty<float>();

            public float[] Large { get; set; } = Array.Empty<float>();

            public static SchemaDefinition Schema()
            {
                var schema = SchemaDefinition.Create(typeof(WithLarge));
                schema[nameof(Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, 8, 8);
                schema[nameof(A0)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 8, 8);
                schema[nameof(Large)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 10, 10);
                return schema;
            }
        }
    }
}
