using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// The MS-lesion experiment on semi-synthetic subjects: generates training and test subjects with five simulated
    /// raters, fuses the training volumes, cuts foreground-balanced 2D patches, trains every method on them (several at
    /// a time, one libtorch thread each), segments the whole test volumes with sliding windows, and measures lesion
    /// Dice, lesion-wise detection and the confusion-matrix error.
    /// </summary>
    internal sealed class MsExperiment
    {
        /// <summary>The training patches' ground truth and annotator columns carry the MNIST experiment's names, so that
        /// its methods run on them unchanged.</summary>
        public const string TruthColumn = "Mask";

        private const string FusedConfusion = "FusedConfusion";
        private const string ConfusionField = "ConfusionField";
        private static readonly string[] s_annotators = MnistExperimentData.Annotators;

        private readonly MsExperimentProfile _profile;
        private readonly string _folder;
        private readonly int _seed;
        private readonly int _workers;

        public MsExperiment(MsExperimentProfile profile, string folder, int seed, int workers)
        {
            _profile = profile;
            _folder = folder;
            _seed = seed;
            _workers = workers;
        }

        /// <summary>The test volumes' case folders (the NIfTI outputs are written there).</summary>
        public string TestFolder => Path.Combine(_folder, "data", "test");

        /// <summary>Per annotator, the mean true matrix over the test volumes, measured by <see cref="Run"/>.</summary>
        public double[][] TrueConfusion { get; private set; } = Array.Empty<double[]>();

        /// <summary>The quality of each set of training labels, measured by <see cref="Run"/>.</summary>
        public IReadOnlyList<MsLabelQuality> LabelQuality { get; private set; } = Array.Empty<MsLabelQuality>();

        /// <summary>The first test case's predicted masks per (regime, method), for the figures.</summary>
        public Dictionary<(Regime Regime, string Method), float[]> FirstCasePredictions { get; } = new();

        public IReadOnlyList<MsTrialResult> Run(IReadOnlyList<ExperimentMethod> methods, IReadOnlyList<Regime> regimes)
        {
            var ml = new MLContext(_seed);
            var atlas = MsAtlas.Load(MsAtlas.DefaultFolder);
            string trainFolder = Path.Combine(_folder, "data", "train");
            // Different seeds give different subjects: the test subjects are never trained on.
            MsDataset.Generate(ml, atlas, _profile.Data, _profile.TrainSubjects, _seed, trainFolder, Console.Out);
            MsDataset.Generate(ml, atlas, _profile.Data, _profile.TestSubjects, _seed + 100, TestFolder, Console.Out);

            var train = Load(ml, trainFolder);
            var test = Load(ml, TestFolder);
            Console.WriteLine("Fusing the training volumes (majority vote, STAPLE, Spatial STAPLE)...");
            var fusion = Fusion(ml, confusion: false).Fit(train);
            var fused = ml.Data.Cache(fusion.Transform(train));
            LabelQuality = MeasureLabels(ml, fused);
            var testFusion = ml.Data.Cache(Fusion(ml, confusion: true).Fit(test).Transform(test));
            var testAnnotations = s_annotators.Select(name => test.GetColumn<float[]>(name).ToArray()).ToArray();
            TrueConfusion = ConfusionAverages.True(test.GetColumn<float[]>(TruthColumn).ToArray(), s_annotators.Length, (n, r) => testAnnotations[r][n]);

            Console.WriteLine("Cutting the training patches...");
            var patches = new Dictionary<Regime, IDataView>();
            foreach (var regime in regimes)
            {
                var volumes = regime == Regime.Dense
                    ? fused
                    : ml.Data.Cache(ml.NoisyLabels().Transforms.KeepSingleAnnotation(s_annotators, seed: _seed + 1000).Fit(train).Transform(train));
                string[] labels = regime == Regime.Dense
                    ? s_annotators.Concat(new[] { MsMethods.MajorityColumn, MsMethods.StapleColumn, MsMethods.SpatialStapleColumn, TruthColumn }).ToArray()
                    : s_annotators.Append(TruthColumn).ToArray();
                patches[regime] = ml.Data.Cache(ml.NoisyLabels().Data.SamplePatches(volumes, Patches(labels, _profile.PatchesPerVolume)));
            }

            // The trainers of the two-network model also score a test set of their own input format: a few test patches.
            var testPatches = ml.Data.Cache(ml.NoisyLabels().Data.SamplePatches(test, Patches(s_annotators.Append(TruthColumn).ToArray(), 2)));

            var trials = regimes.SelectMany(r => methods.Where(m => m.AppliesTo(r)).Select(m => (Regime: r, Method: m))).ToArray();
            Console.WriteLine($"Training {trials.Length} networks ({_workers} at a time) on {_profile.PatchSize}x{_profile.PatchSize} patches...");
            var progress = new ProgressBar(trials.Length);
            var results = new MsTrialResult[trials.Length];
            Parallel.For(0, trials.Length, new ParallelOptions { MaxDegreeOfParallelism = _workers }, i =>
            {
                if (_workers > 1)
                {
                    TorchSharp.torch.set_num_threads(1);
                }

                var (regime, method) = trials[i];
                results[i] = RunTrial(method, regime, patches[regime], testPatches, test, testFusion);
                var r = results[i];
                string cm = r.ConfusionRmse is double rmse ? string.Format(CultureInfo.InvariantCulture, ", CM RMSE {0:F4}", rmse) : string.Empty;
                progress.Step(string.Format(CultureInfo.InvariantCulture, "{0}, {1}: Dice {2:F4}, lesions {3}/{4} found, {5} false{6} ({7:F0} s + {8:F1} s per volume)",
                    regime, method.Title, r.Dice, r.TruePositiveLesions, r.TruthLesions, r.FalsePositiveLesions, cm, r.TrainingSeconds, r.SecondsPerVolume));
            });
            return results;
        }

        private MsTrialResult RunTrial(ExperimentMethod method, Regime regime, IDataView trainPatches, IDataView testPatches, IDataView testVolumes, IDataView testFusion)
        {
            var ml = new MLContext(_seed);
            var context = new TrialContext(ml, trainPatches, testPatches, _profile.Training, _seed, regime);
            var clock = Stopwatch.StartNew();
            var fitted = method.Fit(context);
            double trainingSeconds = clock.Elapsed.TotalSeconds;
            var model = (SegmentationTransformer)fitted.Model;

            // Whole test volumes, sliding windows; the confusion field for the models that learn matrices.
            bool learnsMatrices = fitted.ConfusionColumn is not null;
            var segmenter = ml.NoisyLabels().Transforms.SegmentVolumes(model, new VolumeSegmentationEstimator.Options
            {
                VolumeColumnName = VolumeColumnNames.Image,
                ProbabilitiesColumnName = null,
                ConfusionFieldColumnName = learnsMatrices ? ConfusionField : null,
            }).Fit(testVolumes);
            var scored = ml.Data.Cache(segmenter.Transform(testVolumes));
            clock.Restart();
            long volumes = 0;
            using (var cursor = scored.GetRowCursor(scored.Schema))
            {
                while (cursor.MoveNext())
                {
                    volumes++;
                }
            }

            double secondsPerVolume = clock.Elapsed.TotalSeconds / Math.Max(1, volumes);
            var evaluation = ml.NoisyLabels().Evaluation;
            var dice = evaluation.EvaluateSegmentation(scored, TruthColumn, "PredictedLabel");
            var lesions = evaluation.EvaluateLesionDetection(scored, TruthColumn, "PredictedLabel").Total;
            // The matrices: the model's field on the test volumes, or STAPLE's own, estimated on each test volume's
            // annotations (it is an unsupervised per-volume method).
            var (estimate, column) = learnsMatrices ? (scored, ConfusionField)
                : method.Key is "staple" ? (testFusion, FusedConfusion)
                : method.Key is "spatial-staple" ? (testFusion, FusedConfusion + "Spatial")
                : (null, null);
            double? rmse = null;
            double[][]? meanConfusion = null;
            if (estimate is not null && column is not null)
            {
                rmse = evaluation.EvaluateConfusionMatrices(estimate, s_annotators, TruthColumn, column).RootMeanSquaredError;
                meanConfusion = ConfusionAverages.Estimated(estimate.GetColumn<float[]>(TruthColumn).ToArray(), estimate.GetColumn<float[]>(column).ToArray(), s_annotators.Length);
            }

            string file = $"pred-{RegimeNames.Key(regime)}-{method.Key}.nii.gz";
            ml.NoisyLabels().Data.SaveVolumes(scored, "PredictedLabel", file, dataType: Data.Nifti.NiftiDataType.UInt8);
            lock (FirstCasePredictions)
            {
                FirstCasePredictions[(regime, method.Key)] = scored.GetColumn<float[]>("PredictedLabel").First();
            }

            return new MsTrialResult
            {
                Method = method.Key,
                Title = method.Title,
                Regime = regime,
                Dice = dice.Dice,
                DicePerVolume = dice.PerImageDice.ToArray(),
                TruthLesions = lesions.TruthLesions,
                TruePositiveLesions = lesions.TruePositives,
                FalsePositiveLesions = lesions.FalsePositives,
                LesionSensitivity = lesions.Sensitivity,
                LesionPrecision = lesions.Precision,
                LesionF1 = lesions.F1,
                ConfusionRmse = rmse,
                MeanConfusion = meanConfusion,
                TrainingSeconds = trainingSeconds,
                SecondsPerVolume = secondsPerVolume,
                History = fitted.Histories[0].Select(EpochRecord.From).ToArray(),
            };
        }

        // The volumes of a folder with the MNIST experiment's column names (raters Good..Blank, truth Mask), cached.
        private static IDataView Load(MLContext ml, string folder)
        {
            var raw = ml.NoisyLabels().Data.LoadVolumes(folder, MsDataset.ImageFileNames, MsDataset.RaterFileNames.Append(MsDataset.TruthFileName).ToArray());
            IEstimator<ITransformer> copies = ml.Transforms.CopyColumns(TruthColumn, MsDataset.TruthColumnName);
            for (int r = 0; r < s_annotators.Length; r++)
            {
                copies = copies.Append(ml.Transforms.CopyColumns(s_annotators[r], MsDataset.RaterFileNames[r].Replace(".nii.gz", string.Empty, StringComparison.Ordinal)));
            }

            return ml.Data.Cache(copies.Fit(raw).Transform(raw));
        }

        private static IEstimator<ITransformer> Fusion(MLContext ml, bool confusion)
        {
            var transforms = ml.NoisyLabels().Transforms;
            return transforms.MajorityVote(MsMethods.MajorityColumn, s_annotators)
                .Append(transforms.Staple(MsMethods.StapleColumn, s_annotators, confusionMatricesColumnName: confusion ? FusedConfusion : null))
                .Append(transforms.SpatialStaple(MsMethods.SpatialStapleColumn, s_annotators, confusionMatricesColumnName: confusion ? FusedConfusion + "Spatial" : null));
        }

        private VolumePatchOptions Patches(string[] labels, int perVolume) => new VolumePatchOptions
        {
            ImageColumnName = VolumeColumnNames.Image,
            LabelColumnNames = labels,
            // Patch centres follow the annotators' lesions, never the truth's: the truth only rides along.
            ForegroundColumnNames = s_annotators,
            PatchHeight = _profile.PatchSize,
            PatchWidth = _profile.PatchSize,
            PatchesPerVolume = perVolume,
            Seed = _seed,
        };

        private static IReadOnlyList<MsLabelQuality> MeasureLabels(MLContext ml, IDataView fused)
        {
            var evaluation = ml.NoisyLabels().Evaluation;
            var columns = s_annotators.Concat(new[] { MsMethods.MajorityColumn, MsMethods.StapleColumn, MsMethods.SpatialStapleColumn });
            return columns.Select(column =>
            {
                var lesions = evaluation.EvaluateLesionDetection(fused, TruthColumn, column).Total;
                return new MsLabelQuality(column, evaluation.EvaluateSegmentation(fused, TruthColumn, column).Dice, lesions.Sensitivity, lesions.Precision);
            }).ToArray();
        }
    }
}
