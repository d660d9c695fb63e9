using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Simulates annotators from a ground-truth mask, after Morpho-MNIST (docs/METHOD.md, section 6): for every row,
    /// one mask per annotator, each a deformation of the ground truth (copy, thickening, thinning, thickening with
    /// fractures, or blank). Create it with <c>mlContext.NoisyLabels().Transforms.SimulateAnnotators</c>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ### Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | Vector of key or numeric labels, 0 = background, 1 = foreground (all missing: no ground truth) |
    /// | Output column data type | Vector of Single (variable size): 0/1, or all NaN where the ground truth is missing |
    /// | Exportable to ONNX | No |
    /// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.NoisyLabels (loading a saved model needs it too) |
    ///
    /// The morphology works on a fine grid: the mask is upscaled by <see cref="Options.UpscaleFactor"/> (bicubic,
    /// binarised at 0.5), deformed there, and downscaled back (a pixel is foreground when at least half of its block
    /// is). The mean stroke thickness t is Morpho-MNIST's: twice the mean of the distance map over the skeleton
    /// (Zhang-Suen thinning), in image pixels. Thickening and thinning use a disk of radius int(amount * scale * t / 2)
    /// fine pixels; fractures are cut after the thickening, across the thickened strokes, so that it cannot close them.
    ///
    /// Randomness (the fractures' positions) is reproducible: each row's draws derive from the seed, a hash of the
    /// row's mask (and of the optional seed column) and the annotator's position in the list, so they do not depend on
    /// the row order, on how many cursors read the data, or on the process. Two rows with the same mask get the same
    /// annotations unless a seed column tells them apart.
    /// ]]></format>
    /// </remarks>
    public sealed class AnnotatorSimulationEstimator : IEstimator<AnnotatorSimulationTransformer>
    {
        private const string MaskRole = "mask";
        private readonly MLContext _mlContext;
        private readonly string _inputColumnName;
        private readonly SimulatedAnnotator[] _annotators;
        private readonly int _seed;
        private readonly string? _seedColumnName;
        private readonly int _scale;
        private readonly int _height;

        /// <summary>Options of <see cref="AnnotatorSimulationEstimator"/>.</summary>
        public sealed class Options
        {
            /// <summary>The ground-truth mask column: a vector of labels (key or numeric), 0 = background,
            /// 1 = foreground. Its dimensions [H, W] (or [1, H, W]) give the mask's shape.</summary>
            public string InputColumnName = SimulationDefaults.InputColumnName;

            /// <summary>
            /// The annotators to simulate, one output column each. Default: the paper's five,
            /// <see cref="SimulatedAnnotator.PaperAnnotators"/>. The default thickening amount, 1.5, was measured on
            /// MNIST to thicken strokes by about 2 pixels on each side, as in the paper's example data.
            /// </summary>
            public SimulatedAnnotator[] Annotators = SimulatedAnnotator.PaperAnnotators();

            /// <summary>The seed of every random draw. Null takes one from the <see cref="MLContext"/>'s random source
            /// when the estimator is created (reproducible when the context has a seed).</summary>
            public int? Seed;

            /// <summary>An optional column of numbers (a scalar or a vector, such as an image id) mixed into each row's
            /// seed, so that equal masks on different rows get different annotations. Values are mixed in as Single
            /// (integers exactly up to 2^24).</summary>
            public string? SeedColumnName;

            /// <summary>The fine grid's scale: Morpho-MNIST's 4. Larger is smoother and slower (cost grows with its square).</summary>
            public int UpscaleFactor = SimulationDefaults.UpscaleFactor;

            /// <summary>The masks' height, for mask columns without dimensions; 0 when they are square.</summary>
            public int Height;
        }

        internal AnnotatorSimulationEstimator(MLContext mlContext, Options options)
        {
            _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (string.IsNullOrEmpty(options.InputColumnName))
            {
                throw new ArgumentException("The mask column name must not be empty.", nameof(options));
            }

            if (options.Annotators is null)
            {
                throw new ArgumentNullException(nameof(options), "The list of annotators must not be null.");
            }

            if (options.UpscaleFactor < 1 || options.UpscaleFactor > SimulationDefaults.MaxUpscaleFactor)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.UpscaleFactor, $"The upscale factor must lie in 1..{SimulationDefaults.MaxUpscaleFactor}.");
            }

            if (options.Height < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Height, "The height cannot be negative.");
            }

            _annotators = options.Annotators.Select((a, i) => (a ?? throw new ArgumentNullException(nameof(options), $"Simulated annotator {i} is null.")).Resolve()).ToArray();
            for (int i = 0; i < _annotators.Length; i++)
            {
                _annotators[i].Check(i);
            }

            MappingGroups.CheckOutputNames(_annotators.Select(a => a.OutputColumnName).ToArray(), nameof(options));
            _inputColumnName = options.InputColumnName;
            _seedColumnName = string.IsNullOrEmpty(options.SeedColumnName) ? null : options.SeedColumnName;
            _scale = options.UpscaleFactor;
            _height = options.Height;
            _seed = options.Seed ?? ((IHostEnvironment)mlContext).Register(nameof(AnnotatorSimulationEstimator)).Rand.Next();
        }

        /// <summary>Checks the input's schema and returns the transformer (nothing is learned from the data).</summary>
        /// <param name="input">The data: its schema must hold the mask column (and the seed column, if one is set).</param>
        public AnnotatorSimulationTransformer Fit(IDataView input)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            var schema = input.Schema;
            var mask = LabelColumn.Find(schema, _inputColumnName, MaskRole);
            var (height, width) = MappingShapes.OfColumn(mask, _height);
            var inputs = new List<PackedInputColumn> { PackedInputColumn.From(mask.Column) };
            int seedValues = 0;
            if (_seedColumnName is not null)
            {
                var (column, values) = MappingShapes.SeedColumn(schema, _seedColumnName);
                inputs.Add(column);
                seedValues = values;
                if (height == 0 && values < 0)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(input),
                        $"Mask column '{_inputColumnName}' and seed column '{_seedColumnName}' are both vectors of unknown size: give one of them a known size.");
                }
            }

            var chain = BuildChain(inputs, height * width, height > 0 ? height : _height, seedValues);
            return new AnnotatorSimulationTransformer(chain.Fit(input), _inputColumnName, _annotators, _seed, _scale, _seedColumnName);
        }

        /// <summary>The output schema: the input's, plus one vector of Single per annotator.</summary>
        /// <param name="inputSchema">The input's schema shape.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            var inputs = new List<PackedInputColumn> { MappingShapes.LabelColumn(inputSchema, _inputColumnName, MaskRole) };
            if (_seedColumnName is not null)
            {
                inputs.Add(MappingShapes.SeedColumn(inputSchema, _seedColumnName));
            }

            // The settings do not change the schema: placeholders stand for the sizes only rows and schemas know.
            return BuildChain(inputs, 0, 0, 0).GetOutputSchema(inputSchema);
        }

        private IEstimator<ITransformer> BuildChain(IReadOnlyList<PackedInputColumn> inputs, int pixels, int height, int seedValues)
            => MappingGroups.Build(
                _mlContext,
                inputs,
                AnnotatorSimulationMappingFactory.ContractName,
                AnnotatorSimulationMappingFactory.Map,
                indices => new AnnotatorSimulationSettings(
                    _inputColumnName,
                    pixels,
                    height,
                    seedValues,
                    _scale,
                    _seed,
                    indices,
                    indices.Select(i => _annotators[i].ToRecipe()).ToArray()).ToOptions(),
                _annotators.Select(a => a.OutputColumnName).ToArray());
    }
}
