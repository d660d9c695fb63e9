namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// One simulated rater of lesion masks in 3D (or 2D): the column it writes, how it deforms the ground truth (the
    /// paper's good, over, under, wrong and blank annotators, with balls in voxel units instead of Morpho-MNIST's
    /// strokes), and two lesion-level habits of real raters: missing small lesions and merging nearby ones.
    /// </summary>
    /// <remarks>
    /// The steps, in this order: (1) each ground-truth lesion (connected component) is missed with probability
    /// <c>MissProbability * 2^(-volume / MissHalfVolume)</c>; (2) lesions at most <see cref="MergeDistance"/> voxels apart are
    /// joined (a closing by a ball of radius (MergeDistance - 1) / 2, kept only where it bridges two or more lesions);
    /// (3) <see cref="SimulatedAnnotatorKind.Over"/> and <see cref="SimulatedAnnotatorKind.Wrong"/> dilate by a ball of
    /// <see cref="Radius"/> voxels, <see cref="SimulatedAnnotatorKind.Under"/> erodes by it; (4) <see cref="Fractures"/>
    /// planar cuts, <see cref="FractureThickness"/> voxels thick and at random orientations, split the lesions they
    /// cross. <see cref="SimulatedAnnotatorKind.Blank"/> marks nothing and <see cref="SimulatedAnnotatorKind.Flipped"/>
    /// the complement of the truth; neither takes the other settings.
    /// </remarks>
    public sealed class SimulatedLesionAnnotator
    {
        /// <summary>Creates an annotator description to fill in.</summary>
        public SimulatedLesionAnnotator()
        {
        }

        /// <summary>Creates an annotator of <paramref name="kind"/> with the kind's defaults (see <see cref="PaperAnnotators"/>).</summary>
        /// <param name="outputColumnName">The column the annotator's masks are written to.</param>
        /// <param name="kind">What the annotator does.</param>
        public SimulatedLesionAnnotator(string outputColumnName, SimulatedAnnotatorKind kind)
        {
            OutputColumnName = outputColumnName;
            Kind = kind;
        }

        /// <summary>The column the masks are written to: a vector of Single, 1 for lesion, 0 for background, NaN
        /// everywhere where the ground truth itself is missing.</summary>
        public string OutputColumnName = string.Empty;

        /// <summary>What the annotator does.</summary>
        public SimulatedAnnotatorKind Kind;

        /// <summary>
        /// The radius, in voxels, of the ball that Over and Wrong dilate by and Under erodes by: the voxels within that
        /// Euclidean distance of a voxel (radius 1: its 6 face neighbours). Null takes the default, 1 voxel (1 mm at the
        /// atlas's resolution: a lesion of 30 voxels roughly doubles, or loses two thirds).
        /// </summary>
        public double? Radius;

        /// <summary>The number of planar cuts across the (deformed) lesions of each volume. Null takes the kind's
        /// default: 5 for Wrong, 0 otherwise. A cut's centre is a lesion voxel drawn uniformly, so large lesions are cut
        /// more often.</summary>
        public int? Fractures;

        /// <summary>The thickness of a cut in voxels: voxels within half of it from the plane are erased. Default 2, the
        /// least that always separates the two sides under 26-connectivity.</summary>
        public double FractureThickness = LesionSimulationDefaults.FractureThickness;

        /// <summary>
        /// The probability of missing a lesion of (almost) no volume; a lesion of v voxels is missed with probability
        /// <c>MissProbability * 2^(-v / MissHalfVolume)</c>, so small lesions are the ones missed. Null takes the kind's
        /// default: 0.5 for Under, 0 otherwise.
        /// </summary>
        public double? MissProbability;

        /// <summary>The lesion volume, in voxels, that halves the probability of missing it. Default 20 voxels.</summary>
        public double MissHalfVolume = LesionSimulationDefaults.MissHalfVolume;

        /// <summary>
        /// Lesions whose nearest voxels lie at most this far apart, in voxels, are drawn as one (touching voxels are 1
        /// apart; exact along the axes for odd distances, approximate along diagonals). Values of 1 or less merge
        /// nothing. Null takes the kind's default: 3 for Over (two empty voxels between lesions), 0 otherwise.
        /// </summary>
        public double? MergeDistance;

        /// <summary>
        /// The paper's five annotators on lesion masks, writing the columns of <see cref="SimulatedAnnotatorColumnNames"/>:
        /// Good (a copy); Over (lesions 3 voxels apart or closer merged, then dilated by 1 voxel); Under (small lesions missed,
        /// p = 0.5 * 2^(-v / 20), then eroded by 1 voxel); Wrong (dilated by 1 voxel, then 5 cuts 2 voxels thick);
        /// Blank (nothing).
        /// </summary>
        public static SimulatedLesionAnnotator[] PaperAnnotators() => new[]
        {
            new SimulatedLesionAnnotator(SimulatedAnnotatorColumnNames.Good, SimulatedAnnotatorKind.Good),
            new SimulatedLesionAnnotator(SimulatedAnnotatorColumnNames.Over, SimulatedAnnotatorKind.Over),
            new SimulatedLesionAnnotator(SimulatedAnnotatorColumnNames.Under, SimulatedAnnotatorKind.Under),
            new SimulatedLesionAnnotator(SimulatedAnnotatorColumnNames.Wrong, SimulatedAnnotatorKind.Wrong),
            new SimulatedLesionAnnotator(SimulatedAnnotatorColumnNames.Blank, SimulatedAnnotatorKind.Blank),
        };

        /// <summary>A copy with the kind's defaults filled in.</summary>
        internal SimulatedLesionAnnotator Resolve()
        {
            bool deforms = Kind is SimulatedAnnotatorKind.Over or SimulatedAnnotatorKind.Under or SimulatedAnnotatorKind.Wrong;
            return new SimulatedLesionAnnotator
            {
                OutputColumnName = OutputColumnName,
                Kind = Kind,
                Radius = Radius ?? (deforms ? LesionSimulationDefaults.Radius : 0),
                Fractures = Fractures ?? (Kind == SimulatedAnnotatorKind.Wrong ? LesionSimulationDefaults.Fractures : 0),
                FractureThickness = FractureThickness,
                MissProbability = MissProbability ?? (Kind == SimulatedAnnotatorKind.Under ? LesionSimulationDefaults.MissProbability : 0),
                MissHalfVolume = MissHalfVolume,
                MergeDistance = MergeDistance ?? (Kind == SimulatedAnnotatorKind.Over ? LesionSimulationDefaults.MergeDistance : 0),
            };
        }

        /// <summary>Checks a resolved annotator; <paramref name="position"/> names it in errors.</summary>
        internal void Check(int position)
        {
            string what = $"Simulated lesion annotator {position} ('{OutputColumnName}', {Kind})";
            if (!Enum.IsDefined(Kind))
            {
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, $"{what}: unknown kind.");
            }

            CheckFinite(Radius!.Value, 0, nameof(Radius), $"{what}: the radius must be a finite number >= 0.");
            CheckFinite(MissProbability!.Value, 0, nameof(MissProbability), $"{what}: the miss probability must lie in [0, 1].");
            if (MissProbability > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MissProbability), MissProbability, $"{what}: the miss probability must lie in [0, 1].");
            }

            CheckFinite(MergeDistance!.Value, 0, nameof(MergeDistance), $"{what}: the merge distance must be a finite number >= 0.");
            if (!(MissHalfVolume > 0) || double.IsInfinity(MissHalfVolume))
            {
                throw new ArgumentOutOfRangeException(nameof(MissHalfVolume), MissHalfVolume, $"{what}: the miss half-volume must be a finite number > 0.");
            }

            if (!(FractureThickness > 0) || double.IsInfinity(FractureThickness))
            {
                throw new ArgumentOutOfRangeException(nameof(FractureThickness), FractureThickness, $"{what}: the fracture thickness must be a finite number > 0.");
            }

            if (Fractures < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Fractures), Fractures, $"{what}: the number of fractures cannot be negative.");
            }

            bool lesionSteps = Radius > 0 || Fractures > 0 || MissProbability > 0 || MergeDistance > 0;
            if (lesionSteps && Kind is SimulatedAnnotatorKind.Blank or SimulatedAnnotatorKind.Flipped)
            {
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, $"{what}: radius, fractures, misses and merges do not apply to Blank and Flipped annotators.");
            }

            if (Radius > 0 && Kind == SimulatedAnnotatorKind.Good)
            {
                throw new ArgumentOutOfRangeException(nameof(Radius), Radius, $"{what}: a Good annotator does not dilate or erode; use Over or Under.");
            }
        }

        private static void CheckFinite(double value, double minimum, string name, string message)
        {
            if (!(value >= minimum) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, message);
            }
        }

        internal LesionRecipe ToRecipe()
            => new LesionRecipe(Kind, Radius!.Value, Fractures!.Value, FractureThickness, MissProbability!.Value, MissHalfVolume, MergeDistance!.Value);
    }

    /// <summary>The defaults of the lesion annotators, in one place (documented on <see cref="SimulatedLesionAnnotator"/>).</summary>
    internal static class LesionSimulationDefaults
    {
        /// <summary>Dilation and erosion radius, voxels.</summary>
        public const double Radius = 1;

        /// <summary>Cuts of a Wrong annotator per volume.</summary>
        public const int Fractures = 5;

        /// <summary>Cut thickness, voxels: 2 separates under 26-connectivity (a step changes the distance to the plane by at most sqrt 3).</summary>
        public const double FractureThickness = 2;

        /// <summary>Miss probability of a vanishing lesion, Under.</summary>
        public const double MissProbability = 0.5;

        /// <summary>The volume that halves the miss probability, voxels.</summary>
        public const double MissHalfVolume = 20;

        /// <summary>Merge distance of Over, voxels.</summary>
        public const double MergeDistance = 3;
    }
}
