namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Spatial STAPLE (Asman and Landman 2012; docs/METHOD.md, section 5) on one 2D or 3D image. Every present annotator k has a
    /// confusion-matrix field theta_k(x), estimated from the soft counts in the window around x and blended with the
    /// whole-image (STAPLE) matrix theta_k^g by a pseudo-count kappa:
    /// theta_k(x)[o, s] = (C_k(x)[o, s] + kappa theta_k^g[o, s]) / (B_s(x) + kappa), where B_s(x) is the window's
    /// weight of class s, so that each column sums to 1 and a class absent from a window takes the global column.
    /// <list type="number">
    /// <item>Start: W = fraction of present annotators voting each class; pixels where at least the consensus threshold
    /// agree are fixed to that class (they still count in every window and in the global matrices).</item>
    /// <item>Repeat, in ITK's binary STAPLE order: M-step (theta^g from all pixels, window counts by separable running
    /// sums over the bounding box of the estimated pixels grown by r; for two classes, at the estimated pixels only, with
    /// the fixed pixels' part summed once: <see cref="EstimatedWindowSums"/>); E-step on the estimated pixels,
    /// W_i[s] proportional to prior_i[s] prod_k theta_k(x_i)[D_ik, s]; stop when the mean L1 change of the estimated
    /// pixels' posteriors is below the threshold, or at the cap.</item>
    /// </list>
    /// Reported: the posterior and its argmax (ties to the smallest class); per annotator the pixel average of the
    /// theta_k(x) that gave the final posterior (the last M-step), and optionally that whole field [R, L, L, P].
    /// With a window covering the image (or kappa = +infinity), a global prior and no consensus fixing, this is STAPLE:
    /// for two classes the very iterations of <see cref="BinaryStaple"/>.
    /// </summary>
    internal static class SpatialStaple
    {
        public static FusionStatistics Compute(
            in Annotations annotations,
            ImageShape shape,
            in FusionOutputs outputs,
            Span<double> field,
            SpatialStapleSettings settings,
            FusionWorkspace? workspace = null)
        {
            ArgumentNullException.ThrowIfNull(settings);
            settings.Validate();
            annotations.RequireAnyPresent();
            if (shape.Pixels != annotations.Pixels)
            {
                throw new ArgumentException($"The image shape {shape} has {shape.Pixels} pixels, the annotations {annotations.Pixels}.", nameof(shape));
            }

            int classes = annotations.Classes;
            long fieldSize = (long)annotations.Raters * classes * classes * annotations.Pixels;
            if (!field.IsEmpty && field.Length != fieldSize)
            {
                throw new ArgumentException($"The confusion-matrix field needs {fieldSize} elements, got {field.Length}.", nameof(field));
            }

            var state = new SpatialStapleState(annotations, shape, settings, workspace ?? new FusionWorkspace());
            var statistics = state.Run();
            state.WriteOutputs(annotations, outputs, field);
            return statistics;
        }
    }
}
