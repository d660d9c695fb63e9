using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Fusion;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    [TestClass]
    public class FusionErrorTests
    {
        private static IDataView Data(params float[][] annotators)
            => new InMemoryDataView(1, annotators.Select((values, r) => (InMemoryColumn)new InMemoryColumn<VBuffer<float>>(
                "A" + r,
                new VectorDataViewType(NumberDataViewType.Single, values.Length),
                (long row, ref VBuffer<float> value) => value = new VBuffer<float>(values.Length, (float[])values.Clone()))).ToArray());

        private static string TransformError(IEstimator<ITransformer> estimator, IDataView data)
        {
            var model = estimator.Fit(data);
            var ex = Assert.Throws<InvalidOperationException>(() => model.Transform(data).GetColumn<float[]>("Fused").ToArray());
            return ex.ToString();
        }

        [TestMethod]
        public void MissingColumnsAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var data = Data(new float[] { 0, 1, 1, 0 });
            var estimator = ml.NoisyLabels().Transforms.Staple("Fused", new[] { "A0", "Nope" });
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            StringAssert.Contains(ex.Message, "Could not find annotator column 'Nope'");
            ex = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(TestData.ShapeOf(data.Schema)));
            StringAssert.Contains(ex.Message, "Could not find annotator column 'Nope'");
        }

        [TestMethod]
        public void WrongTypesAndSizesAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var text = new InMemoryDataView(1, new InMemoryColumn<ReadOnlyMemory<char>>("A0", TextDataViewType.Instance, (long row, ref ReadOnlyMemory<char> v) => v = "x".AsMemory()));
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.MajorityVote("Fused", new[] { "A0" }).Fit(text));
            StringAssert.Contains(ex.Message, "Schema mismatch for annotator column 'A0': expected vector of key or numeric labels, got String");
            ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.MajorityVote("Fused", new[] { "A0" }).GetOutputSchema(TestData.ShapeOf(text.Schema)));
            StringAssert.Contains(ex.Message, "Schema mismatch for annotator column 'A0'");

            var sizes = Data(new float[] { 0, 1, 1, 0 }, new float[] { 0, 1, 1 });
            ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Transforms.MeanLabel("Fused", new[] { "A0", "A1" }).Fit(sizes));
            StringAssert.Contains(ex.Message, "Schema mismatch for annotator column 'A1': expected vector of 4 labels (as column 'A0'), got Vector<Single, 3>");
        }

        [TestMethod]
        public void BadOptionsAreRejectedWhenTheEstimatorIsCreated()
        {
            var ml = new MLContext(seed: 1);
            var transforms = ml.NoisyLabels().Transforms;
            StringAssert.Contains(Assert.Throws<ArgumentException>(() => transforms.Staple("Fused", Array.Empty<string>())).Message, "at least one annotator column");
            Assert.Throws<ArgumentException>(() => transforms.MajorityVote("", new[] { "A0" }));
            Assert.Throws<ArgumentException>(() => transforms.MeanLabel("Fused", new[] { "A0" }, probabilitiesColumnName: "Fused"));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.Staple("Fused", new[] { "A0" }, numberOfClasses: 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.Staple(new StapleEstimator.Options { AnnotatorColumnNames = new[] { "A0" }, OutputColumnName = "F", MaximumNumberOfIterations = 0 }));
            Assert.Throws<ArgumentException>(() => transforms.Staple(new StapleEstimator.Options { AnnotatorColumnNames = new[] { "A0" }, OutputColumnName = "F", PriorProbabilities = new[] { 0.2, 0.2 } }));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SpatialStaple("Fused", new[] { "A0" }, windowRadius: -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => transforms.SpatialStaple(new SpatialStapleEstimator.Options { AnnotatorColumnNames = new[] { "A0" }, OutputColumnName = "F", ConsensusThreshold = 0.3 }));
            Assert.Throws<ArgumentException>(() => transforms.SpatialStaple(new SpatialStapleEstimator.Options { AnnotatorColumnNames = new[] { "A0" }, OutputColumnName = "F", ImageShape = new[] { 4 } }));
        }

        [TestMethod]
        public void BadValuesNameColumnPixelAndValue()
        {
            var ml = new MLContext(seed: 1);
            var names = new[] { "A0", "A1" };
            var transforms = ml.NoisyLabels().Transforms;
            var tooLarge = Data(new float[] { 0, 1, 1, 0 }, new float[] { 0, 1, 2, 0 });
            StringAssert.Contains(TransformError(transforms.Staple("Fused", names), tooLarge), "Annotator column 'A1': value 2 at pixel 2 is not a class label");
            var fraction = Data(new float[] { 0, 0.5f, 1, 0 }, new float[] { 0, 1, 1, 0 });
            StringAssert.Contains(TransformError(transforms.MajorityVote("Fused", names), fraction), "Annotator column 'A0': value 0.5 at pixel 1");
            var negative = Data(new float[] { 0, 1, 1, 0 }, new float[] { 0, 1, 1, -1 });
            StringAssert.Contains(TransformError(transforms.MeanLabel("Fused", names), negative), "Annotator column 'A1': value -1 at pixel 3");
            var partial = Data(new float[] { 0, 1, float.NaN, 0 }, new float[] { 0, 1, 1, 0 });
            StringAssert.Contains(TransformError(transforms.SpatialStaple(new SpatialStapleEstimator.Options { AnnotatorColumnNames = names, OutputColumnName = "Fused", ImageShape = new[] { 2, 2 } }), partial),
                "Annotator column 'A0': the annotation is missing at some pixels only (first at pixel 2)");

            // A key type with more values than the classes asked for: key 3 is class 2.
            var keys = new InMemoryDataView(1, new InMemoryColumn<VBuffer<uint>>("A0", new VectorDataViewType(new KeyDataViewType(typeof(uint), 3), 3),
                (long row, ref VBuffer<uint> v) => v = new VBuffer<uint>(3, new uint[] { 1, 3, 2 })));
            StringAssert.Contains(TransformError(transforms.Staple("Fused", new[] { "A0" }, numberOfClasses: 2), keys), "Annotator column 'A0': value 2 at pixel 1");
        }
    }
}
