using Google.Protobuf;
using Onnx;

namespace Microsoft.ML.NoisyLabels.Onnx
{
    /// <summary>
    /// Writes an ONNX model (opset 17, IR version 8) node by node: initializers from weights, nodes with attributes,
    /// graph inputs and outputs with fixed or symbolic dimensions, and subgraphs (the bodies of Scan or Loop). It knows
    /// ONNX, not networks.
    /// </summary>
    internal sealed class OnnxGraphBuilder
    {
        public const int Opset = 17;
        public const long IrVersion = 8;

        private readonly GraphProto _graph;
        // Where initializers go: the main graph, also for a subgraph, whose nodes read them from the outer scope (so a
        // network emitted in a loop body keeps one copy of its weights).
        private readonly GraphProto _initializers;
        // Names are unique across the main graph and its subgraphs, as ONNX requires of values in nested scopes.
        private readonly NameScope _scope;

        public OnnxGraphBuilder()
        {
            _graph = new GraphProto { Name = "noisy_labels" };
            _initializers = _graph;
            _scope = new NameScope();
        }

        private OnnxGraphBuilder(GraphProto graph, GraphProto initializers, NameScope scope)
        {
            _graph = graph;
            _initializers = initializers;
            _scope = scope;
        }

        /// <summary>The graph being written (a subgraph goes into its node's attribute, see <see cref="GraphAttribute"/>).</summary>
        public GraphProto Graph => _graph;

        /// <summary>
        /// A builder for a subgraph (the body of a Scan or Loop): its nodes, inputs and outputs are its own, its
        /// initializers go to the main graph and its names are unique among the main graph's.
        /// </summary>
        public OnnxGraphBuilder Subgraph(string hint) => new OnnxGraphBuilder(new GraphProto { Name = NewName(hint) }, _initializers, _scope);

        /// <summary>A name not used yet, built from <paramref name="hint"/>.</summary>
        public string NewName(string hint)
        {
            string name;
            do
            {
                name = $"{hint}_{_scope.Counter++}";
            }
            while (!_scope.Names.Add(name));
            return name;
        }

        /// <summary>Adds a float initializer (a constant tensor) and returns its name.</summary>
        public string Initializer(string hint, ReadOnlySpan<float> values, params long[] dims)
        {
            var tensor = new TensorProto { Name = NewName(hint), DataType = (int)TensorProto.Types.DataType.Float };
            tensor.Dims.AddRange(dims);
            tensor.FloatData.AddRange(values.ToArray());
            _initializers.Initializer.Add(tensor);
            return tensor.Name;
        }

        /// <summary>Adds an int64 initializer and returns its name.</summary>
        public string Int64Initializer(string hint, params long[] values)
        {
            var tensor = new TensorProto { Name = NewName(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
            tensor.Dims.Add(values.Length);
            tensor.Int64Data.AddRange(values);
            _initializers.Initializer.Add(tensor);
            return tensor.Name;
        }

        /// <summary>Adds a node with one output and returns the output's name.</summary>
        public string Node(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
            => Node(opType, inputs, NewName(opType.ToLowerInvariant()), attributes);

        /// <summary>Adds a node whose single output gets the given name (for graph outputs).</summary>
        public string Node(string opType, IReadOnlyList<string> inputs, string outputName, params AttributeProto[] attributes)
        {
            MultiOutputNode(opType, inputs, new[] { outputName }, attributes);
            return outputName;
        }

        /// <summary>Adds a node with several outputs, named by the caller.</summary>
        public void MultiOutputNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputNames, params AttributeProto[] attributes)
        {
            var node = new NodeProto { OpType = opType, Name = NewName("node_" + opType.ToLowerInvariant()) };
            node.Input.AddRange(inputs);
            foreach (string output in outputNames)
            {
                _scope.Names.Add(output);
                node.Output.Add(output);
            }

            node.Attribute.AddRange(attributes);
            _graph.Node.Add(node);
        }

        /// <summary>
        /// Writes the most probable index along <paramref name="axis"/> of <paramref name="probabilities"/>, as Single, into
        /// <paramref name="outputName"/>; NaN where the probabilities are NaN (an image with a NaN pixel, which instance
        /// normalisation spreads over the whole image): a missing value in ML.NET's convention rather than a confident 0.
        /// </summary>
        public void ArgMaxOrMissing(string probabilities, long axis, string outputName)
        {
            string argmax = Node("ArgMax", new[] { probabilities }, Int("axis", axis), Int("keepdims", 0));
            string label = Node("Cast", new[] { argmax }, Int("to", (long)TensorProto.Types.DataType.Float));
            string total = Node("ReduceSum", new[] { probabilities, Int64Initializer("class_axis", axis) }, Int("keepdims", 0));
            Node("Where", new[] { Node("IsNaN", new[] { total }), total, label }, outputName);
        }

        /// <summary>Declares a float graph input; a null dimension is symbolic (named <paramref name="symbolic"/>).</summary>
        public void Input(string name, long?[] dims, string symbolic = "batch")
        {
            _scope.Names.Add(name);
            _graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, dims, symbolic));
        }

        /// <summary>Declares a float graph output.</summary>
        public void Output(string name, long?[] dims, string symbolic = "batch")
            => _graph.Output.Add(ValueInfo(name, TensorProto.Types.DataType.Float, dims, symbolic));

        public static AttributeProto Ints(string name, params long[] values)
        {
            var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            attribute.Ints.AddRange(values);
            return attribute;
        }

        public static AttributeProto Int(string name, long value)
            => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        public static AttributeProto Float(string name, float value)
            => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

        public static AttributeProto GraphAttribute(string name, GraphProto graph)
            => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = graph };

        public static AttributeProto Text(string name, string value)
            => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

        /// <summary>The serialised model.</summary>
        public byte[] ToBytes(string producer)
        {
            var model = new ModelProto
            {
                IrVersion = IrVersion,
                ProducerName = producer,
                ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "1.0.0.0",
                Graph = _graph,
            };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
            return model.ToByteArray();
        }

        /// <summary>The names in use in a graph and its subgraphs, and the counter that makes new ones.</summary>
        private sealed class NameScope
        {
            public HashSet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal);

            public int Counter { get; set; }
        }

        private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long?[] dims, string symbolic)
        {
            var shape = new TensorShapeProto();
            foreach (long? dim in dims)
            {
                shape.Dim.Add(dim is long value
                    ? new TensorShapeProto.Types.Dimension { DimValue = value }
                    : new TensorShapeProto.Types.Dimension { DimParam = symbolic });
            }

            return new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
            };
        }
    }
}
