namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// STAPLE on one image: ITK's binary algorithm (<see cref="BinaryStaple"/>) for two classes, multi-label STAPLE
    /// (<see cref="MultiLabelStaple"/>) for more.
    /// </summary>
    internal static class Staple
    {
        public static FusionStatistics Compute(in Annotations annotations, in FusionOutputs outputs, StapleSettings settings, FusionWorkspace? workspace = null)
        {
            ArgumentNullException.ThrowIfNull(settings);
            settings.Validate(annotations.Classes);
            annotations.RequireAnyPresent();
            workspace ??= new FusionWorkspace();
            return annotations.Classes == 2
                ? BinaryStaple.Compute(annotations, outputs, settings, workspace)
                : MultiLabelStaple.Compute(annotations, outputs, settings, workspace);
        }

        /// <summary>
        /// STAPLE over patterns counted elsewhere (see <see cref="PatternCodes"/>): each pattern's fused label [U] and
        /// posterior [U, L]; the confusion matrices are written when <paramref name="confusion"/> is not empty.
        /// </summary>
        public static FusionStatistics PerPattern(
            LabelPatterns patterns,
            int[] present,
            ReadOnlySpan<bool> presentMask,
            int classes,
            StapleSettings settings,
            Span<double> confusion,
            FusionWorkspace workspace,
            out byte[] fused,
            out double[] posterior)
            => classes == 2
                ? BinaryStaple.PerPattern(patterns, present, presentMask, settings, confusion, workspace, out fused, out posterior)
                : MultiLabelStaple.PerPattern(patterns, present, presentMask, classes, settings, confusion, workspace, out fused, out posterior);
    }
}
