using TorchSharp;

namespace Microsoft.ML.NoisyLabels.Interop
{
    /// <summary>
    /// Scalars that live as long as the process. TorchSharp 0.107 frees a <see cref="Scalar"/> in its finalizer, and a
    /// Scalar made by an implicit conversion (a double passed where a Scalar is expected, or the alpha = 1 that
    /// <c>a + b</c> passes) is referenced by nothing once its handle is read: a garbage collection on another thread can
    /// free it while libtorch still reads it (docs/TORCHSHARP.md). The project bans those conversions
    /// (BannedSymbols.txt); a constant comes from here, and any other value is a local disposed after the call.
    /// </summary>
    internal static class HeldScalars
    {
        /// <summary>1, for the alpha of additions and the step of ranges.</summary>
        public static readonly Scalar One = 1.ToScalar();

        /// <summary>0, for the start of ranges.</summary>
        public static readonly Scalar Zero = 0.ToScalar();
    }
}
