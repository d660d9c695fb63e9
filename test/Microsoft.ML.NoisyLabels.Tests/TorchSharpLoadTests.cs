using Microsoft.VisualStudio.TestTools.UnitTesting;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Tests
{
    [TestClass]
    public class TorchSharpLoadTests
    {
        /// <summary>
        /// Proves that libLibTorchSharp.so loads on this host (it needs eng/Microsoft.ML.NoisyLabels.targets on Debian 12)
        /// and that a small convolution runs forward and backward on the CPU, against values computed by hand.
        /// </summary>
        [TestMethod]
        public void ConvolutionForwardAndBackwardRunOnCpu()
        {
            using var scope = NewDisposeScope();
            // Input 1x1x3x3 of ones; kernel 1x1x2x2 of [[1,2],[3,4]]: every output is 1+2+3+4 = 10.
            var input = ones(1, 1, 3, 3, requires_grad: true);
            var kernel = tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 1, 2, 2).requires_grad_(true);
            var output = nn.functional.conv2d(input, kernel);
            CollectionAssert.AreEqual(new long[] { 1, 1, 2, 2 }, output.shape);
            CollectionAssert.AreEqual(new float[] { 10, 10, 10, 10 }, output.data<float>().ToArray());

            output.sum().backward();
            // d(sum)/d(kernel) = sum of the 2x2 input patches = 4 for every kernel entry.
            CollectionAssert.AreEqual(new float[] { 4, 4, 4, 4 }, kernel.grad!.data<float>().ToArray());
            // d(sum)/d(input): how many output windows cover each input pixel, weighted by the kernel.
            CollectionAssert.AreEqual(new float[] { 1, 3, 2, 4, 10, 6, 3, 7, 4 }, input.grad!.data<float>().ToArray());
        }
    }
}
