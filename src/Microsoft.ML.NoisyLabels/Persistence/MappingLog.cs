using System.Collections.Concurrent;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.NoisyLabels.Persistence
{
    /// <summary>
    /// Lets a persisted mapping, which ML.NET calls without any context, write warnings to the
    /// <see cref="MLContext.Log"/> of the context that fitted it. Fitting registers the context under a number that the
    /// mapping's settings carry; the mapping warns through that number, once per number and kind of warning, so a
    /// transform over many rows says each thing once. The context is held weakly. A model loaded in another process
    /// carries a number that is not registered there: its mappings then compute the same outputs without warning.
    /// </summary>
    internal static class MappingLog
    {
        private static readonly ConcurrentDictionary<int, Entry> s_entries = new ConcurrentDictionary<int, Entry>();
        private static int s_next;

        /// <summary>Registers <paramref name="context"/>; returns the number the mapping's settings carry.</summary>
        public static int Register(MLContext context)
        {
            int id = Interlocked.Increment(ref s_next);
            s_entries[id] = new Entry(new WeakReference<MLContext>(context));
            if (id % 1024 == 0)
            {
                // Every fit registers its context: forget the collected ones now and then.
                foreach (var pair in s_entries)
                {
                    if (!pair.Value.Context.TryGetTarget(out _))
                    {
                        s_entries.TryRemove(pair.Key, out _);
                    }
                }
            }

            return id;
        }

        /// <summary>
        /// Writes <paramref name="message"/> as a warning to the context registered under <paramref name="id"/>, unless
        /// a warning of this <paramref name="kind"/> was already written for it. Cheap when already written.
        /// </summary>
        public static void WarnOnce(int id, string kind, Func<string> message)
        {
            if (!s_entries.TryGetValue(id, out var entry) || !entry.Warned.TryAdd(kind, 0))
            {
                return;
            }

            if (!entry.Context.TryGetTarget(out var context))
            {
                s_entries.TryRemove(id, out _);
                return;
            }

            using var channel = ((IHostEnvironment)context).Start("NoisyLabels");
            channel.Warning(MessageSensitivity.None, message());
        }

        private sealed class Entry
        {
            public Entry(WeakReference<MLContext> context)
            {
                Context = context;
            }

            public WeakReference<MLContext> Context { get; }

            public ConcurrentDictionary<string, byte> Warned { get; } = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        }
    }
}
