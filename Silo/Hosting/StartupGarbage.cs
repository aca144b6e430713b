using System.Runtime;

namespace Natrium.Silo.Hosting;

/// Start-up (the config's accounts wired, the silo's services made) allocates in a burst, and the
/// GC keeps the regions that burst used committed until a later collection needs them: with
/// 1,000 configured accounts, about 14 MiB of resident memory that held nothing live, and an
/// idle broker may see no collection for hours. One compacting, aggressive collection before
/// clients are let in returns it to the operating system (README, Performance: "Memory and how
/// cost grows"); the heap then holds only what start-up left, so it takes milliseconds.
/// Only where the process is this one node (Program): a host embedded in another process, as the
/// tests start dozens of, would pause all of that process's work for it.
internal static class StartupGarbage
{
    private static bool _enabled;

    public static void Enable() => _enabled = true;

    /// Called once the gateways are prepared, before they open.
    public static void Release()
    {
        if (!_enabled)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
