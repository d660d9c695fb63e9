using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.Transforms;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Persistence
{
    /// <summary>A mapping defined by the tests: echoes its packed input, then the settings "scale" times the input sum.</summary>
    [CustomMappingFactoryAttribute(ContractName)]
    public sealed class EchoMappingFactory : CustomMappingFactory<PackedMappingInput, PackedMappingOutput>
    {
        public const string ContractName = "NoisyLabels.Tests.Echo.v1";

        internal static readonly EchoKernel Kernel = new EchoKernel();

        private static readonly Action<PackedMappingInput, PackedMappingOutput> KernelAction = Kernel.GetAction();

        public override Action<PackedMappingInput, PackedMappingOutput> GetMapping() => Map;

        // ML.NET records the assembly of the delegate's method as the contract's assembly: it must be this one.
        internal static void Map(PackedMappingInput source, PackedMappingOutput destination) => KernelAction(source, destination);

        internal sealed class EchoKernel : PackedMappingKernel<EchoSettings>
        {
            protected override EchoSettings ParseSettings(MappingOptions options) => new EchoSettings(options.GetDouble("scale"), options.GetString("tag"));

            protected override void Map(EchoSettings settings, float[] input, PackedMappingOutput output)
            {
                if (input.Length > 0 && input[0] == 7)
                {
                    throw new InvalidOperationException($"value 7 at pixel 0 of column 'Keys' is not allowed");
                }

                output.Output0 = (float[])input.Clone();
                float sum = 0;
                foreach (float v in input)
                {
                    sum += float.IsNaN(v) ? 100 : v;
                }

                output.Output1 = new[] { (float)(settings.Scale * sum), settings.Tag.Length };
            }
        }

        internal sealed record EchoSettings(double Scale, string Tag);
    }

    [TestClass]
    public class PackedMappingChainTests
    {
        private sealed class Row
        {
            public byte[] Keys { get; set; } = Array.Empty<byte>();

            public double[] Doubles { get; set; } = Array.Empty<double>();

            public float[] Floats { get; set; } = Array.Empty<float>();
        }

        private static IDataView MakeData(MLContext ml)
        {
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Keys)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(byte), 3), 2, 2);
            schema[nameof(Row.Doubles)].ColumnType = new VectorDataViewType(NumberDataViewType.Double, 2, 2);
            schema[nameof(Row.Floats)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2, 2);
            var rows = new[]
            {
                new Row { Keys = new byte[] { 1, 2, 3, 1 }, Doubles = new double[] { 0, 1, 1, 0 }, Floats = new float[] { 2, 2, 0, 1 } },
                new Row { Keys = new byte[] { 0, 0, 0, 0 }, Doubles = new double[] { 1, 1, 1, 1 }, Floats = new[] { float.NaN, float.NaN, float.NaN, float.NaN } },
            };
            return ml.Data.LoadFromEnumerable(rows, schema);
        }

        private static IEstimator<ITransformer> MakeEstimator(MLContext ml, IDataView data, double scale)
        {
            var inputs = new[] { "Keys", "Doubles", "Floats" }.Select(n => PackedInputColumn.From(data.Schema[n])).ToArray();
            var settings = new MappingOptions().Set("scale", scale).Set("tag", "abc");
            return PackedMappingChain.Build(ml, inputs, EchoMappingFactory.ContractName, EchoMappingFactory.Map, settings, new[] { "Echo", "Summary" });
        }

        private static readonly float[][] ExpectedEcho =
        {
            new float[] { 0, 1, 2, 0, 0, 1, 1, 0, 2, 2, 0, 1 },
            new[] { float.NaN, float.NaN, float.NaN, float.NaN, 1, 1, 1, 1, float.NaN, float.NaN, float.NaN, float.NaN },
        };

        private static void AssertOutputs(IDataView output, double scale)
        {
            var echo = output.GetColumn<float[]>("Echo").ToArray();
            var summary = output.GetColumn<float[]>("Summary").ToArray();
            Assert.AreEqual(2, echo.Length);
            for (int r = 0; r < 2; r++)
            {
                CollectionAssert.AreEqual(ExpectedEcho[r], echo[r], $"row {r}");
            }

            // Row 0: sum 10; row 1: 8 missing values count 100 each, plus 4.
            CollectionAssert.AreEqual(new[] { (float)(scale * 10), 3f }, summary[0]);
            CollectionAssert.AreEqual(new[] { (float)(scale * 804), 3f }, summary[1]);
            Assert.IsFalse(output.Schema.Any(c => !c.IsHidden && c.Name.StartsWith("__nl_", StringComparison.Ordinal)),
                "temporary columns must be dropped");
        }

        [TestMethod]
        public void KeysAndNumbersArePackedInCanonicalForm()
        {
            var ml = new MLContext(seed: 1);
            var data = MakeData(ml);
            var model = MakeEstimator(ml, data, 0.5).Fit(data);
            AssertOutputs(model.Transform(data), 0.5);
        }

        private sealed class TestFacade : NoisyLabelsTransformer
        {
            public TestFacade(ITransformer model)
                : base(model)
            {
            }
        }

        [TestMethod]
        public void FacadeSavesItsFirstPartyChainAndPassesErrorsOn()
        {
            var ml = new MLContext(seed: 1);
            var data = MakeData(ml);
            var facade = new TestFacade(MakeEstimator(ml, data, 0.5).Fit(data));
            AssertOutputs(facade.Transform(data), 0.5);
            var loaded = ModelRoundTrip.SaveAndLoad(ml, facade, data);
            Assert.IsInstanceOfType<TransformerChain<ITransformer>>(loaded);
            AssertOutputs(loaded.Transform(data), 0.5);

            // Key 8 is class 7, which the echo mapping rejects; ML.NET's parallel cursors may wrap the error.
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Keys)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(byte), 9), 2, 2);
            schema[nameof(Row.Doubles)].ColumnType = new VectorDataViewType(NumberDataViewType.Double, 2, 2);
            schema[nameof(Row.Floats)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2, 2);
            var rows = Enumerable.Range(0, 300).Select(i => new Row { Keys = new byte[] { (byte)(i == 257 ? 8 : 1), 1, 1, 1 }, Doubles = new double[4], Floats = new float[4] }).ToArray();
            var bad = ml.Data.LoadFromEnumerable(rows, schema);
            var badFacade = new TestFacade(MakeEstimator(ml, bad, 1).Fit(bad));
            var ex = Assert.Throws<InvalidOperationException>(() => badFacade.Transform(bad).GetColumn<float[]>("Echo").ToArray());
            StringAssert.Contains(ex.ToString(), "value 7 at pixel 0 of column 'Keys' is not allowed");
        }

        [TestMethod]
        public void OutputSchemaBeforeFitNamesTheOutputs()
        {
            var ml = new MLContext(seed: 1);
            var data = MakeData(ml);
            var shape = MakeEstimator(ml, data, 1).GetOutputSchema(TestData.ShapeOf(data.Schema));
            var echo = shape.Single(c => c.Name == "Echo");
            Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, echo.Kind);
            Assert.AreEqual(1, shape.Count(c => c.Name == "Summary"));
            Assert.IsFalse(shape.Any(c => c.Name.StartsWith("__nl_", StringComparison.Ordinal)));
        }

        [TestMethod]
        public void SettingsSurviveSaveAndLoadInThisAndANewProcess()
        {
            var ml = new MLContext(seed: 1);
            var data = MakeData(ml);
            var model = MakeEstimator(ml, data, 2.5).Fit(data);

            AssertOutputs(ModelRoundTrip.SaveAndLoad(ml, model, data).Transform(data), 2.5);
            var (output, _) = ModelRoundTrip.TransformInNewProcess(ml, model, data, testContracts: true);
            AssertOutputs(output, 2.5);
        }
    }
}
