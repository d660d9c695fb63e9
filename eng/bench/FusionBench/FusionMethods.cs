using Microsoft.ML.NoisyLabels.Fusion;

namespace FusionBench
{
    /// <summary>The fusion methods timed, called on the library's math directly.</summary>
    internal enum Method
    {
        MajorityVote,
        MeanLabel,
        Staple,
        StaplePerPixel,
        SpatialStaple,
    }

    /// <summary>Output buffers and scratch space for one thread.</summary>
    internal sealed class FusionBuffers
    {
        public FusionBuffers(int raters, int pixels, int classes)
        {
            Fused = new byte[pixels];
            Posterior = new double[classes * pixels];
            Confusion = new double[raters * classes * classes];
            Present = Enumerable.Repeat(true, raters).ToArray();
        }

        public byte[] Fused { get; }

        public double[] Posterior { get; }

        public double[] Confusion { get; }

        public bool[] Present { get; }

        public FusionWorkspace Workspace { get; } = new FusionWorkspace();

        /// <summary>Fuses one image (labels [R, P]); returns the EM iterations (0 for the voting methods).</summary>
        public int Fuse(Method method, ReadOnlySpan<byte> labels, ImageShape shape, SpatialStapleSettings spatial)
        {
            int raters = Present.Length;
            var annotations = new Annotations(labels, Present, 2);
            var outputs = new FusionOutputs(Fused, Posterior, Confusion, shape.Pixels, raters, 2);
            switch (method)
            {
                case Method.MajorityVote:
                    MajorityVote.Compute(annotations, outputs, Workspace);
                    return 0;
                case Method.MeanLabel:
                    MeanLabel.Compute(annotations, outputs, Workspace);
                    return 0;
                case Method.Staple:
                    return Staple.Compute(annotations, outputs, new StapleSettings(), Workspace).Iterations;
                case Method.StaplePerPixel:
                    return Staple.Compute(annotations, outputs, new StapleSettings { CompressPatterns = false }, Workspace).Iterations;
                default:
                    return SpatialStaple.Compute(annotations, shape, outputs, Span<double>.Empty, spatial, Workspace).Iterations;
            }
        }
    }
}
