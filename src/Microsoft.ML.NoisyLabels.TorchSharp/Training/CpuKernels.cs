namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>Which of libtorch's CPU kernels train the networks (see <see cref="SegmentationTrainerOptionsBase.CpuKernels"/>).</summary>
    public enum CpuKernels
    {
        /// <summary>
        /// oneDNN's kernels (libtorch's default, the fastest) once a check has shown that they compute the network's
        /// forward and backward passes correctly on this machine; PyTorch's own kernels when they do not.
        /// </summary>
        Verified = 0,

        /// <summary>oneDNN's kernels, unchecked: libtorch's default behaviour.</summary>
        OneDnn = 1,

        /// <summary>PyTorch's own kernels (im2col and matrix products), with oneDNN turned off for the process.</summary>
        Native = 2,
    }
}
