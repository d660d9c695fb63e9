using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Two classes with local matrices: the window counts at the estimated pixels only (<see cref="EstimatedWindowSums"/>).
    /// The fixed (consensus) pixels never change, so their part of every window sum is computed once; each M-step then
    /// sums only the estimated pixels' weights. Per estimated pixel e:
    /// B_0 = F[e, 0] + V[e, 0], C_k[1, 0] = F[e, 1 + k] + V[e, 1 + k] and K_k[1] = F[e, 1 + R + k], where F holds the
    /// fixed pixels' W[0] and W[0] [D_k = 1] and every pixel's [D_k = 1], and V the estimated pixels' W[0] and W[0] [D_k = 1].
    /// The estimated pixels' labels, priors and weights are kept in arrays of their own, in order, so that the E-step
    /// reads memory in sequence; the weights go back to the image-sized arrays when the EM ends (<see cref="WriteBackWeights"/>).
    /// </summary>
    internal sealed partial class SpatialStapleState
    {
        private EstimatedWindowSums? _windows;
        private double[] _fixedSums = Array.Empty<double>();
        private double[] _varyingSums = Array.Empty<double>();
        private double[] _channels = Array.Empty<double>();
        private byte[] _estimatedLabels = Array.Empty<byte>();
        private double[] _prior0 = Array.Empty<double>();
        private double[] _prior1 = Array.Empty<double>();
        private double[] _weight0 = Array.Empty<double>();
        private double[] _weight1 = Array.Empty<double>();
        private double[] _next0 = Array.Empty<double>();
        private double[] _next1 = Array.Empty<double>();
        private double[] _windowSizes = Array.Empty<double>();
        private int _fixedStride;
        private int _varyingStride;

        /// <summary>Sets up the window sums of the estimated pixels: their window sizes and the fixed pixels' part.</summary>
        private void SetUpWindows()
        {
            int count = _estimatedPixels.Length;
            int r = _settings.WindowRadius;
            _windows = new EstimatedWindowSums(_shape, r, _estimatedPixels, _parallel);
            _fixedStride = Padded((2 * _raters) + 1);
            _varyingStride = Padded(_raters + 1);
            _fixedSums = new double[count * _fixedStride];
            _varyingSums = new double[count * _varyingStride];
            _channels = new double[count * _varyingStride];
            _windowSizes = new double[count];
            int plane = _shape.Height * _shape.Width;
            for (int e = 0; e < count; e++)
            {
                int i = _estimatedPixels[e];
                _windowSizes[e] = (double)BoxFilter.WindowLength(i / plane, _shape.Depth, r)
                    * BoxFilter.WindowLength(i / _shape.Width % _shape.Height, _shape.Height, r)
                    * BoxFilter.WindowLength(i % _shape.Width, _shape.Width, r);
            }

            _estimatedLabels = new byte[count * _raters];
            _prior0 = new double[count];
            _prior1 = new double[count];
            _weight0 = new double[count];
            _weight1 = new double[count];
            _next0 = new double[count];
            _next1 = new double[count];
            double scale = 1.0 / _raters;
            for (int e = 0; e < count; e++)
            {
                int i = _estimatedPixels[e];
                for (int k = 0; k < _raters; k++)
                {
                    _estimatedLabels[(e * _raters) + k] = _labels[(k * _pixels) + i];
                }

                _prior0[e] = _globalPrior is null ? _votes[i] * scale : _globalPrior[0];
                _prior1[e] = _globalPrior is null ? _votes[_pixels + i] * scale : _globalPrior[1];
                _weight0[e] = _next0[e] = _current[i];
                _weight1[e] = _next1[e] = _current[_pixels + i];
            }

            _windows.Sum(_fixedStride, FillFixed, null, _fixedSums);
        }

        /// <summary>After an E-step: the new weights become the current ones.</summary>
        private void SwapWeights()
        {
            (_weight0, _next0) = (_next0, _weight0);
            (_weight1, _next1) = (_next1, _weight1);
        }

        /// <summary>
        /// Writes the estimated pixels' weights into the image-sized arrays: the last E-step's into the current ones,
        /// those it started from (the last M-step's) into the previous ones.
        /// </summary>
        private void WriteBackWeights()
        {
            for (int e = 0; e < _estimatedPixels.Length; e++)
            {
                int i = _estimatedPixels[e];
                _current[i] = _weight0[e];
                _current[_pixels + i] = _weight1[e];
                _previous[i] = _next0[e];
                _previous[_pixels + i] = _next1[e];
            }
        }

        /// <summary>
        /// The E-step with the window counts of the estimated pixels and one reciprocal per class and pixel (every
        /// annotator's column s shares the denominator B_s(x) + kappa).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BinaryWindows(int start, int end, Accumulator accumulator)
        {
            var fixedSums = _fixedSums;
            var varyingSums = _varyingSums;
            var windowSizes = _windowSizes;
            var labels = _estimatedLabels;
            int fixedStride = _fixedStride, varyingStride = _varyingStride, raters = _raters;
            double kappa = _kappa;
            var theta = _thetaGlobal;
            var counts = accumulator.Counts;
            for (int e = start; e < end; e++)
            {
                int f = e * fixedStride, v = e * varyingStride, l = e * raters;
                double w0 = _prior0[e];
                double w1 = _prior1[e];
                double classSum0 = fixedSums[f] + varyingSums[v];
                double b0 = Math.Max(classSum0, 0);
                double b1 = Math.Max(windowSizes[e] - classSum0, 0);
                // An empty window column (see Theta) is the global one: weight 0 on the local counts.
                bool empty0 = b0 < EmptyWindow, empty1 = b1 < EmptyWindow;
                double inverse0 = empty0 ? 0 : 1 / (b0 + kappa);
                double inverse1 = empty1 ? 0 : 1 / (b1 + kappa);
                double globalWeight0 = empty0 ? 1 : kappa * inverse0;
                double globalWeight1 = empty1 ? 1 : kappa * inverse1;
                for (int k = 0; k < raters; k++)
                {
                    int o = labels[l + k];
                    double c10 = fixedSums[f + 1 + k] + varyingSums[v + 1 + k];
                    double c11 = fixedSums[f + 1 + raters + k] - c10;
                    double c0 = o == 1 ? c10 : b0 - c10;
                    double c1 = o == 1 ? c11 : b1 - c11;
                    int global = (k * 4) + (o * 2);
                    w0 *= (Math.Max(c0, 0) * inverse0) + (globalWeight0 * theta[global]);
                    w1 *= (Math.Max(c1, 0) * inverse1) + (globalWeight1 * theta[global + 1]);
                    if ((k & 7) == 7 && Math.Max(w0, w1) > 0)
                    {
                        double max = Math.Max(w0, w1);
                        w0 /= max;
                        w1 /= max;
                    }
                }

                double total = w0 + w1;
                double old0 = _weight0[e], old1 = _weight1[e];
                if (total > 0)
                {
                    w0 /= total;
                    w1 /= total;
                }
                else
                {
                    // Every class ruled out (possible only through underflow): the pixel keeps its weights.
                    (w0, w1) = (old0, old1);
                }

                accumulator.Change += Math.Abs(w0 - old0) + Math.Abs(w1 - old1);
                _next0[e] = w0;
                _next1[e] = w1;
                for (int k = 0; k < raters; k++)
                {
                    int offset = (k * 4) + (labels[l + k] * 2);
                    counts[offset] += w0;
                    counts[offset + 1] += w1;
                }
            }
        }

        private static int Padded(int channels) => (channels + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;

        /// <summary>The M-step's window sums of the estimated pixels' weights.</summary>
        private void UpdateWindows()
        {
            int stride = _varyingStride;
            for (int e = 0; e < _estimatedPixels.Length; e++)
            {
                double w0 = _weight0[e];
                _channels[e * stride] = w0;
                for (int k = 0; k < _raters; k++)
                {
                    _channels[(e * stride) + 1 + k] = _estimatedLabels[(e * _raters) + k] == 0 ? 0 : w0;
                }
            }

            _windows!.Sum(stride, FillVarying, ClearVarying, _varyingSums);
        }

        /// <summary>Slice z of the fixed channels, summed along x: every pixel contributes.</summary>
        private void FillFixed(int z, int y0, int y1, int x0, int x1, double[] plane, int stride)
        {
            int r = _settings.WindowRadius;
            int width = _shape.Width;
            // The x window of every column in [x0, x1) lies in [a, b): sums clipped to [a, b) are the image's.
            int a = Math.Max(0, x0 - r), b = Math.Min(width, x1 + r);
            int columns = x1 - x0;
            int vectors = stride / Vector<double>.Count;
            var row = new double[(b - a) * stride];
            var contributions = MemoryMarshal.Cast<double, Vector<double>>(row.AsSpan());
            var target = MemoryMarshal.Cast<double, Vector<double>>(plane.AsSpan());
            Span<Vector<double>> sum = stackalloc Vector<double>[vectors];
            for (int y = y0; y < y1; y++)
            {
                int first = (((z * _shape.Height) + y) * width) + a;
                for (int x = 0; x < b - a; x++)
                {
                    int i = first + x;
                    // A fixed pixel's weight of class 0 is 0 or 1; estimated pixels count only in K_k.
                    double w0 = _estimated[i] == 0 ? _current[i] : 0;
                    int at = x * stride;
                    row[at] = w0;
                    for (int k = 0; k < _raters; k++)
                    {
                        double label = _labels[(k * _pixels) + i];
                        row[at + 1 + k] = w0 * label;
                        row[at + 1 + _raters + k] = label;
                    }
                }

                // Running sums along x over [a, b): the window of x0 starts at a.
                sum.Clear();
                for (int x = a; x <= Math.Min(b - 1, x0 + r); x++)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        sum[v] += contributions[((x - a) * vectors) + v];
                    }
                }

                int line = (y - y0) * columns * vectors;
                for (int x = x0; x < x1; x++)
                {
                    int add = x + r + 1, remove = x - r;
                    for (int v = 0; v < vectors; v++)
                    {
                        target[line + ((x - x0) * vectors) + v] = sum[v];
                        if (add < b)
                        {
                            sum[v] += contributions[((add - a) * vectors) + v];
                        }

                        if (remove >= a)
                        {
                            sum[v] -= contributions[((remove - a) * vectors) + v];
                        }
                    }
                }
            }
        }

        /// <summary>Slice z of the varying channels, summed along x: each estimated pixel adds its channels (set by
        /// <see cref="UpdateWindows"/>) to the 2r+1 pixels around it.</summary>
        private void FillVarying(int z, int y0, int y1, int x0, int x1, double[] plane, int stride)
        {
            var rowStart = _windows!.RowStart;
            int r = _settings.WindowRadius;
            int width = _shape.Width;
            int columns = x1 - x0;
            int vectors = stride / Vector<double>.Count;
            var target = MemoryMarshal.Cast<double, Vector<double>>(plane.AsSpan());
            var channels = MemoryMarshal.Cast<double, Vector<double>>(_channels.AsSpan());
            for (int y = y0; y < y1; y++)
            {
                int row = (z * _shape.Height) + y;
                int offset = (y - y0) * columns;
                for (int e = rowStart[row]; e < rowStart[row + 1]; e++)
                {
                    int x = _estimatedPixels[e] % width;
                    int from = Math.Max(x0, x - r), to = Math.Min(x1 - 1, x + r);
                    for (int v = 0; v < vectors; v++)
                    {
                        var value = channels[(e * vectors) + v];
                        for (int t = from; t <= to; t++)
                        {
                            target[((offset + t - x0) * vectors) + v] += value;
                        }
                    }
                }
            }
        }

        private void ClearVarying(int z, int y0, int y1, int x0, int x1, double[] plane, int stride)
        {
            var rowStart = _windows!.RowStart;
            int r = _settings.WindowRadius;
            int width = _shape.Width;
            int columns = x1 - x0;
            for (int y = y0; y < y1; y++)
            {
                int row = (z * _shape.Height) + y;
                int offset = (y - y0) * columns;
                for (int e = rowStart[row]; e < rowStart[row + 1]; e++)
                {
                    int x = _estimatedPixels[e] % width;
                    int from = Math.Max(x0, x - r), to = Math.Min(x1 - 1, x + r);
                    if (from <= to)
                    {
                        plane.AsSpan((offset + from - x0) * stride, (to - from + 1) * stride).Clear();
                    }
                }
            }
        }
    }
}
