namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// One simulated annotator: the column it writes and how it deforms the ground truth (after Morpho-MNIST;
    /// docs/METHOD.md, section 6).
    /// </summary>
    public sealed class SimulatedAnnotator
    {
        /// <summary>Creates an annotator description to fill in.</summary>
        public SimulatedAnnotator()
        {
        }

        /// <summary>Creates an annotator of <paramref name="kind"/> with the kind's default amount and fractures.</summary>
        /// <param name="outputColumnName">The column the annotator's masks are written to.</param>
        /// <param name="kind">What the annotator does.</param>
        public SimulatedAnnotator(string outputColumnName, SimulatedAnnotatorKind kind)
        {
            OutputColumnName = outputColumnName;
            Kind = kind;
        }

        /// <summary>The column the annotator's masks are written to: a vector of Single, 1 for foreground, 0 for
        /// background, NaN everywhere where the ground truth itself is missing.</summary>
        public string OutputColumnName = string.Empty;

        /// <summary>What the annotator does.</summary>
        public SimulatedAnnotatorKind Kind;

        /// <summary>
        /// How much <see cref="SimulatedAnnotatorKind.Over"/>, <see cref="SimulatedAnnotatorKind.Under"/> and
        /// <see cref="SimulatedAnnotatorKind.Wrong"/> deform the strokes, relative to their mean thickness t: the disk's
        /// radius is int(Amount * scale * t / 2) fine pixels, so Amount = 1 adds (or removes) about half a stroke
        /// width on each side. Null takes the kind's default: 1.5 for thickening (see
        /// <see cref="AnnotatorSimulationEstimator.Options.Annotators"/> for why), 0.7 for thinning (Morpho-MNIST's).
        /// </summary>
        public double? Amount;

        /// <summary>
        /// The number of fractures cut across the deformed strokes (Over, Under and Wrong). Null takes the kind's
        /// default: 3 for <see cref="SimulatedAnnotatorKind.Wrong"/> (Morpho-MNIST's num_frac), 0 otherwise.
        /// </summary>
        public int? Fractures;

        /// <summary>The thickness of a fracture in image pixels: the brush is a disk of radius
        /// ceil((FractureThickness * scale - 1) / 2) fine pixels. Morpho-MNIST's default 1.5.</summary>
        public double FractureThickness = SimulationDefaults.FractureThickness;

        /// <summary>The paper's five annotators, writing the columns of <see cref="SimulatedAnnotatorColumnNames"/>.</summary>
        public static SimulatedAnnotator[] PaperAnnotators() => new[]
        {
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Good, SimulatedAnnotatorKind.Good),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Over, SimulatedAnnotatorKind.Over),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Under, SimulatedAnnotatorKind.Under),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Wrong, SimulatedAnnotatorKind.Wrong),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Blank, SimulatedAnnotatorKind.Blank),
        };

        /// <summary>
        /// Five annotators whose pixel-wise majority is wrong on a good share of the strokes: the paper's good, over,
        /// under, wrong and blank annotators, with harsher under- and wrong-segmentation than
        /// <see cref="PaperAnnotators"/>. Under thins the strokes as Morpho-MNIST does (amount 0.7) and cuts 4 fractures;
        /// Wrong thickens (amount 1.5) and cuts 8; fractures are 2.5 pixels thick. Where Under and Wrong both lose a
        /// stroke pixel, Good and Over alone mark it and the majority (three of five) drops it, so the majority-vote
        /// labels miss much of the truth; with <see cref="PaperAnnotators"/> they nearly equal it. docs/RESULTS.md gives
        /// the majority's Dice against the truth for both sets and the experiments on each.
        /// </summary>
        public static SimulatedAnnotator[] WeakMajorityAnnotators() => new[]
        {
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Good, SimulatedAnnotatorKind.Good),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Over, SimulatedAnnotatorKind.Over),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Under, SimulatedAnnotatorKind.Under) { Fractures = 4, FractureThickness = 2.5 },
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Wrong, SimulatedAnnotatorKind.Wrong) { Fractures = 8, FractureThickness = 2.5 },
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Blank, SimulatedAnnotatorKind.Blank),
        };

        /// <summary>
        /// Five annotators of whom three over-segment, so that their pixel-wise majority over-segments too: Good (copies
        /// the truth), Under (thins, Morpho-MNIST's amount 0.7), Over (thickens, amount 1.5), OverThick (thickens, amount
        /// 2.5) and OverFractured (thickens, amount 2, with 3 fractures: a <see cref="SimulatedAnnotatorKind.Wrong"/>
        /// annotator), in the columns of <see cref="SimulatedAnnotatorColumnNames.OverSegmentingMajority"/>. Every stroke
        /// pixel that Over, OverThick and OverFractured add around the truth is a majority pixel, so the majority-vote
        /// labels are roughly the truth thickened by Over's amount. From the annotations alone "the truth is thin and
        /// three annotators thicken it" and "the truth is thick and two annotators thin it" explain the data about
        /// equally well: no annotation-only method can be trusted to choose, which is what verified masks
        /// (<c>AnnotatorConfusionTrainer.Options.VerifiedLabelColumnName</c>) are for. docs/RESULTS.md measures it.
        /// </summary>
        public static SimulatedAnnotator[] OverSegmentingMajorityAnnotators() => new[]
        {
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Good, SimulatedAnnotatorKind.Good),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Under, SimulatedAnnotatorKind.Under),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.Over, SimulatedAnnotatorKind.Over),
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.OverThick, SimulatedAnnotatorKind.Over) { Amount = 2.5 },
            new SimulatedAnnotator(SimulatedAnnotatorColumnNames.OverFractured, SimulatedAnnotatorKind.Wrong) { Amount = 2.0 },
        };

        /// <summary>A copy with the kind's defaults filled in.</summary>
        internal SimulatedAnnotator Resolve() => new SimulatedAnnotator
        {
            OutputColumnName = OutputColumnName,
            Kind = Kind,
            Amount = Amount ?? Kind switch
            {
                SimulatedAnnotatorKind.Over or SimulatedAnnotatorKind.Wrong => SimulationDefaults.ThickeningAmount,
                SimulatedAnnotatorKind.Under => SimulationDefaults.ThinningAmount,
                _ => 0,
            },
            Fractures = Fractures ?? (Kind == SimulatedAnnotatorKind.Wrong ? SimulationDefaults.Fractures : 0),
            FractureThickness = FractureThickness,
        };

        /// <summary>Checks a resolved annotator; <paramref name="position"/> names it in errors.</summary>
        internal void Check(int position)
        {
            string what = $"Simulated annotator {position} ('{OutputColumnName}', {Kind})";
            if (!Enum.IsDefined(Kind))
            {
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, $"{what}: unknown kind.");
            }

            if (!(Amount >= 0) || double.IsInfinity(Amount!.Value))
            {
                throw new ArgumentOutOfRangeException(nameof(Amount), Amount, $"{what}: the amount must be a finite number >= 0.");
            }

            if (Fractures < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Fractures), Fractures, $"{what}: the number of fractures cannot be negative.");
            }

            if (Fractures > 0 && Kind is SimulatedAnnotatorKind.Good or SimulatedAnnotatorKind.Blank or SimulatedAnnotatorKind.Flipped)
            {
                throw new ArgumentOutOfRangeException(nameof(Fractures), Fractures, $"{what}: fractures apply to Over, Under and Wrong annotators only.");
            }

            if (!(FractureThickness > 0) || double.IsInfinity(FractureThickness))
            {
                throw new ArgumentOutOfRangeException(nameof(FractureThickness), FractureThickness, $"{what}: the fracture thickness must be a finite number > 0.");
            }
        }

        internal AnnotatorRecipe ToRecipe() => new AnnotatorRecipe(Kind, Amount!.Value, Fractures!.Value, FractureThickness);
    }

    /// <summary>The columns written by <c>SimulateAnnotators</c>'s simple overload: the paper's five annotators.</summary>
    public static class SimulatedAnnotatorColumnNames
    {
        /// <summary>The ground truth, copied.</summary>
        public const string Good = "Good";

        /// <summary>Over-segmentation (thickened strokes).</summary>
        public const string Over = "Over";

        /// <summary>Under-segmentation (thinned strokes).</summary>
        public const string Under = "Under";

        /// <summary>Wrong segmentation (thickened and fractured strokes).</summary>
        public const string Wrong = "Wrong";

        /// <summary>Blank segmentation (all background).</summary>
        public const string Blank = "Blank";

        /// <summary>The five names in the order the simple overload writes them.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Good, Over, Under, Wrong, Blank };

        /// <summary>Strong over-segmentation (strokes thickened by 2.5), in <see cref="SimulatedAnnotator.OverSegmentingMajorityAnnotators"/>.</summary>
        public const string OverThick = "OverThick";

        /// <summary>Thickened and fractured strokes, in <see cref="SimulatedAnnotator.OverSegmentingMajorityAnnotators"/>.</summary>
        public const string OverFractured = "OverFractured";

        /// <summary>The columns of <see cref="SimulatedAnnotator.OverSegmentingMajorityAnnotators"/>, in its order.</summary>
        public static IReadOnlyList<string> OverSegmentingMajority { get; } = new[] { Good, Under, Over, OverThick, OverFractured };
    }

    /// <summary>The defaults of the simulation transforms, in one place.</summary>
    internal static class SimulationDefaults
    {
        /// <summary>
        /// Thickening amount of Over and Wrong. Measured on the first 5,000 MNIST training digits (masks at intensity
        /// &gt; 0.5, mean thickness 2.43 pixels): 1.5 thickens strokes by 3.85 pixels on average, about 2 pixels on each
        /// side, the paper's example data; 1.75 gives 4.65 and 2.0 gives 5.44.
        /// </summary>
        public const double ThickeningAmount = 1.5;

        /// <summary>Thinning amount of Under: Morpho-MNIST's 0.7 (measured: strokes lose 1.05 pixels on average).</summary>
        public const double ThinningAmount = 0.7;

        /// <summary>Fractures of a Wrong annotator: Morpho-MNIST's num_frac.</summary>
        public const int Fractures = 3;

        /// <summary>Fracture thickness in image pixels: Morpho-MNIST's.</summary>
        public const double FractureThickness = 1.5;

        /// <summary>The fine grid's scale: Morpho-MNIST's 4.</summary>
        public const int UpscaleFactor = 4;

        /// <summary>The largest scale accepted: the fine grid's buffers grow with its square.</summary>
        public const int MaxUpscaleFactor = 16;

        /// <summary>The mask column of the simple overload: the MNIST loader's.</summary>
        public const string InputColumnName = Data.MnistColumnNames.Mask;
    }
}
