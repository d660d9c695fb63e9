using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>How the annotator network models each annotator's confusion matrix.</summary>
    public enum ConfusionMatrixKind
    {
        /// <summary>A confusion matrix at every pixel of every image, from heads on the shared U-Net (the paper's model).</summary>
        PixelWise = 0,

        /// <summary>One confusion matrix per annotator for all pixels and images (the paper's global variant).</summary>
        Global = 1,
    }

    /// <summary>Which confusion matrices the model uses: the stages of training, in order.</summary>
    public enum ConfusionStage
    {
        /// <summary>Every confusion matrix is the identity: the warm-up (and plain segmentation networks).</summary>
        Identity = 0,

        /// <summary>One matrix per annotator, the same at every pixel (for pixel-wise heads: their output bias alone).</summary>
        Global = 1,

        /// <summary>The annotator network as configured (pixel-wise or global).</summary>
        Full = 2,
    }

    /// <summary>The shape of a network: everything needed to rebuild it, and to export it, from its weights.</summary>
    /// <param name="InputChannels">Image channels C.</param>
    /// <param name="Classes">Classes L.</param>
    /// <param name="Width">Channels of the U-Net's first level.</param>
    /// <param name="Depth">Number of down-sampling steps.</param>
    /// <param name="Annotators">Annotators R with a confusion matrix; 0 for a plain segmentation network.</param>
    /// <param name="Confusion">The confusion-matrix model when <paramref name="Annotators"/> &gt; 0.</param>
    /// <param name="DiagonalBias">The initial diagonal logit of the confusion matrices.</param>
    /// <param name="ConfusionHeadBlocks">3x3 blocks in each pixel-wise confusion head before its 1x1 output.</param>
    internal sealed record NetworkArchitecture(int InputChannels, int Classes, int Width, int Depth, int Annotators, ConfusionMatrixKind Confusion, double DiagonalBias, int ConfusionHeadBlocks = 0)
    {
        public bool HasConfusion => Annotators > 0;
    }

    /// <summary>
    /// The segmentation network p(x), and optionally the annotator network A(x), on one shared U-Net trunk.
    /// Returns log p as [N, L, H, W] and log A as [N or 1, R, L, L, H or 1, W or 1] (null without annotators).
    /// Log-probabilities keep the loss's log(A p) exact through logsumexp instead of log(A p + eps).
    /// </summary>
    internal sealed partial class SegmentationNetwork : nn.Module<Tensor, (Tensor LogProbabilities, Tensor? LogConfusion)>
    {
        public SegmentationNetwork(NetworkArchitecture architecture)
            : base("noisy_labels_network")
        {
            Architecture = architecture;
            trunk = new UNetTrunk("trunk", architecture.InputChannels, architecture.Width, architecture.Depth);
            classifier = nn.Conv2d(architecture.Width, architecture.Classes, 1, bias: true);
            if (architecture.HasConfusion)
            {
                confusion = architecture.Confusion == ConfusionMatrixKind.Global
                    ? new GlobalConfusion("confusion", architecture.Annotators, architecture.Classes, architecture.DiagonalBias)
                    : new PixelConfusionHeads("confusion", architecture.Width, architecture.Annotators, architecture.Classes, architecture.ConfusionHeadBlocks, architecture.DiagonalBias);
            }

            RegisterComponents();
        }

        public NetworkArchitecture Architecture { get; }

#pragma warning disable IDE1006, SA1300 // State-dict names follow the fields.
        internal readonly UNetTrunk trunk;
        internal readonly Conv2d classifier;
        internal readonly nn.Module<Tensor, Tensor>? confusion;
#pragma warning restore IDE1006, SA1300

        /// <summary>
        /// The parameters that hold the image-independent part of the confusion matrices: the global matrices, or the
        /// pixel-wise heads' output bias. They are trained with their own, larger learning rate.
        /// </summary>
        public IReadOnlyList<Parameter> GlobalConfusionParameters => confusion switch
        {
            GlobalConfusion global => new[] { (Parameter)global.logits },
            PixelConfusionHeads heads => new[] { (Parameter)heads.output.bias! },
            _ => Array.Empty<Parameter>(),
        };

        /// <summary>
        /// Sets the image-independent part of every annotator's matrix (see <see cref="GlobalConfusionParameters"/>) to
        /// <paramref name="logits"/>, [R, L, L] indexed [annotator][observed][true], whose softmax over the observed axis
        /// gives the matrices training starts from.
        /// </summary>
        public void StartConfusionAt(float[] logits)
        {
            using var noGrad = no_grad();
            foreach (var parameter in GlobalConfusionParameters)
            {
                using var values = tensor(logits).reshape(parameter.shape);
                parameter.copy_(values);
            }
        }

        public override (Tensor LogProbabilities, Tensor? LogConfusion) forward(Tensor input)
            => Forward(input, ConfusionStage.Full);

        /// <summary>Runs the network; <see cref="ConfusionStage.Identity"/> skips the annotator heads (warm-up, inference).</summary>
        public (Tensor LogProbabilities, Tensor? LogConfusion) Forward(Tensor input, bool withConfusion)
            => Forward(input, withConfusion ? ConfusionStage.Full : ConfusionStage.Identity);

        /// <summary>Runs the network with the confusion matrices of <paramref name="stage"/>.</summary>
        public (Tensor LogProbabilities, Tensor? LogConfusion) Forward(Tensor input, ConfusionStage stage)
        {
            using var scope = NewDisposeScope();
            var features = trunk.forward(input);
            var logProbabilities = classifier.forward(features).log_softmax(1);
            Tensor? logConfusion = (stage, confusion) switch
            {
                (ConfusionStage.Identity, _) or (_, null) => null,
                (ConfusionStage.Global, PixelConfusionHeads heads) => heads.GlobalPart(),
                _ => confusion.forward(features),
            };
            return (logProbabilities.MoveToOuterDisposeScope(), logConfusion?.MoveToOuterDisposeScope());
        }
    }
}
