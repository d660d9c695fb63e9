namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Window sums over (2r+1) x (2r+1) (x (2r+1)) boxes clipped at the borders of a region, computed separably with
    /// running sums: one pass per axis, each O(pixels) whatever the radius. The x pass reads its input straight from
    /// the full image (optionally masked by one annotator's label), so building a channel costs no extra pass.
    /// </summary>
    internal static class BoxFilter
    {
        /// <summary>
        /// Window sums of the region of <paramref name="values"/> (a full image, from <paramref name="valuesOffset"/>;
        /// null for ones), multiplied by [labels == label] when <paramref name="labels"/> is not null, into
        /// <paramref name="destination"/> (region layout). <paramref name="scratch"/> must hold the region too.
        /// </summary>
        public static void Sum(
            double[]? values,
            int valuesOffset,
            byte[]? labels,
            int labelsOffset,
            byte label,
            ImageShape shape,
            ImageRegion region,
            int radius,
            double[] destination,
            double[] scratch)
        {
            int pixels = region.Pixels;
            if (region.Depth == 1)
            {
                AlongX(values, valuesOffset, labels, labelsOffset, label, shape, region, radius, scratch);
                AlongAxis(scratch.AsSpan(0, pixels), destination.AsSpan(0, pixels), 1, region.Height, region.Width, radius);
            }
            else
            {
                AlongX(values, valuesOffset, labels, labelsOffset, label, shape, region, radius, destination);
                AlongAxis(destination.AsSpan(0, pixels), scratch.AsSpan(0, pixels), region.Depth, region.Height, region.Width, radius);
                AlongAxis(scratch.AsSpan(0, pixels), destination.AsSpan(0, pixels), 1, region.Depth, region.Height * region.Width, radius);
            }
        }

        /// <summary>The number of pixels in each clipped window along one axis of length <paramref name="length"/>.</summary>
        public static int WindowLength(int position, int length, int radius)
            => Math.Min(length - 1, position + radius) - Math.Max(0, position - radius) + 1;

        private static void AlongX(
            double[]? values,
            int valuesOffset,
            byte[]? labels,
            int labelsOffset,
            byte label,
            ImageShape shape,
            ImageRegion region,
            int radius,
            double[] destination)
        {
            int n = region.Width;
            for (int z = 0; z < region.Depth; z++)
            {
                for (int y = 0; y < region.Height; y++)
                {
                    int full = ((((region.Z0 + z) * shape.Height) + region.Y0 + y) * shape.Width) + region.X0;
                    var target = destination.AsSpan(((z * region.Height) + y) * n, n);
                    if (values is null)
                    {
                        MaskedCount(labels!.AsSpan(labelsOffset + full, n), label, target, radius);
                    }
                    else if (labels is null)
                    {
                        RunningSum(values.AsSpan(valuesOffset + full, n), target, radius);
                    }
                    else
                    {
                        MaskedRunningSum(values.AsSpan(valuesOffset + full, n), labels.AsSpan(labelsOffset + full, n), label, target, radius);
                    }
                }
            }
        }

        private static void RunningSum(ReadOnlySpan<double> source, Span<double> target, int radius)
        {
            int n = source.Length;
            double sum = 0;
            int head = Math.Min(radius, n - 1);
            for (int t = 0; t <= head; t++)
            {
                sum += source[t];
            }

            for (int x = 0; x < n; x++)
            {
                target[x] = sum;
                if (x + radius + 1 < n)
                {
                    sum += source[x + radius + 1];
                }

                if (x - radius >= 0)
                {
                    sum -= source[x - radius];
                }
            }
        }

        private static void MaskedRunningSum(ReadOnlySpan<double> source, ReadOnlySpan<byte> labels, byte label, Span<double> target, int radius)
        {
            int n = source.Length;
            double sum = 0;
            int head = Math.Min(radius, n - 1);
            for (int t = 0; t <= head; t++)
            {
                sum += labels[t] == label ? source[t] : 0;
            }

            for (int x = 0; x < n; x++)
            {
                target[x] = sum;
                int add = x + radius + 1;
                if (add < n && labels[add] == label)
                {
                    sum += source[add];
                }

                int remove = x - radius;
                if (remove >= 0 && labels[remove] == label)
                {
                    sum -= source[remove];
                }
            }
        }

        private static void MaskedCount(ReadOnlySpan<byte> labels, byte label, Span<double> target, int radius)
        {
            int n = labels.Length;
            int sum = 0;
            int head = Math.Min(radius, n - 1);
            for (int t = 0; t <= head; t++)
            {
                sum += labels[t] == label ? 1 : 0;
            }

            for (int x = 0; x < n; x++)
            {
                target[x] = sum;
                int add = x + radius + 1;
                if (add < n && labels[add] == label)
                {
                    sum++;
                }

                int remove = x - radius;
                if (remove >= 0 && labels[remove] == label)
                {
                    sum--;
                }
            }
        }

        /// <summary>
        /// Window sums along the middle axis of a [outer, n, inner] array (also <see cref="EstimatedWindowSums"/>'s y pass):
        /// row y of the result is the sum of source rows
        /// y-r..y+r (clipped), each row <paramref name="inner"/> long, computed from row y-1 by adding one row and removing one.
        /// </summary>
        internal static void AlongAxis(ReadOnlySpan<double> source, Span<double> destination, int outer, int n, int inner, int radius)
        {
            int block = n * inner;
            for (int o = 0; o < outer; o++)
            {
                var src = source.Slice(o * block, block);
                var dst = destination.Slice(o * block, block);
                var first = dst.Slice(0, inner);
                src.Slice(0, inner).CopyTo(first);
                int head = Math.Min(radius, n - 1);
                for (int t = 1; t <= head; t++)
                {
                    VectorOps.Add(first, src.Slice(t * inner, inner));
                }

                for (int y = 1; y < n; y++)
                {
                    var previous = dst.Slice((y - 1) * inner, inner);
                    var row = dst.Slice(y * inner, inner);
                    var add = y + radius < n ? src.Slice((y + radius) * inner, inner) : ReadOnlySpan<double>.Empty;
                    var remove = y - radius - 1 >= 0 ? src.Slice((y - radius - 1) * inner, inner) : ReadOnlySpan<double>.Empty;
                    VectorOps.Slide(row, previous, add, remove);
                }
            }
        }
    }
}
