using Microsoft.ML.NoisyLabels.Sweeps;
using Microsoft.ML.NoisyLabels.Tests.Training;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Microsoft.ML.NoisyLabels.Tests.Sweeps.SweepTestSupport;

namespace Microsoft.ML.NoisyLabels.Tests.Sweeps
{
    /// <summary>Every error is raised before the first trial trains: no progress is ever reported.</summary>
    [TestClass]
    public class LambdaSweepErrorTests
    {
        private static TException Fails<TException>(LambdaSweep.Options options, IDataView? data = null, Action<AnnotatorConfusionTrainer.Options>? change = null)
            where TException : Exception
        {
            var ml = new MLContext(seed: 1);
            var trainerOptions = TinyOptions();
            change?.Invoke(trainerOptions);
            var progress = new ProgressLog();
            options.Progress = progress;
            var ex = Assert.ThrowsExactly<TException>(() => ml.NoisyLabels().Sweeps.Lambda(data ?? TrainerTestData.Load(ml, 16, Size, seed: 1), trainerOptions, options));
            Assert.AreEqual(0, progress.Reports.Count, "nothing trains before the error");
            return ex;
        }

        [TestMethod]
        public void EmptyGrid()
        {
            var ex = Fails<ArgumentException>(new LambdaSweep.Options { Lambdas = Array.Empty<double>() });
            StringAssert.Contains(ex.Message, "The lambda grid is empty");
            Fails<ArgumentException>(new LambdaSweep.Options { Lambdas = null! });
        }

        [TestMethod]
        [DataRow(-0.1)]
        [DataRow(double.NaN)]
        [DataRow(double.PositiveInfinity)]
        public void NegativeOrNonFiniteLambda(double lambda)
        {
            var ex = Fails<ArgumentOutOfRangeException>(new LambdaSweep.Options { Lambdas = new[] { 0, lambda } });
            Assert.AreEqual(nameof(LambdaSweep.Options.Lambdas), ex.ParamName);
            StringAssert.Contains(ex.Message, "(index 1 of the grid) must be a finite value >= 0");
        }

        [TestMethod]
        [DataRow(0.0)]
        [DataRow(1.0)]
        [DataRow(-0.2)]
        [DataRow(1.5)]
        [DataRow(double.NaN)]
        public void ValidationFractionOutsideZeroOne(double fraction)
        {
            var ex = Fails<ArgumentOutOfRangeException>(new LambdaSweep.Options { Lambdas = new[] { 0.0 }, ValidationFraction = fraction });
            Assert.AreEqual(nameof(LambdaSweep.Options.ValidationFraction), ex.ParamName);
            StringAssert.Contains(ex.Message, "must lie strictly between 0 and 1");
        }

        [TestMethod]
        public void MissingGroundTruthColumn()
        {
            var ex = Fails<ArgumentOutOfRangeException>(new LambdaSweep.Options { Lambdas = new[] { 0.0 }, GroundTruthColumnName = "Nope" });
            StringAssert.Contains(ex.Message, "Could not find ground-truth column 'Nope'");

            // In a given validation set too, and taken from the trainer options when the sweep options have none.
            var validation = TrainerTestData.Load(new MLContext(seed: 1), 4, Size, seed: 2);
            ex = Fails<ArgumentOutOfRangeException>(new LambdaSweep.Options { Lambdas = new[] { 0.0 }, ValidationSet = validation },
                change: o => { o.ValidationSet = validation; o.ValidationGroundTruthColumnName = "Missing"; });
            StringAssert.Contains(ex.Message, "Could not find ground-truth column 'Missing'");
        }

        [TestMethod]
        public void ValidationWithoutAnnotations()
        {
            var ml = new MLContext(seed: 1);
            var rows = TrainerTestData.Rows(4, Size, seed: 2);
            foreach (var row in rows)
            {
                Array.Fill(row.A0, float.NaN);
                Array.Fill(row.A1, float.NaN);
            }

            var ex = Fails<InvalidOperationException>(new LambdaSweep.Options { Lambdas = new[] { 0.0 }, ValidationSet = TrainerTestData.Load(ml, rows, Size) });
            StringAssert.Contains(ex.Message, "No image of the validation data (4 rows) has an annotation in any of the columns 'A0', 'A1'");
        }

        [TestMethod]
        public void BadConfigurationsAndOracle()
        {
            var ex = Fails<ArgumentException>(new LambdaSweep.Options
            {
                Configurations = new[] { new SweepConfiguration("a", _ => { }), new SweepConfiguration("a", _ => { }) },
            });
            StringAssert.Contains(ex.Message, "'a' is named twice");

            // The second configuration is invalid: the first does not train before it is found.
            Fails<ArgumentOutOfRangeException>(new LambdaSweep.Options
            {
                Configurations = new[] { new SweepConfiguration("fine", _ => { }), new SweepConfiguration("no epochs", o => o.Epochs = 0) },
            });

            ex = Fails<ArgumentException>(new LambdaSweep.Options(), change: o => o.OracleGroundTruthColumnName = "Truth");
            StringAssert.Contains(ex.Message, "oracle");

            Assert.ThrowsExactly<ArgumentException>(() => new SweepConfiguration(string.Empty, _ => { }));
            Assert.ThrowsExactly<ArgumentNullException>(() => new SweepConfiguration("x", null!));
            Assert.ThrowsExactly<ArgumentNullException>(() => new MLContext(seed: 1).NoisyLabels().Sweeps.Lambda(null!, TinyOptions()));
        }
    }
}
