using Microsoft.ML.NoisyLabels.Tests.Simulation.Lesions;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Evaluation
{
    [TestClass]
    public class LesionDetectionTests
    {
        private const double Tolerance = 1e-12;
        private static readonly int[] Shape = { 4, 10, 10 };

        private static float[] Empty() => new float[400];

        private static float[] Set(float[] volume, params (int Z, int Y, int X)[] voxels)
        {
            foreach (var (z, y, x) in voxels)
            {
                volume[LesionVolumes.Index(Shape, z, y, x)] = 1;
            }

            return volume;
        }

        /// <summary>
        /// Truth: T1 a 2x2x2 cube, T2 one voxel, T3 a line of three. Prediction: P1 one voxel inside T1, P2 a line of
        /// three overlapping T3's last voxel, P3 and P4 single voxels far from any lesion.
        /// </summary>
        private static (float[] Truth, float[] Predicted) HandMade()
        {
            var truth = LesionVolumes.Box(Empty(), Shape, 0, 1, 0, 1, 0, 1);
            Set(truth, (0, 5, 5), (3, 8, 0), (3, 8, 1), (3, 8, 2));
            var predicted = Set(Empty(), (1, 1, 1), (3, 8, 2), (3, 8, 3), (3, 8, 4), (0, 9, 9), (2, 5, 8));
            return (truth, predicted);
        }

        [TestMethod]
        public void CountsMatchTheHandCountedLesions()
        {
            var ml = new MLContext(seed: 1);
            var (truth, predicted) = HandMade();
            var metrics = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(LesionVolumes.Rows(ml, Shape, (truth, predicted)), "Truth", "Predicted");
            var row = metrics.PerRow.Single();
            Assert.AreEqual(3, row.TruthLesions);
            Assert.AreEqual(4, row.PredictedLesions);
            Assert.AreEqual(2, row.TruePositives, "T1 and T3");
            Assert.AreEqual(1, row.FalseNegatives, "T2");
            Assert.AreEqual(2, row.FalsePositives, "P3 and P4");
            Assert.AreEqual(2.0 / 3, row.Sensitivity, Tolerance);
            Assert.AreEqual(0.5, row.Precision, Tolerance);
            Assert.AreEqual(4.0 / 7, row.F1, Tolerance);
            Assert.AreEqual(VoxelConnectivity.FacesEdgesCorners, metrics.Connectivity);
        }

        [TestMethod]
        public void MinimumSizeIgnoresSmallComponentsOnBothSides()
        {
            var ml = new MLContext(seed: 1);
            var (truth, predicted) = HandMade();
            var row = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(LesionVolumes.Rows(ml, Shape, (truth, predicted)), "Truth", "Predicted", minimumLesionVoxels: 2).Total;

            // T2, P1, P3 and P4 are single voxels: T1 (no longer touched) and T3 remain, and P2, which touches T3.
            Assert.AreEqual(2, row.TruthLesions);
            Assert.AreEqual(1, row.TruePositives);
            Assert.AreEqual(1, row.PredictedLesions);
            Assert.AreEqual(0, row.FalsePositives);
            Assert.AreEqual(0.5, row.Sensitivity, Tolerance);
            Assert.AreEqual(1, row.Precision, Tolerance);
        }

        [TestMethod]
        public void ConnectivityDecidesWhetherDiagonalVoxelsAreOneLesion()
        {
            var ml = new MLContext(seed: 1);
            var truth = Set(Empty(), (0, 0, 0), (1, 1, 1));
            var predicted = Set(Empty(), (0, 0, 0));
            var data = LesionVolumes.Rows(ml, Shape, (truth, predicted));
            var full = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Predicted").Total;
            Assert.AreEqual(1, full.TruthLesions);
            Assert.AreEqual(1, full.TruePositives);
            var faces = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Predicted", VoxelConnectivity.Faces).Total;
            Assert.AreEqual(2, faces.TruthLesions);
            Assert.AreEqual(1, faces.TruePositives);
            Assert.AreEqual(0.5, faces.Sensitivity, Tolerance);
        }

        [TestMethod]
        public void TotalsPoolTheRowsAndEmptyRowsHaveNoRates()
        {
            var ml = new MLContext(seed: 1);
            var (truth, predicted) = HandMade();
            var onlyPredicted = Set(Empty(), (2, 2, 2));
            var metrics = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(
                LesionVolumes.Rows(ml, Shape, (truth, predicted), (Empty(), Empty()), (Empty(), onlyPredicted)), "Truth", "Predicted");
            Assert.AreEqual(3, metrics.PerRow.Count);
            Assert.IsTrue(double.IsNaN(metrics.PerRow[1].Sensitivity) && double.IsNaN(metrics.PerRow[1].Precision) && double.IsNaN(metrics.PerRow[1].F1));
            Assert.IsTrue(double.IsNaN(metrics.PerRow[2].Sensitivity));
            Assert.AreEqual(0, metrics.PerRow[2].Precision);
            Assert.AreEqual(0, metrics.PerRow[2].F1, "a prediction without any lesion to find is all wrong");
            Assert.AreEqual(3, metrics.Total.TruthLesions);
            Assert.AreEqual(5, metrics.Total.PredictedLesions);
            Assert.AreEqual(3, metrics.Total.FalsePositives);
            Assert.AreEqual(2.0 / 5, metrics.Total.Precision, Tolerance);
        }

        [TestMethod]
        public void TwoDimensionalMapsUseTheirOwnConnectivity()
        {
            var ml = new MLContext(seed: 1);
            int[] shape = { 5, 5 };
            var truth = new float[25];
            truth[0] = truth[6] = 1; // (0, 0) and (1, 1): one lesion with 8-connectivity, two with 4
            truth[24] = 1;
            var predicted = new float[25];
            predicted[6] = predicted[12] = 1; // (1, 1) and (2, 2)
            var data = LesionVolumes.Rows(ml, shape, (truth, predicted));
            var full = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Predicted").Total;
            Assert.AreEqual((2L, 1L, 1L, 0L), (full.TruthLesions, full.PredictedLesions, full.TruePositives, full.FalsePositives));
            var faces = ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Predicted", VoxelConnectivity.Faces).Total;
            Assert.AreEqual((3L, 2L, 1L, 1L), (faces.TruthLesions, faces.PredictedLesions, faces.TruePositives, faces.FalsePositives));
        }

        [TestMethod]
        public void MissingColumnsAndMasksAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var (truth, _) = HandMade();
            var data = LesionVolumes.Rows(ml, Shape, (truth, Enumerable.Repeat(float.NaN, 400).ToArray()));
            var column = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Score"));
            StringAssert.Contains(column.Message, "Could not find label column 'Score'");
            var missing = Assert.ThrowsExactly<InvalidOperationException>(() => ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Predicted"));
            StringAssert.Contains(missing.Message, "Label column 'Predicted', row 0: the prediction is missing");
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.NoisyLabels().Evaluation.EvaluateLesionDetection(data, "Truth", "Predicted", minimumLesionVoxels: 0));
        }
    }
}
