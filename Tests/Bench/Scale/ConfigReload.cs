using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Natrium.Bench.Scale;

// The time a config reload takes, as far as it can be seen from outside: SIGHUP to the server,
// then the server's log is polled (every 5 ms, from its length at the signal) until the line
// both servers write when done, "Reloaded server configuration". Bounded.
internal static class ConfigReload
{
    private const int SigHup = 1;
    private const string DoneLine = "Reloaded server configuration";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public static double Millis(int serverPid, string log)
    {
        long from = new FileInfo(log).Length;
        long began = Stopwatch.GetTimestamp();
        if (Kill(serverPid, SigHup) != 0)
        {
            throw new InvalidOperationException($"kill -HUP {serverPid} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        while (Stopwatch.GetElapsedTime(began) < Bound)
        {
            if (LogSince(log, from).Contains(DoneLine, StringComparison.Ordinal))
            {
                return Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            }

            Thread.Sleep(Poll);
        }

        throw new TimeoutException($"no '{DoneLine}' in {log} within {Bound.TotalSeconds:0} s of SIGHUP");
    }

    private static string LogSince(string log, long from)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // DllImport, not LibraryImport: the generated stub would need unsafe code for one int call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
