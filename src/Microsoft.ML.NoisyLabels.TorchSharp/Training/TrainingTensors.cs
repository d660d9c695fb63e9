using Microsoft.ML.NoisyLabels.Data;
using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>One batch on the training device.</summary>
    /// <param name="Images">Images [N, C, H, W].</param>
    /// <param name="Labels">Label maps, int64 [N, R, H, W].</param>
    /// <param name="Present">1 where map r of image n exists, float [N, R].</param>
    /// <param name="SoftTargets">Class probabilities [N, L, H, W], or null.</param>
    /// <param name="FixedConfusion">Confusion matrices [N, R, L, L] held fixed (the oracle), or null.</param>
    /// <param name="Verified">Verified masks, int64 [N, H, W], or null.</param>
    /// <param name="VerifiedPresent">1 where image n has a verified mask, float [N], or null.</param>
    internal sealed record TrainingBatch(Tensor Images, Tensor Labels, Tensor Present, Tensor? SoftTargets, Tensor? FixedConfusion, Tensor? Verified = null, Tensor? VerifiedPresent = null)
    {
        public long Count => Images.shape[0];
    }

    /// <summary>
    /// A training set as CPU tensors: images [N, C, H, W], labels [N, R, H, W] as bytes, presence [N, R], and
    /// optionally soft targets [N, L, H, W], fixed confusion matrices [N, R, L, L], or verified masks [N, H, W] with
    /// their presence [N]. Batches are gathered by index,
    /// rotated by 180 degrees where asked, and moved to the device.
    /// </summary>
    internal sealed class TrainingTensors : IDisposable
    {
        private readonly Tensor _images;
        private readonly Tensor _labels;
        private readonly Tensor _present;
        private readonly Tensor? _softTargets;
        private readonly Tensor? _fixedConfusion;
        private readonly Tensor? _verified;
        private readonly Tensor? _verifiedPresent;

        private TrainingTensors(long[] rows, Tensor images, Tensor labels, Tensor present, Tensor? softTargets, Tensor? fixedConfusion, Tensor? verified, Tensor? verifiedPresent)
        {
            _verified = verified;
            _verifiedPresent = verifiedPresent;
            Rows = rows;
            _images = images;
            _labels = labels;
            _present = present;
            _softTargets = softTargets;
            _fixedConfusion = fixedConfusion;
        }

        public int Count => (int)_images.shape[0];

        /// <summary>The rows of the data read that these tensors hold, in order (images without labels are left out).</summary>
        public IReadOnlyList<long> Rows { get; }

        public int Annotators => (int)_labels.shape[1];

        /// <summary>Whether the set carries verified masks.</summary>
        public bool HasVerifiedMasks => _verified is not null;

        /// <summary>
        /// Builds the tensors from data read by <see cref="LabelledImagesReader"/>. Images whose label maps are all
        /// missing carry nothing to learn from and are left out (<paramref name="dropped"/> counts them).
        /// </summary>
        /// <param name="data">Images and label maps.</param>
        /// <param name="softTargets">Class probabilities [N, L, H, W] to train on instead of the label maps, or null.</param>
        /// <param name="fixedConfusion">Confusion matrices [N, R, L, L] to hold fixed (the oracle), or null.</param>
        /// <param name="classes">Classes L.</param>
        /// <param name="onlyMap">Keep label map <paramref name="onlyMap"/> only (one network per annotator), or null for all.</param>
        /// <param name="dropped">Receives the number of images left out.</param>
        /// <param name="verified">Verified masks, one map per image of <paramref name="data"/> read in the same pass
        /// (missing on the images without one), or null. An image with a verified mask is kept even without annotations.</param>
        public static TrainingTensors Create(LabelledImages data, float[]? softTargets, float[]? fixedConfusion, int classes, int? onlyMap, out int dropped, LabelledImages? verified = null)
        {
            int maps = data.LabelMaps;
            var keep = new List<long>(data.Count);
            for (int n = 0; n < data.Count; n++)
            {
                bool any = softTargets is not null || (verified is not null && verified.IsPresent(n, 0));
                for (int r = 0; r < maps && !any; r++)
                {
                    any = (onlyMap is null || onlyMap == r) && data.IsPresent(n, r);
                }

                if (any)
                {
                    keep.Add(n);
                }
            }

            dropped = data.Count - keep.Count;
            using var index = tensor(keep.ToArray());
            Tensor Select(Tensor all)
            {
                using (all)
                {
                    return keep.Count == data.Count ? all.clone() : all.index_select(0, index);
                }
            }

            var images = Select(tensor(data.Images!, new long[] { data.Count, data.Channels, data.Height, data.Width }));
            var labels = Select(tensor(data.Labels, new long[] { data.Count, maps, data.Height, data.Width }));
            var present = Select(tensor(data.Present.Select(p => p ? 1f : 0f).ToArray(), new long[] { data.Count, maps }));
            if (onlyMap is int only)
            {
                labels = Narrow(labels, only);
                present = Narrow(present, only);
            }
            var soft = softTargets is null ? null : Select(tensor(softTargets, new long[] { data.Count, classes, data.Height, data.Width }));
            var confusion = fixedConfusion is null ? null : Select(tensor(fixedConfusion, new long[] { data.Count, maps, classes, classes }));
            Tensor? verifiedMaps = null, verifiedPresent = null;
            if (verified is not null)
            {
                verifiedMaps = Select(tensor(verified.Labels, new long[] { verified.Count, verified.Height, verified.Width }));
                var flags = new float[verified.Count];
                for (int n = 0; n < flags.Length; n++)
                {
                    flags[n] = verified.IsPresent(n, 0) ? 1f : 0f;
                }

                verifiedPresent = Select(tensor(flags, new long[] { verified.Count }));
            }

            return new TrainingTensors(keep.ToArray(), images, labels, present, soft, confusion, verifiedMaps, verifiedPresent);
        }

        private static Tensor Narrow(Tensor all, int map)
        {
            using (all)
            {
                return all.narrow(1, map, 1).contiguous();
            }
        }

        /// <summary>Gathers images <paramref name="indices"/>; those with <paramref name="flips"/> set are rotated by 180 degrees.</summary>
        public TrainingBatch Gather(long[] indices, bool[]? flips, Device device)
        {
            using var index = tensor(indices);
            Tensor? flipMask = null;
            if (flips is not null && flips.Any(f => f))
            {
                flipMask = tensor(flips);
            }

            Tensor Take(Tensor all, bool spatial)
            {
                var batch = all.index_select(0, index);
                if (spatial && flipMask is not null)
                {
                    var shape = new long[batch.dim()];
                    Array.Fill(shape, 1L);
                    shape[0] = indices.Length;
                    batch = where(flipMask.reshape(shape), batch.flip(-2, -1), batch);
                }

                return batch.to(device);
            }

            var labels = Take(_labels, spatial: true).to_type(ScalarType.Int64);
            return new TrainingBatch(
                Take(_images, spatial: true),
                labels,
                Take(_present, spatial: false),
                _softTargets is null ? null : Take(_softTargets, spatial: true),
                _fixedConfusion is null ? null : Take(_fixedConfusion, spatial: false),
                _verified is null ? null : Take(_verified, spatial: true).to_type(ScalarType.Int64),
                _verifiedPresent is null ? null : Take(_verifiedPresent, spatial: false));
        }

        public void Dispose()
        {
            _images.Dispose();
            _labels.Dispose();
            _present.Dispose();
            _softTargets?.Dispose();
            _fixedConfusion?.Dispose();
            _verified?.Dispose();
            _verifiedPresent?.Dispose();
        }
    }
}
