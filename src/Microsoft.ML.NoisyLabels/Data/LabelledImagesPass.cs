namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>Label-map columns read together into one <see cref="LabelledImages"/>.</summary>
    /// <param name="Columns">The columns (see <see cref="LabelColumn"/>).</param>
    /// <param name="Role">How errors name them ("annotator", "label", "ground-truth").</param>
    internal sealed record LabelMapGroup(IReadOnlyList<string> Columns, string Role);

    /// <summary>What <see cref="LabelledImagesReader.ReadInOnePass"/> read: one <see cref="LabelledImages"/> per group, in order, and the soft targets if asked for.</summary>
    /// <param name="Groups">The groups; they share the image array (null without an image column).</param>
    /// <param name="SoftTargets">Class probabilities [N, L, H, W], or null.</param>
    internal sealed record LabelledImagesPass(LabelledImages[] Groups, float[]? SoftTargets);
}
