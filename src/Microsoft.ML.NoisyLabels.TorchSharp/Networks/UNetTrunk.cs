using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Networks
{
    /// <summary>
    /// A 2D U-Net without its classifier: returns the last decoder feature map ([N, width, H, W]), which the
    /// segmentation head and the annotator heads share. Level k has width * 2^k channels; going down is a stride-2
    /// convolution block, going up is bilinear resizing to the skip connection's size (any H and W work, e.g. 7 -> 4
    /// -> 7 on MNIST at depth 3), concatenation with the skip, then two blocks.
    /// </summary>
    internal sealed partial class UNetTrunk : nn.Module<Tensor, Tensor>
    {
        public UNetTrunk(string name, int inputChannels, int width, int depth)
            : base(name)
        {
            if (depth < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(depth), depth, "The U-Net depth cannot be negative.");
            }

            Width = width;
            Depth = depth;
            InputChannels = inputChannels;
            var encoders = new List<nn.Module<Tensor, Tensor>>();
            var downs = new List<nn.Module<Tensor, Tensor>>();
            var decoders = new List<nn.Module<Tensor, Tensor>>();
            encoders.Add(DoubleBlock(inputChannels, width));
            for (int k = 1; k <= depth; k++)
            {
                long channels = LevelChannels(k);
                downs.Add(new ConvNormAct("down", LevelChannels(k - 1), channels, stride: 2));
                encoders.Add(DoubleBlock(channels, channels));
            }

            for (int k = depth; k >= 1; k--)
            {
                decoders.Add(DoubleBlock(LevelChannels(k) + LevelChannels(k - 1), LevelChannels(k - 1)));
            }

            enc = nn.ModuleList(encoders.ToArray());
            down = nn.ModuleList(downs.ToArray());
            dec = nn.ModuleList(decoders.ToArray());
            RegisterComponents();
        }

        public int InputChannels { get; }

        public int Width { get; }

        public int Depth { get; }

#pragma warning disable IDE1006, SA1300 // State-dict names follow the fields.
        internal readonly ModuleList<nn.Module<Tensor, Tensor>> enc;
        internal readonly ModuleList<nn.Module<Tensor, Tensor>> down;
        internal readonly ModuleList<nn.Module<Tensor, Tensor>> dec;
#pragma warning restore IDE1006, SA1300

        public long LevelChannels(int level) => (long)Width << level;

        /// <summary>Two blocks in sequence, as one module.</summary>
        internal static Sequential DoubleBlock(long inputChannels, long outputChannels)
            => nn.Sequential(
                ("0", new ConvNormAct("block0", inputChannels, outputChannels)),
                ("1", new ConvNormAct("block1", outputChannels, outputChannels)));

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var skips = new Tensor[Depth + 1];
            var x = enc[0].forward(input);
            skips[0] = x;
            for (int k = 1; k <= Depth; k++)
            {
                x = enc[k].forward(down[k - 1].forward(x));
                skips[k] = x;
            }

            for (int k = Depth; k >= 1; k--)
            {
                var skip = skips[k - 1];
                var up = nn.functional.interpolate(x, size: new[] { skip.shape[2], skip.shape[3] }, mode: InterpolationMode.Bilinear, align_corners: false);
                x = dec[Depth - k].forward(cat(new[] { up, skip }, 1));
            }

            return x.MoveToOuterDisposeScope();
        }
    }
}
