using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>
    /// Pixel-wise confusion matrices for R annotators on the shared trunk's features. Each annotator's head is
    /// <c>hiddenBlocks</c> 3x3 blocks followed by a 1x1 convolution to L*L channels; with no blocks it is the 1x1
    /// convolution alone, a per-pixel linear map of the features the segmentation head also reads (the default: with
    /// the reference layout's two blocks the heads learn to predict each annotator from the image on their own, and
    /// the segmentation drifts, see <c>AnnotatorConfusionTrainer.Options.ConfusionHeadBlocks</c>). The R heads run as
    /// one grouped convolution chain, which computes exactly what R separate heads would, in one call per layer.
    /// Returns log A as [N, R, L(observed), L(true), H, W]; a softmax over the observed axis makes each column (each
    /// true class) a distribution. The output bias starts on the diagonal so that training starts near identity.
    /// </summary>
    internal sealed partial class PixelConfusionHeads : nn.Module<Tensor, Tensor>
    {
        public PixelConfusionHeads(string name, int features, int annotators, int classes, int hiddenBlocks, double diagonalBias)
            : base(name)
        {
            Annotators = annotators;
            Classes = classes;
            long hidden = (long)features * annotators;
            var hiddenLayers = new List<nn.Module<Tensor, Tensor>>();
            for (int b = 0; b < hiddenBlocks; b++)
            {
                // The first block reads the shared features once for all heads; later blocks are per head (grouped).
                hiddenLayers.Add(b == 0
                    ? new ConvNormAct("block", features, hidden)
                    : new ConvNormAct("block", hidden, hidden, groups: annotators));
            }

            blocks = nn.ModuleList(hiddenLayers.ToArray());
            output = hiddenBlocks == 0
                ? nn.Conv2d(features, (long)annotators * classes * classes, 1, bias: true)
                : nn.Conv2d(hidden, (long)annotators * classes * classes, 1, groups: annotators, bias: true);
            OutputGroups = hiddenBlocks == 0 ? 1 : annotators;
            using (no_grad())
            {
                // Small random weights keep the start close to the bias, i.e. close to identity matrices.
                using var scale = 0.1.ToScalar();
                output.weight!.mul_(scale);
                output.bias!.copy_(ConfusionInitialisation.DiagonalLogits(annotators, classes, diagonalBias).reshape(-1));
            }

            RegisterComponents();
        }

        public int Annotators { get; }

        public int Classes { get; }

        /// <summary>Groups of the 1x1 output convolution: 1 without hidden blocks, else R.</summary>
        public int OutputGroups { get; }

#pragma warning disable IDE1006, SA1300 // State-dict names follow the fields.
        internal readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
        internal readonly Conv2d output;
#pragma warning restore IDE1006, SA1300

        public override Tensor forward(Tensor features)
        {
            using var scope = NewDisposeScope();
            var x = features;
            foreach (var block in blocks)
            {
                x = block.forward(x);
            }

            var logits = output.forward(x);
            var shaped = logits.reshape(logits.shape[0], Annotators, Classes, Classes, logits.shape[2], logits.shape[3]);
            return shaped.log_softmax(2).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// The matrices that the output layer's bias alone gives, the same at every pixel, as [1, R, L, L, 1, 1]: the
        /// global stage of training fits them before the heads look at the image (see <see cref="ConfusionStage"/>).
        /// </summary>
        public Tensor GlobalPart()
            => output.bias!.reshape(1, Annotators, Classes, Classes, 1, 1).log_softmax(2);
    }

    /// <summary>
    /// One learnable L x L confusion matrix per annotator, shared by every pixel and image (the paper's global
    /// variant). Returns log A as [1, R, L, L, 1, 1], broadcastable against the pixel-wise layout.
    /// </summary>
    internal sealed partial class GlobalConfusion : nn.Module<Tensor, Tensor>
    {
        public GlobalConfusion(string name, int annotators, int classes, double diagonalBias)
            : base(name)
        {
            Annotators = annotators;
            Classes = classes;
            logits = nn.Parameter(ConfusionInitialisation.DiagonalLogits(annotators, classes, diagonalBias));
            RegisterComponents();
        }

        public int Annotators { get; }

        public int Classes { get; }

#pragma warning disable IDE1006, SA1300 // State-dict names follow the fields.
        internal readonly Parameter logits;
#pragma warning restore IDE1006, SA1300

        /// <summary>Ignores its input's values: the matrices do not depend on the image.</summary>
        public override Tensor forward(Tensor features)
            => logits.log_softmax(1).reshape(1, Annotators, Classes, Classes, 1, 1);
    }

    /// <summary>Initial logits of confusion matrices: <c>diagonalBias</c> on the diagonal, 0 elsewhere.</summary>
    internal static class ConfusionInitialisation
    {
        /// <summary>Returns [R, L, L] logits.</summary>
        public static Tensor DiagonalLogits(int annotators, int classes, double diagonalBias)
        {
            using var bias = diagonalBias.ToScalar();
            return eye(classes).mul(bias).unsqueeze(0).repeat(annotators, 1, 1);
        }

        /// <summary>The diagonal value of softmax([b, 0, ..., 0]): what a column starts at for bias b.</summary>
        public static double DiagonalProbability(int classes, double diagonalBias)
            => Math.Exp(diagonalBias) / (Math.Exp(diagonalBias) + classes - 1);
    }
}
