using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Networks;
using Microsoft.ML.NoisyLabels.Onnx;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// Trains the two coupled networks of "Learning to Segment When Experts Disagree" (Zhang, Tanno et al., MICCAI
    /// 2020) from noisy annotations alone: a U-Net segmentation network p(x) and an annotator network giving every
    /// annotator a confusion matrix A(r) at every pixel, by minimising, per image, the sum over the annotators who
    /// labelled it of CE(A(r) p, y~(r)) + lambda * tr(A(r)). Images labelled by only some annotators (down to one:
    /// the single-label regime) are used as they are.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ### Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | Yes |
    /// | Input columns | Image: known-size vector of Single, [C, H, W] or [H, W]. Annotators: one column each, a vector of H*W labels, key or numeric 0..L-1; a row whose values are all missing (NaN, or key 0) is an image that annotator did not label. |
    /// | Output columns | Probabilities: vector of Single [L, H, W]. PredictedLabel: vector of Single [H, W]. On request: confusion matrices [R, L, L] per image, the confusion-matrix field [R, L, L, H, W], and each annotator's predicted mask [R, H, W]. |
    /// | Exportable to ONNX | Yes: the fitted model is an ONNX graph (see <see cref="SegmentationTransformer.GetOnnxModel"/>). |
    /// | Required NuGet packages | Microsoft.ML.NoisyLabels, a libtorch backend for training (e.g. libtorch-cpu-linux-x64), an ONNX Runtime package for inference. |
    ///
    /// Training starts with <see cref="Options.WarmupEpochs"/> epochs in which every confusion matrix is the identity
    /// (the segmentation network learns from all annotations as if they were true); without that warm-up an
    /// independent implementation saw the method fail, below a naive CNN (docs/METHOD.md, section 9). A large lambda
    /// pulls training towards the flipped solution (p' = 1 - p with every matrix's columns swapped), which fits the
    /// annotations equally well with a smaller trace; the trainer warns in <c>MLContext.Log</c> when it sees it. The
    /// model, the loss and the training stages are described in docs/METHOD.md, sections 1 and 2.
    /// ]]></format>
    /// </remarks>
    public sealed class AnnotatorConfusionTrainer : IEstimator<SegmentationTransformer>
    {
        /// <summary>Options of <see cref="AnnotatorConfusionTrainer"/>.</summary>
        public sealed class Options : SegmentationTrainerOptionsBase
        {
            /// <summary>The annotator columns, one per annotator (R of them). Required.</summary>
            public string[] AnnotatorColumnNames = Array.Empty<string>();

            /// <summary>
            /// Weight lambda of the trace term, which pushes the confusion matrices away from the identity so that
            /// disagreements are attributed to the annotators. Default 0.01. The paper's best was 0.7 on its scale
            /// (<see cref="TraceNormalization.SumOverAnnotators"/>); an independent implementation found the trace term
            /// helped the confusion-matrix error a little and the Dice not at all, and large values flip the
            /// segmentation (docs/METHOD.md, sections 2 and 9). Choose it with a sweep over a validation set.
            /// </summary>
            public double Lambda = TrainerDefaults.Lambda;

            /// <summary>How the trace term is combined over the annotators of an image. Default <see cref="TraceNormalization.SumOverAnnotators"/>, the paper's scale and that of docs/RESULTS.md.</summary>
            public TraceNormalization TraceNormalization = TrainerDefaults.Normalization;

            /// <summary>
            /// Which diagonal entries the trace term counts at each pixel. Default <see cref="TraceWeighting.Uniform"/>,
            /// the paper's term. <see cref="TraceWeighting.Predicted"/> counts each entry in proportion to the
            /// segmentation's probability of its class, which removes the trace term's pull towards the flipped solution
            /// (docs/RESULTS.md, "The flip guard and the weighted trace").
            /// </summary>
            public TraceWeighting TraceWeighting = TrainerDefaults.Weighting;

            /// <summary>
            /// How each pixel's annotations are scored. Default <see cref="AnnotationLikelihood.Independent"/>, the
            /// paper's loss. <see cref="AnnotationLikelihood.SharedTruth"/> scores all of an image's annotations against
            /// one true label; it changes nothing with one annotation per image. With dense labels on MNIST it helped a
            /// little after short training, let the segmentation drift after long training, and made no difference on
            /// 30,000 images (docs/RESULTS.md, "The loss: one likelihood per annotator, or one shared true label"):
            /// compare the two on validation data.
            /// </summary>
            public AnnotationLikelihood Likelihood = AnnotationLikelihood.Independent;

            /// <summary>
            /// Epochs at the start during which every confusion matrix is held at identity and the trace term is off:
            /// the segmentation network learns from every annotation as if it were true, which starts joint training in
            /// the right basin (docs/METHOD.md, section 1). Default 2: without a warm-up the method failed in an
            /// independent implementation (docs/METHOD.md, section 9). Use 0 with
            /// <see cref="ConfusionMatrixKind.Global"/> matrices when an annotator is far from the identity, such as
            /// one who marks the complement of the truth.
            /// </summary>
            public int WarmupEpochs = TrainerDefaults.WarmupEpochs;

            /// <summary>
            /// Pixel-wise heads only: epochs after the warm-up during which every annotator's matrix is the same at all
            /// pixels (the heads' output bias alone, at <see cref="ConfusionLearningRate"/>) before the heads look at
            /// the image. Default 0. It lets annotator-wide behaviour be learnt first, but global matrices also admit
            /// the explanation "the truth is the largest annotation and the others miss parts of it", and with the
            /// paper's annotators (one of whom thickens every stroke) the segmentation settled there in our trials.
            /// </summary>
            public int GlobalConfusionEpochs = TrainerDefaults.GlobalConfusionEpochs;

            /// <summary>
            /// Learning rate of the image-independent confusion parameters: the matrices of the global kind throughout,
            /// and the pixel-wise heads' output bias during the global stage. Default 0.1: a matrix must be able to go
            /// from identity to swapped columns within an epoch or two, which the network's rate does not allow.
            /// </summary>
            public double ConfusionLearningRate = TrainerDefaults.ConfusionLearningRate;

            /// <summary>
            /// Pixel-wise confusion matrices (the paper's model) or one global matrix per annotator. Default
            /// pixel-wise, which learnt the paper's annotators (docs/RESULTS.md). Choose
            /// <see cref="ConfusionMatrixKind.Global"/> when an annotator's behaviour does not depend on the pixel, for
            /// example one who marks the complement of the truth: the pixel-wise heads then explained that annotator
            /// pixel by pixel and the segmentation drifted in our trials, while global matrices learnt it and beat a
            /// majority-vote CNN (the package's LearnsTheTruthTests). Global matrices need no warm-up (set
            /// <see cref="WarmupEpochs"/> to 0).
            /// </summary>
            public ConfusionMatrixKind ConfusionMatrixKind = TrainerDefaults.ConfusionKind;

            /// <summary>
            /// 3x3 blocks in each annotator's pixel-wise head before its 1x1 output convolution. Default 0: each head
            /// is a per-pixel linear map of the features the segmentation head reads. The reference layout has 2; with
            /// them the heads learnt to predict every annotator from the image on their own and the segmentation
            /// drifted far from the truth on MNIST (docs/RESULTS.md, "Design ablation: the size of the pixel-wise
            /// confusion heads"). Keep the default unless a validation set says otherwise.
            /// </summary>
            public int ConfusionHeadBlocks = TrainerDefaults.ConfusionHeadBlocks;

            /// <summary>
            /// Weight of the guard against the flipped solution. The trace term is smallest when p is the complement of
            /// the truth and every matrix has its columns swapped, which explains the annotations just as well: the
            /// trace term itself pulls towards that flip, the harder the larger lambda and the longer the training. The
            /// method assumes the annotators are, on average, right more often than not about each class (their average
            /// confusion matrix is diagonally dominant). After the warm-up, each batch adds this weight times, for each
            /// true class, how far the annotators' average matrix (each annotator's matrix averaged over the pixels p
            /// assigns to that class) falls short of diagonal dominance by <see cref="DiagonalDominanceMargin"/>. While
            /// the assumption holds the term is exactly zero and changes nothing. Default 10; 0 turns it off (the
            /// paper's loss). It is off when <see cref="VerifiedLabelColumnName"/> is set: verified masks are the way
            /// to overrule annotators who are mostly wrong, and the assumption may not hold then. docs/RESULTS.md
            /// measures it on runs that flipped without it.
            /// </summary>
            public double DiagonalDominanceWeight = TrainerDefaults.DiagonalDominanceWeight;

            /// <summary>
            /// How far each diagonal entry of the annotators' average matrix must exceed the largest other entry of its
            /// column before <see cref="DiagonalDominanceWeight"/>'s guard is silent. Default 0: the guard only stops a
            /// flip, and leaves any solution that the annotators' average still supports alone.
            /// </summary>
            public double DiagonalDominanceMargin = TrainerDefaults.DiagonalDominanceMargin;

            /// <summary>
            /// A prior on each annotator's reliability: per annotator, in the order of <see cref="AnnotatorColumnNames"/>,
            /// the least value the diagonal of its confusion matrix may take (0 for no prior, otherwise below 1), each
            /// annotator's matrix averaged over the pixels of each true class as p sees them. Use it for an annotator
            /// known to be an expert (say 0.95) where most annotators share one bias: the annotations alone cannot tell
            /// the bias from the truth, and the expert's floor says which side to take. After the warm-up each batch
            /// adds <see cref="AnnotatorDiagonalFloorWeight"/> times how far each such diagonal entry falls below its
            /// floor. docs/RESULTS.md measures it on annotators whose majority over-segments. Default none.
            /// </summary>
            public double[]? AnnotatorDiagonalFloors;

            /// <summary>Weight of <see cref="AnnotatorDiagonalFloors"/>' penalty. Default 10.</summary>
            public double AnnotatorDiagonalFloorWeight = 10;

            /// <summary>The diagonal that every confusion matrix starts near (0 &lt; value &lt; 1). Default 0.9.</summary>
            public double InitialConfusionDiagonal = TrainerDefaults.InitialConfusionDiagonal;

            /// <summary>
            /// The oracle: a ground-truth column from which each image's true (global) confusion matrix per annotator
            /// is computed and held fixed, so that only the segmentation network learns. An upper bound for
            /// experiments, not a method for real data. Default none.
            /// </summary>
            public string? OracleGroundTruthColumnName;

            /// <summary>
            /// A column of masks known to be right (a consensus review, or an expert's masks), present on some rows and
            /// missing (NaN, or key 0) on the others, in the annotators' format. Where all or most annotators share one
            /// bias (over-segmenting, say), the annotations alone cannot tell the bias from the truth, and every method
            /// lands near the biased consensus; a few verified masks break that tie. Each verified mask enters the loss
            /// as an annotation whose confusion matrix is the identity, with weight <see cref="VerifiedLabelWeight"/>:
            /// it pulls the segmentation towards the truth on its rows, and through it the annotator network learns what
            /// each annotator does there. Rows with a verified mask and no annotation are used too. It needs no
            /// ground truth anywhere else; docs/RESULTS.md measures it with 2% of the images verified. Default none.
            /// </summary>
            public string? VerifiedLabelColumnName;

            /// <summary>
            /// Weight of a verified mask's term against one annotator's (see <see cref="VerifiedLabelColumnName"/>).
            /// Default 1.
            /// </summary>
            public double VerifiedLabelWeight = 1;

            /// <summary>
            /// Output column of each annotator's confusion matrix per image: R x L x L floats indexed
            /// [annotator][observed label][true label], every column (true label) summing to 1, as the fusion transforms'
            /// <c>ConfusionMatricesColumnName</c>. With <see cref="ConfusionMatrixKind.Global"/> matrices these are the
            /// learnt matrices; with pixel-wise ones, their average over the image's pixels (as Spatial STAPLE reports).
            /// Default none.
            /// </summary>
            public string? ConfusionMatricesColumnName;

            /// <summary>
            /// Output column of each annotator's confusion matrix at every pixel: R x L x L x H x W floats indexed
            /// [annotator][observed label][true label][pixel], as Spatial STAPLE's <c>ConfusionFieldColumnName</c>. With
            /// <see cref="ConfusionMatrixKind.Global"/> matrices every pixel holds the same matrix. Default none.
            /// </summary>
            public string? ConfusionFieldColumnName;

            /// <summary>Output column of each annotator's predicted mask, argmax of A p. Default none.</summary>
            public string? AnnotatorPredictionsColumnName;

            /// <summary>A model trained before with the same architecture and annotators: training continues from its weights.</summary>
            public SegmentationTransformer? InitialModel;

            internal override void Check()
            {
                base.Check();
                if (AnnotatorColumnNames is null || AnnotatorColumnNames.Length == 0)
                {
                    throw new ArgumentException("At least one annotator column is required.", nameof(AnnotatorColumnNames));
                }

                if (AnnotatorColumnNames.Distinct(StringComparer.Ordinal).Count() != AnnotatorColumnNames.Length)
                {
                    throw new ArgumentException("An annotator column is named twice.", nameof(AnnotatorColumnNames));
                }

                if (!(Lambda >= 0) || double.IsInfinity(Lambda))
                {
                    throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Lambda must be a finite value >= 0.");
                }

                if (!(DiagonalDominanceWeight >= 0) || double.IsInfinity(DiagonalDominanceWeight))
                {
                    throw new ArgumentOutOfRangeException(nameof(DiagonalDominanceWeight), DiagonalDominanceWeight, $"{nameof(DiagonalDominanceWeight)} must be a finite value >= 0.");
                }

                if (AnnotatorDiagonalFloors is not null)
                {
                    if (AnnotatorDiagonalFloors.Length != AnnotatorColumnNames.Length)
                    {
                        throw new ArgumentException($"{nameof(AnnotatorDiagonalFloors)} has {AnnotatorDiagonalFloors.Length} values for {AnnotatorColumnNames.Length} annotator columns: give one per annotator, 0 for none.", nameof(AnnotatorDiagonalFloors));
                    }

                    int bad = Array.FindIndex(AnnotatorDiagonalFloors, f => !(f >= 0 && f < 1));
                    if (bad >= 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(AnnotatorDiagonalFloors), AnnotatorDiagonalFloors[bad], $"The diagonal floor of annotator '{AnnotatorColumnNames[bad]}' must be in [0, 1).");
                    }
                }

                if (!(AnnotatorDiagonalFloorWeight >= 0) || double.IsInfinity(AnnotatorDiagonalFloorWeight))
                {
                    throw new ArgumentOutOfRangeException(nameof(AnnotatorDiagonalFloorWeight), AnnotatorDiagonalFloorWeight, $"{nameof(AnnotatorDiagonalFloorWeight)} must be a finite value >= 0.");
                }

                if (!(DiagonalDominanceMargin >= 0 && DiagonalDominanceMargin < 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(DiagonalDominanceMargin), DiagonalDominanceMargin, $"{nameof(DiagonalDominanceMargin)} must be in [0, 1).");
                }

                if (WarmupEpochs < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, $"{nameof(WarmupEpochs)} cannot be negative.");
                }

                if (GlobalConfusionEpochs < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(GlobalConfusionEpochs), GlobalConfusionEpochs, $"{nameof(GlobalConfusionEpochs)} cannot be negative.");
                }

                if (!(ConfusionLearningRate > 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(ConfusionLearningRate), ConfusionLearningRate, $"{nameof(ConfusionLearningRate)} must be positive.");
                }

                if (ConfusionHeadBlocks < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(ConfusionHeadBlocks), ConfusionHeadBlocks, $"{nameof(ConfusionHeadBlocks)} cannot be negative.");
                }

                if (!(InitialConfusionDiagonal > 0 && InitialConfusionDiagonal < 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(InitialConfusionDiagonal), InitialConfusionDiagonal, "The initial diagonal must lie strictly between 0 and 1.");
                }

                if (!(VerifiedLabelWeight > 0) || double.IsInfinity(VerifiedLabelWeight))
                {
                    throw new ArgumentOutOfRangeException(nameof(VerifiedLabelWeight), VerifiedLabelWeight, $"{nameof(VerifiedLabelWeight)} must be a finite value > 0.");
                }

                if (VerifiedLabelColumnName is not null && AnnotatorColumnNames.Contains(VerifiedLabelColumnName, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"The verified-mask column '{VerifiedLabelColumnName}' is also an annotator column.", nameof(VerifiedLabelColumnName));
                }

                if (VerifiedLabelColumnName is not null && OracleGroundTruthColumnName is not null)
                {
                    throw new ArgumentException($"{nameof(VerifiedLabelColumnName)} and {nameof(OracleGroundTruthColumnName)} cannot be used together: the oracle's matrices are given.", nameof(VerifiedLabelColumnName));
                }

                if (!Enum.IsDefined(Likelihood))
                {
                    throw new ArgumentOutOfRangeException(nameof(Likelihood), Likelihood, $"{nameof(Likelihood)} must be one of {string.Join(", ", Enum.GetNames<AnnotationLikelihood>())}.");
                }

                if (!Enum.IsDefined(TraceNormalization))
                {
                    throw new ArgumentOutOfRangeException(nameof(TraceNormalization), TraceNormalization, $"{nameof(TraceNormalization)} must be one of {string.Join(", ", Enum.GetNames<TraceNormalization>())}.");
                }

                if (!Enum.IsDefined(TraceWeighting))
                {
                    throw new ArgumentOutOfRangeException(nameof(TraceWeighting), TraceWeighting, $"{nameof(TraceWeighting)} must be one of {string.Join(", ", Enum.GetNames<TraceWeighting>())}.");
                }
            }

            internal OnnxOutputNames Outputs => new OnnxOutputNames(ProbabilitiesColumnName, PredictedLabelColumnName, ConfusionMatricesColumnName, AnnotatorPredictionsColumnName, ConfusionFieldColumnName);

            /// <summary>The diagonal logit b with softmax([b, 0, ..., 0])[0] = <see cref="InitialConfusionDiagonal"/>.</summary>
            internal double DiagonalBias => Math.Log(InitialConfusionDiagonal * (NumberOfClasses - 1) / (1 - InitialConfusionDiagonal));
        }

        private readonly MLContext _mlContext;
        private readonly Options _options;

        internal AnnotatorConfusionTrainer(MLContext mlContext, Options options)
        {
            _mlContext = mlContext;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Check();
        }

        /// <summary>Trains the networks on <paramref name="input"/> and returns the fitted model.</summary>
        public SegmentationTransformer Fit(IDataView input)
        {
            var o = _options;
            bool oracle = o.OracleGroundTruthColumnName is not null;
            using var session = new TrainingSession(_mlContext, nameof(AnnotatorConfusionTrainer), o);
            // One pass over the input: the images, the annotations and, for the oracle, the ground truth.
            var groups = new List<LabelMapGroup> { new LabelMapGroup(o.AnnotatorColumnNames, "annotator") };
            if (oracle)
            {
                groups.Add(new LabelMapGroup(new[] { o.OracleGroundTruthColumnName! }, "ground-truth"));
            }

            if (o.VerifiedLabelColumnName is string verifiedColumn)
            {
                groups.Add(new LabelMapGroup(new[] { verifiedColumn }, "verified-mask"));
            }

            var read = LabelledImagesReader.ReadInOnePass(input, o.ImageColumnName, groups, o.NumberOfClasses);
            var data = read.Groups[0];
            float[]? fixedConfusion = oracle ? OracleConfusion.Compute(read.Groups[1], data, o.NumberOfClasses) : null;
            var verified = o.VerifiedLabelColumnName is null ? null : read.Groups[^1];
            using var tensors = TrainingTensors.Create(data, null, fixedConfusion, o.NumberOfClasses, null, out int dropped, verified);
            if (tensors.Count == 0)
            {
                throw new InvalidOperationException($"No image in the training data has an annotation in any of the columns {string.Join(", ", o.AnnotatorColumnNames.Select(c => "'" + c + "'"))}.");
            }

            if (verified is not null)
            {
                int count = 0;
                for (int n = 0; n < verified.Count; n++)
                {
                    count += verified.IsPresent(n, 0) ? 1 : 0;
                }

                if (count == 0)
                {
                    throw new InvalidOperationException($"Verified-mask column '{o.VerifiedLabelColumnName}' has no mask on any row: every value is missing.");
                }

                session.Channel.Info(MessageSensitivity.None, $"{count} of {verified.Count} images have a verified mask ('{o.VerifiedLabelColumnName}').");
            }

            if (dropped > 0)
            {
                session.Channel.Info(MessageSensitivity.None, $"{dropped} images without any annotation are left out of training.");
            }

            using var validation = session.ReadValidation(o, o.AnnotatorColumnNames)?.Tensors(o.NumberOfClasses, onlyMap: null);
            var dims = new[] { data.Channels, data.Height, data.Width };
            // The oracle trains a plain network: its matrices are given, not learnt.
            var architecture = new NetworkArchitecture(data.Channels, o.NumberOfClasses, o.NetworkWidth, o.NetworkDepth, oracle ? 0 : o.AnnotatorColumnNames.Length, o.ConfusionMatrixKind, o.DiagonalBias, o.ConfusionHeadBlocks);
            var network = InitialNetwork(session, architecture);
            if (verified is not null && o.InitialModel is null)
            {
                network.StartConfusionAt(VerifiedConfusion.StartingLogits(verified, data, o.NumberOfClasses, o.DiagonalBias));
            }

            var objective = new TrainingObjective(o.Lambda, o.TraceNormalization, oracle ? 0 : o.WarmupEpochs, o.GlobalConfusionEpochs, o.ConfusionLearningRate, o.Likelihood, o.VerifiedLabelWeight,
                verified is null ? o.DiagonalDominanceWeight : 0, o.DiagonalDominanceMargin, o.AnnotatorDiagonalFloors, o.AnnotatorDiagonalFloorWeight, o.TraceWeighting);
            var history = session.Loop(o).Run(network, objective, tensors, validation, oracle ? "oracle" : "annotator confusion");
            var outputs = oracle ? o.Outputs with { Confusion = null, AnnotatorPredictions = null } : o.Outputs;
            var (model, onnx) = session.Export(new[] { network }, o.ImageColumnName, dims, outputs, input);
            return new SegmentationTransformer(model, onnx, new[] { network }, new[] { history }, o.ImageColumnName, dims, o.NumberOfClasses, o.AnnotatorColumnNames, outputs);
        }

        /// <summary>The output schema: the input's columns plus the outputs in <see cref="Options"/>.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            foreach (string column in _options.AnnotatorColumnNames)
            {
                SchemaChecks.FindColumn(inputSchema, column, "annotator");
            }

            if (_options.VerifiedLabelColumnName is string verified)
            {
                SchemaChecks.FindColumn(inputSchema, verified, "verified-mask");
            }

            bool oracle = _options.OracleGroundTruthColumnName is not null;
            var outputs = oracle ? _options.Outputs with { Confusion = null, AnnotatorPredictions = null } : _options.Outputs;
            return OnnxDeployment.OutputSchema(_mlContext, inputSchema, _options.ImageColumnName, outputs);
        }

        private SegmentationNetwork InitialNetwork(TrainingSession session, NetworkArchitecture architecture)
        {
            var network = session.CreateNetwork(architecture);
            if (_options.InitialModel is SegmentationTransformer initial)
            {
                var previous = initial.SegmentationNetworks;
                if (previous.Count != 1 || previous[0].Architecture != architecture)
                {
                    throw new ArgumentException($"{nameof(Options.InitialModel)} has a different architecture ({previous[0].Architecture}) from the one these options give ({architecture}).");
                }

                network.load_state_dict(previous[0].state_dict());
            }

            return network;
        }
    }
}
