using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.NoisyLabels.Tests.Simulation
{
    [TestClass]
    public class MorphologyTests
    {
        private const int Scale = 4;

        [TestMethod]
        public void DistanceTransformIsExactEuclidean()
        {
            var random = new Random(5);
            foreach (double density in new[] { 0.0, 0.02, 0.3, 0.9, 1.0 })
            {
                const int h = 13, w = 17;
                var image = new byte[h * w];
                for (int i = 0; i < image.Length; i++)
                {
                    image[i] = random.NextDouble() < density ? (byte)1 : (byte)0;
                }

                var transform = new DistanceTransform(Math.Max(h, w));
                var squared = new float[h * w];
                foreach (byte target in new byte[] { 0, 1 })
                {
                    transform.Compute(image, h, w, target, squared);
                    for (int p = 0; p < image.Length; p++)
                    {
                        // Brute force: the nearest pixel of the target value.
                        long best = long.MaxValue;
                        for (int q = 0; q < image.Length; q++)
                        {
                            if (image[q] == target)
                            {
                                long dy = (p / w) - (q / w), dx = (p % w) - (q % w);
                                best = Math.Min(best, (dy * dy) + (dx * dx));
                            }
                        }

                        float expected = best == long.MaxValue ? DistanceTransform.Infinity : best;
                        Assert.AreEqual(expected, squared[p], $"density {density}, target {target}, pixel {p}");
                    }
                }
            }
        }

        [TestMethod]
        public void UpscalingThenDownscalingGivesTheMaskBack()
        {
            var taps = new Resampling.Taps(Scale);
            var fine = new byte[28 * 28 * Scale * Scale];
            var rows = new float[28 * 28 * Scale];
            var back = new float[28 * 28];
            var counts = new int[28];
            var masks = new[] { Strokes.HorizontalBar(10, 1), Strokes.HorizontalBar(0, 3), Strokes.Ring(7, 10) }.Concat(Strokes.MnistMasks(100));
            foreach (var mask in masks)
            {
                Resampling.Upscale(mask, 28, 28, taps, fine, rows);
                Resampling.Downscale(fine, 28, 28, Scale, back, counts);
                CollectionAssert.AreEqual(mask.Select(b => (float)b).ToArray(), back);
            }

            // A one-pixel-wide bar keeps its four fine rows: Keys' kernel is 0.5625 half a pixel from a sample.
            Resampling.Upscale(Strokes.HorizontalBar(10, 1), 28, 28, taps, fine, rows);
            int fineWidth = 28 * Scale;
            var column = Enumerable.Range(0, 28 * Scale).Where(y => fine[(y * fineWidth) + (14 * Scale)] != 0).ToArray();
            CollectionAssert.AreEqual(new[] { 40, 41, 42, 43 }, column);
        }

        [TestMethod]
        public void SkeletonIsACentredConnectedLineAndKeepsSmallBlocks()
        {
            const int h = 30, w = 70;
            var image = new byte[h * w];
            for (int y = 10; y < 18; y++)
            {
                for (int x = 5; x < 65; x++)
                {
                    image[(y * w) + x] = 1;
                }
            }

            var thinning = new Thinning(h, w);
            var skeleton = new byte[h * w];
            var points = new int[h * w];
            int count = thinning.Skeletonise(image, skeleton, points);
            Assert.AreEqual(1, Strokes.Components(skeleton.Select(b => (float)b).ToArray(), w));
            for (int x = 12; x < 58; x++)
            {
                var rows = Enumerable.Range(0, h).Where(y => skeleton[(y * w) + x] != 0).ToArray();
                Assert.AreEqual(1, rows.Length, $"column {x}");
                Assert.IsTrue(rows[0] == 13 || rows[0] == 14, $"column {x}: skeleton at row {rows[0]}, not the middle");
            }

            Assert.AreEqual(skeleton.Count(b => b != 0), count);

            // Plain parallel Zhang-Suen erases a 2 x 2 block; ours keeps it connected and non-empty.
            var block = new byte[6 * 6];
            block[(2 * 6) + 2] = block[(2 * 6) + 3] = block[(3 * 6) + 2] = block[(3 * 6) + 3] = 1;
            var small = new Thinning(6, 6);
            var blockSkeleton = new byte[36];
            int blockCount = small.Skeletonise(block, blockSkeleton, new int[36]);
            Assert.IsTrue(blockCount >= 1);
            Assert.AreEqual(1, Strokes.Components(blockSkeleton.Select(b => (float)b).ToArray(), 6));

            // A ring thins to a closed loop: one component, no tips.
            var ring = Strokes.Ring(7, 10);
            var sim = new AnnotatorSimulator(28, 28, Scale);
            sim.Load(ring);
            var fine = sim.Fine.ToArray();
            var ringThinning = new Thinning(28 * Scale, 28 * Scale);
            var ringSkeleton = new byte[fine.Length];
            var ringPoints = new int[fine.Length];
            int ringCount = ringThinning.Skeletonise(fine, ringSkeleton, ringPoints);
            Assert.AreEqual(1, Strokes.Components(ringSkeleton.Select(b => (float)b).ToArray(), 28 * Scale));
            Assert.IsTrue(ringCount > 100);
        }

        [TestMethod]
        public void ThicknessOfBarsAndRings()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            foreach (int thickness in new[] { 2, 3, 4, 5 })
            {
                sim.Load(Strokes.HorizontalBar(10, thickness));
                Assert.AreEqual(thickness, sim.Thickness, 0.05, $"bar of {thickness} rows");
            }

            // A ring of radii 7..10 has a radial width between 3 and 2 pixels depending on the direction.
            sim.Load(Strokes.Ring(7, 10));
            Assert.IsTrue(sim.Thickness > 2.3 && sim.Thickness < 3.2, $"ring thickness {sim.Thickness}");

            sim.Load(new byte[28 * 28]);
            Assert.AreEqual(0, sim.Thickness);
        }

        /// <summary>
        /// Thickening by int(amount * scale * t / 2) fine pixels adds floor((r + 2) / 4) coarse pixels on each side (a
        /// coarse pixel is kept when at least half of its block is); thinning removes floor((r + 1) / 4).
        /// </summary>
        [TestMethod]
        public void ThickeningAndThinningChangeTheMeasuredThicknessAsSpecified()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            var output = new float[28 * 28];
            var random = new SimulationRandom(1);
            foreach (int thickness in new[] { 2, 3, 4, 5 })
            {
                var bar = Strokes.HorizontalBar(12, thickness);
                sim.Load(bar);

                int over = (int)(1.5 * Scale * thickness / 2);
                int added = (over + 2) / 4;
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Over, 1.5, 0, 1.5), ref random, output);
                Assert.AreEqual(thickness + (2 * added), Strokes.ColumnCount(output, 14), $"over, bar of {thickness}");
                if (thickness <= 4)
                {
                    // Thicker bars become too short for their width: the skeleton's corner branches lower the mean.
                    Assert.AreEqual(thickness + (2 * added), Measure(output), 0.25, $"over, bar of {thickness}: measured thickness");
                }

                Assert.IsTrue(added >= 1);

                int under = (int)(0.7 * Scale * thickness / 2);
                int removed = (under + 1) / 4;
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Under, 0.7, 0, 1.5), ref random, output);
                Assert.AreEqual(thickness - (2 * removed), Strokes.ColumnCount(output, 14), $"under, bar of {thickness}");
            }

            // The ring: the measured thickness grows by the dilation on both sides and shrinks under erosion.
            var ring = Strokes.Ring(7, 10);
            sim.Load(ring);
            double t = sim.Thickness;
            int ringAdded = ((int)(1.5 * Scale * t / 2) + 2) / 4;
            sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Over, 1.5, 0, 1.5), ref random, output);
            Assert.AreEqual(t + (2 * ringAdded), Measure(output), 0.35);
            sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Under, 0.7, 0, 1.5), ref random, output);
            double thinned = Measure(output);
            Assert.IsTrue(thinned < t - 0.9, $"under: {thinned} vs {t}");
            Assert.AreEqual(1, Strokes.Components(output), "thinning a ring of width 3 keeps it whole");
        }

        [TestMethod]
        public void GoodCopiesBlankIsEmptyAndFlippedIsTheComplement()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            var output = new float[28 * 28];
            var random = new SimulationRandom(3);
            foreach (var mask in Strokes.MnistMasks(20))
            {
                sim.Load(mask);
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Good, 0, 0, 1.5), ref random, output);
                CollectionAssert.AreEqual(mask.Select(b => (float)b).ToArray(), output);
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Blank, 0, 0, 1.5), ref random, output);
                Assert.AreEqual(0, Strokes.Count(output));
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Flipped, 0, 0, 1.5), ref random, output);
                CollectionAssert.AreEqual(mask.Select(b => 1f - b).ToArray(), output);
            }
        }

        [TestMethod]
        public void AFractureDisconnectsAStroke()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            var output = new float[28 * 28];
            var thickened = new float[28 * 28];
            sim.Load(Strokes.HorizontalBar(12, 3));
            var none = new SimulationRandom(0);
            sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Over, 1.5, 0, 1.5), ref none, thickened);
            Assert.AreEqual(1, Strokes.Components(thickened));
            for (ulong seed = 0; seed < 10; seed++)
            {
                var random = new SimulationRandom(seed);
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Wrong, 1.5, 1, 1.5), ref random, output);
                Assert.AreEqual(2, Strokes.Components(output), $"seed {seed}: one fracture, two pieces");

                // The cut removes whole columns from the thickened bar and nothing else.
                int cutColumns = Enumerable.Range(0, 28).Count(x => Strokes.ColumnCount(thickened, x) > 0 && Strokes.ColumnCount(output, x) == 0);
                Assert.IsTrue(cutColumns >= 1 && cutColumns <= 3, $"seed {seed}: {cutColumns} columns cut");
                for (int i = 0; i < output.Length; i++)
                {
                    Assert.IsTrue(output[i] <= thickened[i], "a fracture only erases");
                }

                random = new SimulationRandom(seed);
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Wrong, 1.5, 3, 1.5), ref random, output);
                int pieces = Strokes.Components(output);
                Assert.IsTrue(pieces >= 2 && pieces <= 4, $"seed {seed}: three fractures gave {pieces} pieces");
            }
        }

        [TestMethod]
        public void FracturesAtTheBorderAreClipped()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            var output = new float[28 * 28];

            // A bar along the top edge: every cut runs off the image.
            sim.Load(Strokes.HorizontalBar(0, 3, 0, 28));
            for (ulong seed = 0; seed < 5; seed++)
            {
                var random = new SimulationRandom(seed);
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Wrong, 1.5, 1, 1.5), ref random, output);
                Assert.AreEqual(2, Strokes.Components(output), $"seed {seed}");
            }

            // A mask with no background: no finite distance anywhere, cuts longer than the image.
            var full = Enumerable.Repeat((byte)1, 28 * 28).ToArray();
            sim.Load(full);
            var again = new SimulationRandom(1);
            sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Wrong, 1.5, 3, 1.5), ref again, output);
            int remaining = Strokes.Count(output);
            Assert.IsTrue(remaining > 0 && remaining < 28 * 28, $"{remaining} pixels left");
            sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Under, 0.7, 0, 1.5), ref again, output);
            Assert.AreEqual(28 * 28, Strokes.Count(output), "erosion eats from the background only, and there is none");
        }

        [TestMethod]
        public void TheSameRandomStreamGivesTheSameFractures()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            var masks = Strokes.MnistMasks(30);
            var first = new float[28 * 28];
            var second = new float[28 * 28];
            int different = 0;
            var recipe = new AnnotatorRecipe(SimulatedAnnotatorKind.Wrong, 1.5, 3, 1.5);
            foreach (var mask in masks)
            {
                sim.Load(mask);
                var a = SimulationRandom.ForRow(SimulationRandom.RowHash(42, mask.Select(b => (float)b).ToArray()), 3);
                var b = SimulationRandom.ForRow(SimulationRandom.RowHash(42, mask.Select(v => (float)v).ToArray()), 3);
                sim.Simulate(recipe, ref a, first);
                sim.Simulate(recipe, ref b, second);
                CollectionAssert.AreEqual(first, second);

                var c = SimulationRandom.ForRow(SimulationRandom.RowHash(43, mask.Select(v => (float)v).ToArray()), 3);
                sim.Simulate(recipe, ref c, second);
                different += first.SequenceEqual(second) ? 0 : 1;
            }

            Assert.IsTrue(different >= 20, $"another seed changed only {different} of 30 digits");
        }

        [TestMethod]
        public void OnMnistOverGrowsAndUnderShrinksTheForeground()
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            var output = new float[28 * 28];
            var random = new SimulationRandom(1);
            long truth = 0, over = 0, under = 0, wrong = 0;
            foreach (var mask in Strokes.MnistMasks(200))
            {
                sim.Load(mask);
                int g = Strokes.Count(mask);
                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Over, 1.5, 0, 1.5), ref random, output);
                int o = Strokes.Count(output);
                var overMask = (float[])output.Clone();
                for (int i = 0; i < mask.Length; i++)
                {
                    Assert.IsTrue(overMask[i] >= mask[i], "thickening keeps every ground-truth pixel");
                }

                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Under, 0.7, 0, 1.5), ref random, output);
                int u = Strokes.Count(output);
                for (int i = 0; i < mask.Length; i++)
                {
                    Assert.IsTrue(output[i] <= mask[i], "thinning adds no pixel");
                }

                sim.Simulate(new AnnotatorRecipe(SimulatedAnnotatorKind.Wrong, 1.5, 3, 1.5), ref random, output);
                int w = Strokes.Count(output);
                Assert.IsTrue(o > g && u < g && w < o, $"digit with {g} pixels: over {o}, under {u}, wrong {w}");
                truth += g;
                over += o;
                under += u;
                wrong += w;
            }

            // About 2 pixels more on each side of strokes about 2.4 pixels wide: more than twice the area.
            Assert.IsTrue(over > 2 * truth && over < 3.5 * truth, $"over {over} vs truth {truth}");
            Assert.IsTrue(under > truth / 5 && under < 0.7 * truth, $"under {under} vs truth {truth}");
            Assert.IsTrue(wrong > truth && wrong < over, $"wrong {wrong}");
        }

        /// <summary>The measured mean thickness of a coarse mask.</summary>
        private static double Measure(float[] mask)
        {
            var sim = new AnnotatorSimulator(28, 28, Scale);
            sim.Load(Strokes.ToBytes(mask));
            return sim.Thickness;
        }
    }
}
