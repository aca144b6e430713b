using System.Diagnostics;

namespace Natrium.Bench;

// Cold start: execs the server on a free port of 127.0.0.1 and measures the time until a
// client gets its INFO, with the server's CPU time and resident set at that moment (what a
// restart, a failover or a test harness that starts a server per test waits for); then, in the
// same process, how fast it serves right after that INFO and once warm (WarmUpProbe).
internal static class StartupProbe
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static ScenarioResult Measure(string binary)
    {
        // The bench's own code is compiled on first use. It warms up against a throwaway process
        // of the same binary first, so the cold rates are the server's coldness, not the load
        // generator's, as after a real restart, where the clients that come back are warm.
        using (var throwaway = ServerProcess.Start(binary))
        {
            throwaway.AwaitInfo(Bound);
            WarmUpProbe.WarmBench(throwaway.Endpoint);
        }

        using var server = ServerProcess.Start(binary);
        TimeSpan ready = server.AwaitInfo(Bound);
        long infoTicks = Stopwatch.GetTimestamp();
        var meter = new CpuMeter([server.Pid]);
        var atInfo = new ScenarioResult("startup")
        {
            ReadyMillis = ready.TotalMilliseconds,
            ReadyCpuMillis = meter.Sample().Server?.TotalMilliseconds,
            ServerRssMiB = meter.ServerRssMiB(),
        };
        return WarmUpProbe.Measure(atInfo, server.Endpoint, meter, infoTicks);
    }
}
