using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// What the package knows of a label-map column (an annotator's mask, a ground truth, a fused label): a vector
    /// of class labels, either an ML.NET key type (key k stands for class k - 1; the missing key 0 for "no label")
    /// or a number 0..L-1 (NaN for "no label"). An annotation whose every value is missing means that the annotator
    /// did not label that image; one with only some missing values is an error.
    /// </summary>
    internal sealed class LabelColumn
    {
        private LabelColumn(DataViewSchema.Column column, bool isKey, ulong keyCount, int size)
        {
            Column = column;
            IsKey = isKey;
            KeyCount = keyCount;
            Size = size;
        }

        public DataViewSchema.Column Column { get; }

        public string Name => Column.Name;

        /// <summary>True for key-typed columns (class = key - 1), false for numeric ones (class = value).</summary>
        public bool IsKey { get; }

        /// <summary>The key type's count (the number of classes it can express), or 0 for numeric columns.</summary>
        public ulong KeyCount { get; }

        /// <summary>The vector size (pixels), or 0 when the column is a vector of variable size.</summary>
        public int Size { get; }

        /// <summary>The item type of the vector.</summary>
        public DataViewType ItemType => ((VectorDataViewType)Column.Type).ItemType;

        /// <summary>
        /// Finds and checks a label-map column. Throws ML.NET-style errors that name the role and the column.
        /// </summary>
        public static LabelColumn Find(DataViewSchema schema, string name, string role)
        {
            var column = SchemaChecks.FindColumn(schema, name, role);
            if (column.Type is not VectorDataViewType vector || !IsLabelItemType(vector.ItemType))
            {
                throw SchemaChecks.Mismatch(role, name, "vector of key or numeric labels", column.Type);
            }

            ulong keyCount = vector.ItemType is KeyDataViewType key ? key.Count : 0;
            return new LabelColumn(column, vector.ItemType is KeyDataViewType, keyCount, vector.Size);
        }

        private static bool IsLabelItemType(DataViewType type)
            => type is KeyDataViewType || type is NumberDataViewType;

        /// <summary>
        /// Returns a getter that reads this column's value at the cursor's row as floats in the package's canonical
        /// form: class index as a float, NaN for "no label" (key columns: key - 1, the missing key 0 becomes NaN).
        /// </summary>
        public ValueGetter<VBuffer<float>> GetCanonicalGetter(DataViewRow row)
        {
            var itemType = ItemType;
            if (itemType is KeyDataViewType)
            {
                return itemType.RawType switch
                {
                    var t when t == typeof(byte) => Convert<byte>(row, v => KeyLabels.ToClass(v)),
                    var t when t == typeof(ushort) => Convert<ushort>(row, v => KeyLabels.ToClass(v)),
                    var t when t == typeof(uint) => Convert<uint>(row, v => KeyLabels.ToClass(v)),
                    _ => Convert<ulong>(row, KeyLabels.ToClass),
                };
            }

            return itemType.RawType switch
            {
                var t when t == typeof(float) => row.GetGetter<VBuffer<float>>(Column),
                var t when t == typeof(double) => Convert<double>(row, v => (float)v),
                var t when t == typeof(byte) => Convert<byte>(row, v => v),
                var t when t == typeof(sbyte) => Convert<sbyte>(row, v => v),
                var t when t == typeof(short) => Convert<short>(row, v => v),
                var t when t == typeof(ushort) => Convert<ushort>(row, v => v),
                var t when t == typeof(int) => Convert<int>(row, v => v),
                var t when t == typeof(uint) => Convert<uint>(row, v => v),
                var t when t == typeof(long) => Convert<long>(row, v => v),
                _ => Convert<ulong>(row, v => v),
            };
        }

        private ValueGetter<VBuffer<float>> Convert<T>(DataViewRow row, Func<T, float> convert)
        {
            var getter = row.GetGetter<VBuffer<T>>(Column);
            VBuffer<T> source = default;
            return (ref VBuffer<float> value) =>
            {
                getter(ref source);
                int length = source.Length;
                var editor = VBufferEditor.Create(ref value, length);
                // Sparse vectors hold the default value (0: class 0, or the missing key) at implicit positions.
                float implicitValue = convert(default!);
                if (source.IsDense)
                {
                    var values = source.GetValues();
                    for (int i = 0; i < length; i++)
                    {
                        editor.Values[i] = convert(values[i]);
                    }
                }
                else
                {
                    editor.Values.Fill(implicitValue);
                    var values = source.GetValues();
                    var indices = source.GetIndices();
                    for (int i = 0; i < indices.Length; i++)
                    {
                        editor.Values[indices[i]] = convert(values[i]);
                    }
                }

                value = editor.Commit();
            };
        }
    }
}
