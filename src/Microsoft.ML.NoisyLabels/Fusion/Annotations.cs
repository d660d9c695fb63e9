namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The annotations of one image, as the fusion methods compute on them: labels [R, P] (annotator-major, one byte
    /// per pixel, classes 0..L-1) and, per annotator, whether that annotator labelled the image. The rows of absent
    /// annotators are ignored whatever they hold.
    /// </summary>
    internal readonly ref struct Annotations
    {
        /// <summary>Wraps and checks the annotations.</summary>
        /// <param name="labels">Labels [R, P], annotator-major.</param>
        /// <param name="present">Per annotator [R]: false where the annotator did not label the image.</param>
        /// <param name="classes">The number of classes L, 2..255.</param>
        /// <param name="labelsChecked">True when every present annotator's labels are already known to lie below
        /// <paramref name="classes"/> (decoded by <see cref="Data.LabelValues.TryDecode"/>): skips the scan.</param>
        /// <exception cref="ArgumentException">The sizes do not agree, or a present annotator's label is not below
        /// <paramref name="classes"/> (the message names the annotator, the pixel and the value).</exception>
        public Annotations(ReadOnlySpan<byte> labels, ReadOnlySpan<bool> present, int classes, bool labelsChecked = false)
        {
            if (present.Length == 0)
            {
                throw new ArgumentException("There must be at least one annotator.", nameof(present));
            }

            if (classes < 2 || classes > byte.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes, "The number of classes must lie in 2..255.");
            }

            if (labels.Length % present.Length != 0)
            {
                throw new ArgumentException(
                    $"{labels.Length} labels cannot be split evenly between {present.Length} annotators.", nameof(labels));
            }

            Labels = labels;
            Present = present;
            Classes = classes;
            Raters = present.Length;
            Pixels = labels.Length / present.Length;

            int presentCount = 0;
            for (int r = 0; r < Raters; r++)
            {
                if (!present[r])
                {
                    continue;
                }

                presentCount++;
                if (labelsChecked)
                {
                    continue;
                }

                // A vectorised scan: the methods index tables by label, so a label >= L must never reach them.
                var row = Rater(r);
                int bad = row.IndexOfAnyInRange((byte)classes, byte.MaxValue);
                if (bad >= 0)
                {
                    throw new ArgumentException(
                        $"Annotator {r}: label {row[bad]} at pixel {bad} is not below the number of classes {classes}.", nameof(labels));
                }
            }

            PresentCount = presentCount;
        }

        /// <summary>Labels [R, P].</summary>
        public ReadOnlySpan<byte> Labels { get; }

        /// <summary>Whether each annotator labelled the image [R].</summary>
        public ReadOnlySpan<bool> Present { get; }

        /// <summary>The number of classes L.</summary>
        public int Classes { get; }

        /// <summary>The number of annotators R, present or not.</summary>
        public int Raters { get; }

        /// <summary>The number of pixels P.</summary>
        public int Pixels { get; }

        /// <summary>The number of annotators who labelled the image.</summary>
        public int PresentCount { get; }

        /// <summary>The labels of annotator <paramref name="rater"/> [P].</summary>
        public ReadOnlySpan<byte> Rater(int rater) => Labels.Slice(rater * Pixels, Pixels);

        /// <summary>The indices of the present annotators, in order.</summary>
        public int[] PresentRaters()
        {
            var indices = new int[PresentCount];
            int k = 0;
            for (int r = 0; r < Raters; r++)
            {
                if (Present[r])
                {
                    indices[k++] = r;
                }
            }

            return indices;
        }

        /// <summary>Throws unless at least one annotator labelled the image: every method needs one.</summary>
        public void RequireAnyPresent()
        {
            if (PresentCount == 0)
            {
                throw new ArgumentException("No annotator labelled this image: there is nothing to fuse.");
            }
        }
    }
}
