using static TorchSharp.torch;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// Sums over an epoch's batches what the training log reports: the loss terms, each annotator's mean confusion
    /// diagonal, and how often the segmentation disagrees with the majority vote of the annotations (the two signs of a
    /// flipped solution, docs/METHOD.md, section 2).
    /// </summary>
    internal sealed class EpochStatistics
    {
        private readonly double[] _diagonalSums;
        private readonly double[] _diagonalWeights;
        private double _loss;
        private double _crossEntropy;
        private double _trace;
        private double _disagreeing;
        private double _labelled;
        private long _images;
        private bool _hasConfusion;

        public EpochStatistics(int annotators)
        {
            _diagonalSums = new double[annotators];
            _diagonalWeights = new double[annotators];
        }

        public void Add(TrainingBatch batch, LossTerms terms, Tensor logProbabilities, Tensor? logConfusion, int classes)
        {
            using var scope = NewDisposeScope();
            long n = batch.Count;
            _images += n;
            _loss += terms.Total.item<float>() * n;
            _crossEntropy += terms.CrossEntropy.item<float>() * n;
            _trace += terms.Trace.item<float>() * n;
            if (batch.SoftTargets is not null)
            {
                return;
            }

            if (logConfusion is not null)
            {
                _hasConfusion = true;
                // Mean diagonal per image and annotator, [N or 1, R], weighted by presence.
                var diagonal = logConfusion.diagonal(0, 2, 3).exp().mean(new long[] { 2, 3, 4 }).expand(n, batch.Present.shape[1]);
                var sums = (diagonal * batch.Present).sum(0, keepdim: false).cpu().data<float>().ToArray();
                var weights = batch.Present.sum(0, keepdim: false).cpu().data<float>().ToArray();
                for (int r = 0; r < sums.Length; r++)
                {
                    _diagonalSums[r] += sums[r];
                    _diagonalWeights[r] += weights[r];
                }
            }

            // Majority vote per pixel over the present annotations. Pixels without a strict majority (a tie, or an image
            // without annotations) say nothing about a flip and are skipped.
            var votes = nn.functional.one_hot(batch.Labels, classes).to_type(ScalarType.Float32) * batch.Present.reshape(n, -1, 1, 1, 1);
            var counts = votes.sum(1);
            var (top, _) = counts.topk(2, dim: -1);
            var decided = top.select(-1, 0).gt(top.select(-1, 1));
            var majority = counts.argmax(-1);
            var predicted = logProbabilities.argmax(1);
            _disagreeing += (predicted.ne(majority) & decided).sum().item<long>();
            _labelled += decided.sum().item<long>();
        }

        public double Loss => _loss / Math.Max(1, _images);

        public double CrossEntropy => _crossEntropy / Math.Max(1, _images);

        public double Trace => _trace / Math.Max(1, _images);

        public double Disagreement => _labelled == 0 ? 0 : _disagreeing / _labelled;

        public double[] MeanDiagonal => _hasConfusion
            ? _diagonalSums.Select((s, r) => _diagonalWeights[r] > 0 ? s / _diagonalWeights[r] : double.NaN).ToArray()
            : Array.Empty<double>();
    }
}
