namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>
    /// How close each set of training labels is to the ground truth, on the training images of the dense regime: every
    /// simulated annotator, and the fused labels the baseline CNNs learn from (the thresholded mean label equals the
    /// majority vote with two classes and an odd number of annotators, so it has no row of its own). A method cannot be
    /// expected to beat a CNN trained on labels that already equal the truth, so the ordering of Table 1 rests on this.
    /// </summary>
    internal static class TrainingLabelQuality
    {
        /// <summary>One set of labels: its name and its foreground Dice against the ground truth (0..1), one value per seed.</summary>
        public sealed record Row(string Labels, double[] DicePerSeed);

        /// <summary>Scores every annotator and every fusion for each seed's training images.</summary>
        public static IReadOnlyList<Row> Measure(IReadOnlyDictionary<int, MnistExperimentData> dataBySeed)
        {
            var sources = MnistExperimentData.Annotators.Select(a => (Title: $"Annotator '{a.ToLowerInvariant()}'", Column: a))
                .Concat(new (string Title, string Column)[]
                {
                    ("Majority vote (mode labels)", "Mode"),
                    ("STAPLE", "Staple"),
                    ("Spatial STAPLE", "SpatialStaple"),
                })
                .ToArray();
            var dice = sources.Select(_ => new List<double>()).ToArray();
            foreach (var (seed, data) in dataBySeed.OrderBy(d => d.Key))
            {
                var ml = new MLContext(seed);
                var transforms = ml.NoisyLabels().Transforms;
                string[] annotators = MnistExperimentData.Annotators;
                var fused = transforms.MajorityVote("Mode", annotators)
                    .Append(transforms.Staple("Staple", annotators))
                    .Append(transforms.SpatialStaple("SpatialStaple", annotators, windowRadius: 3));
                var train = MnistExperimentData.View(ml, data.Train);
                var scored = fused.Fit(train).Transform(train);
                for (int i = 0; i < sources.Length; i++)
                {
                    dice[i].Add(ml.NoisyLabels().Evaluation.EvaluateSegmentation(scored, "Mask", sources[i].Column).Dice);
                }
            }

            return sources.Select((s, i) => new Row(s.Title, dice[i].ToArray())).ToArray();
        }
    }
}
