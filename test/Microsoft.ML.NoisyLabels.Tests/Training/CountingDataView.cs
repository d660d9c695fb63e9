namespace Microsoft.ML.NoisyLabels.Tests.Training
{
    /// <summary>
    /// Passes another data view through and counts the cursors opened on it: each one is a pass over the data, which
    /// for data streamed from disk (or computed by a chain of transforms) is the expensive part of reading it.
    /// </summary>
    internal sealed class CountingDataView : IDataView
    {
        private readonly IDataView _inner;
        private int _cursors;

        public CountingDataView(IDataView inner)
        {
            _inner = inner;
        }

        /// <summary>Cursors opened so far: <see cref="GetRowCursor"/> calls plus <see cref="GetRowCursorSet"/> calls.</summary>
        public int Cursors => Volatile.Read(ref _cursors);

        public bool CanShuffle => _inner.CanShuffle;

        public DataViewSchema Schema => _inner.Schema;

        public long? GetRowCount() => _inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            Interlocked.Increment(ref _cursors);
            return _inner.GetRowCursor(columnsNeeded, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            Interlocked.Increment(ref _cursors);
            return _inner.GetRowCursorSet(columnsNeeded, n, rand);
        }
    }
}
