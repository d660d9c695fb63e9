using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Persistence;
using Microsoft.ML.NoisyLabels.Volumes;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Simulates raters of lesion masks from a ground-truth lesion mask, in 3D: the paper's good, over, under, wrong
    /// and blank annotators with balls and planar cuts in voxel units, plus missing small lesions and merging nearby
    /// ones (see <see cref="SimulatedLesionAnnotator"/>). Create it with
    /// <c>mlContext.NoisyLabels().Transforms.SimulateLesionAnnotators</c>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ### Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | Vector of key or numeric labels with dimensions [D, H, W] or [H, W], 0 = background, 1 = lesion (all missing: no ground truth) |
    /// | Output column data type | Vector of Single (variable size, D x H x W values): 0/1, or all NaN where the ground truth is missing |
    /// | Exportable to ONNX | No |
    /// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.NoisyLabels (loading a saved model needs it too) |
    ///
    /// Distances are in voxels and isotropic (the atlas data are 1 mm). Every morphological step reads an exact
    /// Euclidean distance map (separable, O(voxels) whatever the radius): a 181 x 217 x 181 volume takes about a
    /// second per annotator on one core. Outside the volume counts as neither lesion nor background: erosion does not
    /// eat lesions that touch the border from the border side.
    ///
    /// Randomness (which lesions are missed, where the cuts go) is reproducible: each row's draws derive from the
    /// seed, a hash of the row's mask (and of the optional seed column) and the annotator's position in the list, so
    /// they do not depend on the row order, on how many cursors read the data, or on the process.
    /// ]]></format>
    /// </remarks>
    public sealed class LesionAnnotatorSimulationEstimator : IEstimator<LesionAnnotatorSimulationTransformer>
    {
        private const string MaskRole = "mask";
        private readonly MLContext _mlContext;
        private readonly string _inputColumnName;
        private readonly SimulatedLesionAnnotator[] _annotators;
        private readonly int _seed;
        private readonly string? _seedColumnName;
        private readonly VoxelConnectivity _connectivity;
        private readonly VolumeShape? _dimensions;

        /// <summary>Options of <see cref="LesionAnnotatorSimulationEstimator"/>.</summary>
        public sealed class Options
        {
            /// <summary>The ground-truth lesion mask column: a vector of labels (key or numeric), 0 = background,
            /// 1 = lesion, with dimensions [D, H, W] or [H, W] (the volume loader's rater columns have them).</summary>
            public string InputColumnName = string.Empty;

            /// <summary>The annotators to simulate, one output column each. Default: the paper's five,
            /// <see cref="SimulatedLesionAnnotator.PaperAnnotators"/>.</summary>
            public SimulatedLesionAnnotator[] Annotators = SimulatedLesionAnnotator.PaperAnnotators();

            /// <summary>The seed of every random draw. Null takes one from the <see cref="MLContext"/>'s random source
            /// when the estimator is created (reproducible when the context has a seed).</summary>
            public int? Seed;

            /// <summary>An optional column of numbers mixed into each row's seed, so that equal masks on different rows
            /// get different annotations.</summary>
            public string? SeedColumnName;

            /// <summary>Which voxels form one lesion: 26-connectivity by default (8 on a 2D map).</summary>
            public VoxelConnectivity Connectivity = VoxelConnectivity.FacesEdgesCorners;

            /// <summary>The masks' shape [D, H, W] (or [H, W]), for a mask column without dimensions; null to take the
            /// column's.</summary>
            public int[]? Dimensions;
        }

        internal LesionAnnotatorSimulationEstimator(MLContext mlContext, Options options)
        {
            _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
            ArgumentNullException.ThrowIfNull(options);
            if (string.IsNullOrEmpty(options.InputColumnName))
            {
                throw new ArgumentException("The mask column name must not be empty.", nameof(options));
            }

            if (options.Annotators is null)
            {
                throw new ArgumentNullException(nameof(options), "The list of annotators must not be null.");
            }

            if (options.Connectivity is not (VoxelConnectivity.Faces or VoxelConnectivity.FacesEdgesCorners))
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Connectivity, "The connectivity must be Faces (6) or FacesEdgesCorners (26).");
            }

            if (options.Dimensions is int[] dims)
            {
                _dimensions = ImageDimensions.Split(dims) is ImageDimensions d
                    ? new VolumeShape(d.Leading, d.Height, d.Width).Checked("The mask dimensions")
                    : throw new ArgumentOutOfRangeException(nameof(options), $"The mask dimensions must be [D, H, W] or [H, W]; got [{string.Join(", ", dims)}].");
            }

            _annotators = options.Annotators.Select((a, i) => (a ?? throw new ArgumentNullException(nameof(options), $"Simulated lesion annotator {i} is null.")).Resolve()).ToArray();
            for (int i = 0; i < _annotators.Length; i++)
            {
                _annotators[i].Check(i);
            }

            MappingGroups.CheckOutputNames(_annotators.Select(a => a.OutputColumnName).ToArray(), nameof(options));
            _inputColumnName = options.InputColumnName;
            _seedColumnName = string.IsNullOrEmpty(options.SeedColumnName) ? null : options.SeedColumnName;
            _connectivity = options.Connectivity;
            _seed = options.Seed ?? ((IHostEnvironment)mlContext).Register(nameof(LesionAnnotatorSimulationEstimator)).Rand.Next();
        }

        /// <summary>Checks the input's schema and returns the transformer (nothing is learned from the data).</summary>
        /// <param name="input">The data: its schema must hold the mask column (and the seed column, if one is set).</param>
        public LesionAnnotatorSimulationTransformer Fit(IDataView input)
        {
            ArgumentNullException.ThrowIfNull(input);
            var schema = input.Schema;
            var mask = LabelColumn.Find(schema, _inputColumnName, MaskRole);
            var shape = Shape(mask);
            var inputs = new List<PackedInputColumn> { PackedInputColumn.From(mask.Column) };
            int seedValues = 0;
            if (_seedColumnName is not null)
            {
                var (column, values) = MappingShapes.SeedColumn(schema, _seedColumnName);
                inputs.Add(column);
                seedValues = values;
            }

            var chain = BuildChain(inputs, shape, seedValues);
            return new LesionAnnotatorSimulationTransformer(
                chain.Fit(input), _inputColumnName, _annotators, _seed, _connectivity, _seedColumnName, new[] { shape.Depth, shape.Height, shape.Width });
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

            // The settings do not change the schema: a placeholder shape stands for the one only the data know.
            return BuildChain(inputs, new VolumeShape(1, 1, 1), 0).GetOutputSchema(inputSchema);
        }

        /// <summary>The mask's shape: the column's dimensions, or the option's, which must agree with its size.</summary>
        private VolumeShape Shape(LabelColumn mask)
        {
            var fromColumn = VolumeShape.Of(mask.Column.Type);
            if (fromColumn is VolumeShape c && _dimensions is VolumeShape o && c != o)
            {
                throw new ArgumentOutOfRangeException(nameof(mask), $"The dimensions {o} contradict the {MaskRole} column '{mask.Name}''s dimensions {c}.");
            }

            var shape = fromColumn ?? _dimensions
                ?? throw new ArgumentOutOfRangeException(nameof(mask), $"Schema mismatch for {MaskRole} column '{mask.Name}': expected vector of labels with dimensions [D, H, W] or [H, W], got {mask.Column.Type}; or set Options.Dimensions.");
            if (mask.Size != 0 && mask.Size != shape.Voxels)
            {
                throw new ArgumentOutOfRangeException(nameof(mask), $"The dimensions {shape} hold {shape.Voxels} voxels but {MaskRole} column '{mask.Name}' holds {mask.Size}.");
            }

            return shape.Checked($"{MaskRole} column '{mask.Name}'");
        }

        private IEstimator<ITransformer> BuildChain(IReadOnlyList<PackedInputColumn> inputs, VolumeShape shape, int seedValues)
            => MappingGroups.Build(
                _mlContext,
                inputs,
                LesionAnnotatorSimulationMappingFactory.ContractName,
                LesionAnnotatorSimulationMappingFactory.Map,
                indices => new LesionAnnotatorSimulationSettings(
                    _inputColumnName,
                    shape,
                    seedValues,
                    _seed,
                    _connectivity,
                    indices,
                    indices.Select(i => _annotators[i].ToRecipe()).ToArray()).ToOptions(),
                _annotators.Select(a => a.OutputColumnName).ToArray());
    }
}
