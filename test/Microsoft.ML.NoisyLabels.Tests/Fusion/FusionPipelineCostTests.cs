using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>The fusion transforms' per-row path reads each annotator column once, and nothing else per pixel.</summary>
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
            var model = ml.NoisyLabels().Transforms.Staple("Fused", names, posteriorColumnName: "Posterior").Fit(data);
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
    }
}
