using System.Diagnostics;
using System.Globalization;

namespace Natrium.Bench;

// CPU time of this process (Process.TotalProcessorTime) and of the server (utime + stime from
// /proc/<pid>/stat), so a reader sees which side is saturated. Shares are in % of one core:
// 200 % means both cores of a 2-core machine were busy.
internal sealed class CpuMeter(int? serverPid)
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

    // VmRSS of the server from /proc/<pid>/status, in MiB; null without a server pid.
    public double? ServerRssMiB()
    {
        if (serverPid is not int pid)
        {
            return null;
        }

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

    private TimeSpan? ReadServer()
    {
        if (serverPid is not int pid)
        {
            return null;
        }

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
