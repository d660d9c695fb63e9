using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 1)]

namespace Microsoft.ML.NoisyLabels.Tests
{
    /// <summary>Checks the suite's settings once: test.runsettings gives every test thread one libtorch thread.</summary>
    [TestClass]
    public static class AssemblySetup
    {
        [AssemblyInitialize]
        public static void Initialize(TestContext context)
        {
            if (TorchSharp.torch.get_num_threads() != 1)
            {
                throw new InvalidOperationException($"The tests expect OMP_NUM_THREADS=1 from test.runsettings; libtorch has {TorchSharp.torch.get_num_threads()} threads.");
            }
        }
    }
}
