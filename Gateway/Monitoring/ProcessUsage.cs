using System.Diagnostics;

namespace Natrium.Gateway.Monitoring;

/// The process's CPU and memory as nats-server reports them in /varz and statsz: `cpu` is the
/// percent of one core used over the last interval (at least a second, as nats-server samples;
/// the first reading covers the time since the process started), `mem` the resident set.
internal static class ProcessUsage
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private static readonly Lock Sync = new();
    private static DateTime _lastWall = StartTime();
    private static TimeSpan _lastCpu = TimeSpan.Zero;
    private static double _percent;

    public static double CpuPercent()
    {
        lock (Sync)
        {
            var now = DateTime.UtcNow;
            if (now - _lastWall < MinInterval && _lastCpu != TimeSpan.Zero)
            {
                return _percent;
            }

            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = now - _lastWall;
            _percent = wall <= TimeSpan.Zero ? 0 : Math.Round((cpu - _lastCpu) / wall * 100, 2);
            (_lastWall, _lastCpu) = (now, cpu);
            return _percent;
        }
    }

    private static DateTime StartTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    /// Resident set size in bytes.
    public static long Memory() => Environment.WorkingSet;
}
