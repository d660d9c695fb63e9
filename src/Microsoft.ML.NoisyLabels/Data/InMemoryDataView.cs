using Microsoft.ML.Data;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>Fills <paramref name="value"/> with the value of one column at row <paramref name="row"/>.</summary>
    internal delegate void RowValueFiller<T>(long row, ref T value);

    /// <summary>
    /// A read-only <see cref="IDataView"/> whose columns are computed on demand from arrays the caller owns.
    /// It lets readers such as the MNIST loader expose compact storage (bytes) as ML.NET columns (floats)
    /// without materialising a second copy of the data.
    /// </summary>
    internal sealed class InMemoryDataView : IDataView
    {
        private readonly InMemoryColumn[] _columns;
        private readonly long _rowCount;

        public InMemoryDataView(long rowCount, params InMemoryColumn[] columns)
        {
            _rowCount = rowCount;
            _columns = columns;
            var builder = new DataViewSchema.Builder();
            foreach (var column in columns)
            {
                builder.AddColumn(column.Name, column.Type);
            }

            Schema = builder.ToSchema();
        }

        public bool CanShuffle => false;

        public DataViewSchema Schema { get; }

        public long? GetRowCount() => _rowCount;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
            => new Cursor(this, columnsNeeded);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
            => new DataViewRowCursor[] { new Cursor(this, columnsNeeded) };

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly InMemoryDataView _parent;
            private readonly bool[] _active;
            private long _position = -1;

            public Cursor(InMemoryDataView parent, IEnumerable<DataViewSchema.Column> columnsNeeded)
            {
                _parent = parent;
                _active = new bool[parent._columns.Length];
                foreach (var column in columnsNeeded)
                {
                    _active[column.Index] = true;
                }
            }

            public override DataViewSchema Schema => _parent.Schema;

            public override long Position => _position;

            public override long Batch => 0;

            public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

            public override ValueGetter<DataViewRowId> GetIdGetter()
                => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (!_active[column.Index])
                {
                    throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
                }

                if (_parent._columns[column.Index] is not InMemoryColumn<TValue> typed)
                {
                    throw new InvalidOperationException(
                        $"Invalid TValue in GetGetter: '{typeof(TValue)}' for column '{column.Name}' of type '{column.Type}'.");
                }

                return (ref TValue value) =>
                {
                    if (_position < 0)
                    {
                        throw new InvalidOperationException("The cursor is not positioned on a row: call MoveNext first.");
                    }

                    typed.Fill(_position, ref value);
                };
            }

            public override bool MoveNext()
            {
                if (_position + 1 >= _parent._rowCount)
                {
                    _position = _parent._rowCount;
                    return false;
                }

                _position++;
                return true;
            }
        }
    }

    /// <summary>A column of an <see cref="InMemoryDataView"/>: name and type.</summary>
    internal abstract class InMemoryColumn
    {
        protected InMemoryColumn(string name, DataViewType type)
        {
            Name = name;
            Type = type;
        }

        public string Name { get; }

        public DataViewType Type { get; }
    }

    /// <summary>A column of an <see cref="InMemoryDataView"/> whose values of type <typeparamref name="T"/> come from a filler.</summary>
    internal sealed class InMemoryColumn<T> : InMemoryColumn
    {
        public InMemoryColumn(string name, DataViewType type, RowValueFiller<T> fill)
            : base(name, type)
        {
            Fill = fill;
        }

        public RowValueFiller<T> Fill { get; }
    }
}
