namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// A data view read through one cursor, without ML.NET's row splitting: by default every transform that computes a
    /// column asks its source for a cursor per core and, when the source has only one (a view loaded from objects, for
    /// example), splits it, which copies every column the transform reads into pipes for worker threads and copies
    /// the results back. For rows of whole volumes that is several copies of every annotator's buffer per row, while
    /// the mapping already uses every core inside the row. This view asks the inner view for a single cursor
    /// (a set of one never splits) and otherwise passes everything through. It is the output of
    /// <see cref="ITransformer.Transform"/> only: a model loaded from model.zip is ML.NET's own chain and reads as
    /// ML.NET decides.
    /// </summary>
    internal sealed class SingleCursorDataView : IDataView
    {
        private readonly IDataView _inner;

        public SingleCursorDataView(IDataView inner)
        {
            _inner = inner;
        }

        public bool CanShuffle => _inner.CanShuffle;

        public DataViewSchema Schema => _inner.Schema;

        public long? GetRowCount() => _inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            var cursors = _inner.GetRowCursorSet(columnsNeeded, 1, rand);
            if (cursors.Length == 1)
            {
                return cursors[0];
            }

            // A source that splits even when asked for one cursor: read it the default way.
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }

            return _inner.GetRowCursor(columnsNeeded, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
            => _inner.GetRowCursorSet(columnsNeeded, 1, rand);
    }
}
