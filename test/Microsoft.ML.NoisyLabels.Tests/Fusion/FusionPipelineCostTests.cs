using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>
    /// The fusion transforms' per-row path: each annotator column read once, nothing else per pixel, and the reference
    /// fusion also for variable-size columns and for more annotators than the mapping's input slots.
    /// </summary>
    [TestClass]
    public class FusionPipelineCostTests
    {
        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void EachAnnotatorColumnIsReadOncePerRow(bool keys)
        {
            var ml = new MLContext(seed: 1);
            var rows = Enumerable.Range(0, 5).Select(n => FusionTestData.DiscRaters(12).Select((r, j) => FusionTestData.Noisy(r, 0.05, (10 * n) + j)).ToArray()).ToArray();
            int raters = rows[0].Length;
            var reads = new int[raters];
            var type = keys ? new VectorDataViewType(new KeyDataViewType(typeof(uint), 2), 12, 12) : new VectorDataViewType(NumberDataViewType.Single, 12, 12);
            var columns = Enumerable.Range(0, raters).Select(r => keys
                ? (InMemoryColumn)new InMemoryColumn<VBuffer<uint>>("A" + r, type, (long row, ref VBuffer<uint> value) =>
                {
                    Interlocked.Increment(ref reads[r]);
                    value = new VBuffer<uint>(144, rows[row][r].Select(v => v + 1u).ToArray());
                })
                : new InMemoryColumn<VBuffer<float>>("A" + r, type, (long row, ref VBuffer<float> value) =>
                {
                    Interlocked.Increment(ref reads[r]);
                    value = new VBuffer<float>(144, rows[row][r].Select(v => (float)v).ToArray());
                })).ToArray();
            var data = new InMemoryDataView(rows.Length, columns);
            var names = FusionDataViews.Names(raters);
            var model = ml.NoisyLabels().Transforms.Staple("Fused", names, probabilitiesColumnName: "Posterior").Fit(data);
            CollectionAssert.AreEqual(new int[raters], reads, "fitting reads no data");

            var output = model.Transform(data);
            var fused = output.GetColumn<float[]>(output.Schema["Fused"]).ToArray();
            // The settings column's argument never reads the first annotator; the mapping reads each column once per row.
            CollectionAssert.AreEqual(Enumerable.Repeat(rows.Length, raters).ToArray(), reads);
            for (int n = 0; n < rows.Length; n++)
            {
                CollectionAssert.AreEqual(FusionRun.Staple(rows[n], 2).Fused.Select(v => (float)v).ToArray(), fused[n], $"row {n}");
            }
        }
    
        // Variable-size columns (their size known only per row; the settings column then hashes the first annotator)
        // and more annotators than the mapping has slots (the last slot holds the rest, concatenated).
        [TestMethod]
        [DataRow(false, 6)]
        [DataRow(true, 6)]
        [DataRow(false, 11)]
        [DataRow(true, 11)]
        public void VariableSizesAndManyAnnotatorsGiveTheReferenceFusion(bool variable, int raters)
        {
            var ml = new MLContext(seed: 1);
            int[] sides = variable ? new[] { 10, 14 } : new[] { 12, 12 };
            var rows = sides.Select((side, n) => Enumerable.Range(0, raters)
                .Select(j => FusionTestData.Noisy(FusionTestData.Disc(side, side / 3.0), 0.04 + (0.01 * (j % 4)), (100 * n) + j)).ToArray()).ToArray();
            var type = variable ? new VectorDataViewType(NumberDataViewType.Single) : new VectorDataViewType(NumberDataViewType.Single, 12, 12);
            var columns = Enumerable.Range(0, raters).Select(r => (InMemoryColumn)new InMemoryColumn<VBuffer<float>>("A" + r, type, (long row, ref VBuffer<float> value) =>
                value = new VBuffer<float>(rows[row][r].Length, rows[row][r].Select(v => (float)v).ToArray()))).ToArray();
            var data = new InMemoryDataView(rows.Length, columns);
            var names = FusionDataViews.Names(raters);
            var output = ml.NoisyLabels().Transforms.Staple("Fused", names, confusionMatricesColumnName: "Cm").Fit(data).Transform(data);
            var fused = FusionDataViews.Column(output, "Fused");
            var matrices = FusionDataViews.Column(output, "Cm");
            for (int n = 0; n < rows.Length; n++)
            {
                var expected = FusionRun.Staple(rows[n], 2);
                CollectionAssert.AreEqual(expected.Fused.Select(v => (float)v).ToArray(), fused[n], $"row {n}");
                CollectionAssert.AreEqual(expected.Confusion.Select(v => (float)v).ToArray(), matrices[n], $"row {n}");
            }
        }
    }
}
