using System.Diagnostics;
using System.Globalization;

namespace Natrium.Bench;

// CPU time of this process (Process.TotalProcessorTime) and of the server (utime + stime from
// /proc/<pid>/stat), so a reader sees which side is saturated. Shares are in % of one core:
// 200 % means both cores of a 2-core machine were busy. A cluster's "server" is all its nodes:
// their CPU times and resident sets are summed, so one node's cost counts as much as another's.
internal sealed class CpuMeter(IReadOnlyList<int> serverPids)
{
    // USER_HZ, the unit of /proc/<pid>/stat times; 100 on every mainstream Linux ABI.
    private const double ClockTicksPerSecond = 100;

    private readonly Process _self = Process.GetCurrentProcess();

    public CpuSample Sample()
    {
        _self.Refresh();
        return new CpuSample(Stopwatch.GetTimestamp(), _self.TotalProcessorTime, ReadServer());
    }

    public static (double Bench, double? Server) Share(CpuSample from, CpuSample to)
    {
        double wall = (to.Ticks - from.Ticks) / (double)Stopwatch.Frequency;
        if (wall <= 0)
        {
            return (0, null);
        }

        double bench = (to.Self - from.Self).TotalSeconds / wall * 100;
        double? server = from.Server is { } a && to.Server is { } b ? (b - a).TotalSeconds / wall * 100 : null;
        return (bench, server);
    }

    // Server CPU seconds between two samples per operation, in µs; null without a server pid.
    public static double? MicrosPerOp(CpuSample from, CpuSample to, long ops) =>
        from.Server is { } a && to.Server is { } b && ops > 0 ? (b - a).TotalSeconds * 1e6 / ops : null;

    // VmRSS of the server from /proc/<pid>/status, in MiB, summed over the nodes; null without a
    // server pid or when a node is gone.
    public double? ServerRssMiB()
    {
        double sum = 0;
        foreach (int pid in serverPids)
        {
            if (RssMiB(pid) is not { } rss)
            {
                return null;
            }

            sum += rss;
        }

        return serverPids.Count > 0 ? sum : null;
    }

    private static double? RssMiB(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    // "VmRSS:     123456 kB"
                    string kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // The server exited.
        }

        return null;
    }

    // Summed over the nodes; null without a server pid or when a node is gone.
    private TimeSpan? ReadServer()
    {
        TimeSpan sum = TimeSpan.Zero;
        foreach (int pid in serverPids)
        {
            if (ReadCpu(pid) is not { } cpu)
            {
                return null;
            }

            sum += cpu;
        }

        return serverPids.Count > 0 ? sum : null;
    }

    private static TimeSpan? ReadCpu(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // Fields after the ")" that ends comm: state(3) ... utime(14) stime(15).
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 13)
        {
            return null;
        }

        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }
}

internal readonly record struct CpuSample(long Ticks, TimeSpan Self, TimeSpan? Server);
