using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 1)]

namespace Microsoft.ML.NoisyLabels.Tests
{
    [TestClass]
    public static class AssemblySetup
    {
        /// <summary>
        /// One intra-op thread: CI machines are small and noisy, and a single thread keeps TorchSharp results
        /// reproducible and the suite's time predictable.
        /// </summary>
        [AssemblyInitialize]
        public static void Initialize(TestContext context)
        {
            TorchSharp.torch.set_num_threads(1);
        }
    }
}
