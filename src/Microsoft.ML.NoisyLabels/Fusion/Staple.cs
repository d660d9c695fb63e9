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
    }
}
