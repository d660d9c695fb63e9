namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Where a fusion method writes its results. <see cref="Fused"/> is required; <see cref="Posterior"/> and
    /// <see cref="Confusion"/> may be empty when the caller does not want them.
    /// </summary>
    internal readonly ref struct FusionOutputs
    {
        /// <summary>Wraps the output spans and checks their sizes against the annotations.</summary>
        /// <param name="fused">Fused hard labels [P].</param>
        /// <param name="posterior">Posterior class probabilities [L, P] (class-major), or empty.</param>
        /// <param name="confusion">Confusion matrices [R, L, L] indexed [annotator][observed][true] (every column sums
        /// to 1; NaN for an annotator who did not label the image), or empty.</param>
        /// <param name="pixels">P.</param>
        /// <param name="raters">R.</param>
        /// <param name="classes">L.</param>
        public FusionOutputs(Span<byte> fused, Span<double> posterior, Span<double> confusion, int pixels, int raters, int classes)
        {
            if (fused.Length != pixels)
            {
                throw new ArgumentException($"The fused labels need {pixels} elements, got {fused.Length}.", nameof(fused));
            }

            if (!posterior.IsEmpty && posterior.Length != classes * pixels)
            {
                throw new ArgumentException($"The posterior needs {classes} x {pixels} elements, got {posterior.Length}.", nameof(posterior));
            }

            if (!confusion.IsEmpty && confusion.Length != raters * classes * classes)
            {
                throw new ArgumentException(
                    $"The confusion matrices need {raters} x {classes} x {classes} elements, got {confusion.Length}.", nameof(confusion));
            }

            Fused = fused;
            Posterior = posterior;
            Confusion = confusion;
        }

        /// <summary>Fused hard labels [P].</summary>
        public Span<byte> Fused { get; }

        /// <summary>Posterior [L, P], or empty.</summary>
        public Span<double> Posterior { get; }

        /// <summary>Confusion matrices [R, L, L], or empty.</summary>
        public Span<double> Confusion { get; }
    }
}
