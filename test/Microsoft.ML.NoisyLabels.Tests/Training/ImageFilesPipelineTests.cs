using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.Transforms.Image;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    /// <summary>
    /// The route the README gives for images stored as files: ML.NET's ImageAnalytics loads, resizes, greys and
    /// extracts the pixels into the [C, H, W] vector the trainer reads, in one ordinary pipeline with the trainer.
    /// </summary>
    [TestClass]
    public class ImageFilesPipelineTests
    {
        private sealed class FileRow
        {
            public string ImagePath { get; set; } = string.Empty;

            public float[] A0 { get; set; } = Array.Empty<float>();

            public float[] A1 { get; set; } = Array.Empty<float>();
        }

        [TestMethod]
        public void ImagesLoadedFromFilesTrainAndPredict()
        {
            string folder = TestData.NewTempFolder();
            var rows = TrainerTestData.Rows(12, 8, seed: 5);
            var files = new List<FileRow>();
            for (int n = 0; n < rows.Length; n++)
            {
                // A 16 x 16 PNG whose 2 x 2 blocks carry the 8 x 8 image: resizing to 8 x 8 gives it back.
                string path = Path.Combine(folder, $"image{n}.png");
                using (var image = MLImage.CreateFromPixels(16, 16, MLPixelFormat.Bgra32, GreyBlocks(rows[n].Image, 8, 2)))
                {
                    image.Save(path);
                }

                files.Add(new FileRow { ImagePath = path, A0 = rows[n].A0, A1 = rows[n].A1 });
            }

            var ml = new MLContext(seed: 1);
            var schema = SchemaDefinition.Create(typeof(FileRow));
            schema[nameof(FileRow.A0)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 8, 8);
            schema[nameof(FileRow.A1)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 8, 8);
            var data = ml.Data.LoadFromEnumerable(files, schema);

            var pipeline = ml.Transforms.LoadImages("Picture", folder, nameof(FileRow.ImagePath))
                .Append(ml.Transforms.ResizeImages("Picture", imageWidth: 8, imageHeight: 8))
                .Append(ml.Transforms.ConvertToGrayscale("Picture"))
                .Append(ml.Transforms.ExtractPixels("Image", "Picture", colorsToExtract: ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255))
                .Append(ml.NoisyLabels().Trainers.AnnotatorConfusion(new AnnotatorConfusionTrainer.Options
                {
                    AnnotatorColumnNames = new[] { nameof(FileRow.A0), nameof(FileRow.A1) },
                    Epochs = 1,
                    NetworkWidth = 4,
                    NetworkDepth = 1,
                }));
            var model = pipeline.Fit(data);
            var scored = model.Transform(data);

            CollectionAssert.AreEqual(new[] { 1, 8, 8 }, ((VectorDataViewType)scored.Schema["Image"].Type).Dimensions.ToArray());
            var pixels = scored.GetColumn<float[]>("Image").First();
            for (int i = 0; i < pixels.Length; i++)
            {
                Assert.AreEqual(rows[0].Image[i], pixels[i], 1.5 / 255, $"pixel {i}");
            }

            Assert.AreEqual(12, scored.GetColumn<float[]>("PredictedLabel").Count(p => p.Length == 64));
        }

        // BGRA pixels of a side x side map of grey levels in 0..1, each value drawn as a scale x scale block.
        private static byte[] GreyBlocks(float[] map, int side, int scale)
        {
            int width = side * scale;
            var pixels = new byte[width * width * 4];
            for (int y = 0; y < width; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    byte level = (byte)MathF.Round(Math.Clamp(map[((y / scale) * side) + (x / scale)], 0f, 1f) * 255f);
                    int i = ((y * width) + x) * 4;
                    pixels[i] = level;
                    pixels[i + 1] = level;
                    pixels[i + 2] = level;
                    pixels[i + 3] = 255;
                }
            }

            return pixels;
        }
    }
}
