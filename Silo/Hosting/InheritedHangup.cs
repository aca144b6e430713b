using System.Runtime.InteropServices;

namespace Natrium.Silo.Hosting;

/// A node started with SIGHUP ignored (under nohup, or by a supervisor that ignores it) would
/// keep ignoring it: .NET installs no handler for a signal that was ignored when the process
/// started, so `kill -HUP` and `natrium --signal reload` would change nothing, silently.
/// nats-server takes SIGHUP back (Go's signal.Notify does) and reloads; so does natrium, by
/// restoring the default before the reloader registers its handler (ConfigReloader).
internal static class InheritedHangup
{
    private const int SigHup = 1;
    private static readonly IntPtr SigDfl = 0;
    private static readonly IntPtr SigIgn = 1;

    public static void TakeBack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // signal() answers with the disposition it replaced; anything but "ignored" goes back.
        var previous = Signal(SigHup, SigDfl);
        if (previous != SigIgn)
        {
            _ = Signal(SigHup, previous);
        }
    }

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);
}
