using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// Start-up and a config reload allocate in a burst (with 1,000 configured accounts, about 7 MB
/// per reload), and the GC keeps the regions that burst used committed until a later collection
/// needs them; an idle broker may see no collection for hours. Measured on the node: start-up
/// left 14 MiB resident that held nothing live, and forty reloads of 1,000 accounts took the
/// anonymous memory from 26 to 115 MiB while the live heap stayed at 13 MB. One compacting,
/// aggressive collection (the only kind that also decommits what it frees) returns it to the
/// operating system (README, Performance: "Memory and how cost grows").
/// Only where the process is this one node (Program): a host embedded in another process, as the
/// tests start dozens of, would pause all of that process's work for it.
internal static partial class UnusedHeap
{
    /// After a reload, clients are connected and the collection pauses them for as long as it
    /// takes to compact the live heap: measured 11–20 ms at 12 MiB (1,000 accounts) and 75–150 ms
    /// at 167 MiB (300,000 subscriptions). Past this size it is not done; the GC's slack, which
    /// does not grow with the heap, is then a small part of the node's memory anyway.
    private const long ReloadHeapLimit = 64L * 1024 * 1024;

    private static bool _enabled;

    public static void Enable() => _enabled = true;

    /// Once the gateways are prepared, before they open: no client waits on the pause yet.
    public static void ReleaseAtStart(ILogger logger)
    {
        if (_enabled)
        {
            Collect(logger, "start-up");
        }
    }

    /// Once a reload's accounts are re-wired, where the live heap is small enough to compact
    /// while clients are connected.
    public static void ReleaseAfterReload(ILogger logger)
    {
        if (!_enabled)
        {
            return;
        }

        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        if (heap > ReloadHeapLimit)
        {
            LogKept(logger, heap >> 20);
            return;
        }

        Collect(logger, "the reload");
    }

    private static void Collect(ILogger logger, string after)
    {
        // The resident set, not the GC's committed bytes: those are only known as of the last
        // collection, which may be long before the burst.
        var resident = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogReleased(logger, Math.Max(0, resident - Environment.WorkingSet) >> 20, after, GC.GetGCMemoryInfo().HeapSizeBytes >> 20, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Returned {Released} MiB of unused heap to the OS after {After} (live heap {Heap} MiB, {Milliseconds:F0} ms)")]
    private static partial void LogReleased(ILogger logger, long released, string after, long heap, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heap not compacted after the reload: {Heap} MiB live would pause clients too long")]
    private static partial void LogKept(ILogger logger, long heap);
}
