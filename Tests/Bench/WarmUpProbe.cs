using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Natrium.Bench.Scenarios;

namespace Natrium.Bench;

// How soon a freshly started server serves at its steady rate (issue 18: ≥ 0.9× within 2 s of
// its first INFO). Right after that INFO, in the same process: `connect` for 0.9 s, then
// `pubsub16` for 0.9 s (cold: a restart meets its reconnect storm first, then the traffic; with
// the connection setups and the drain this ends about 1.9 s after INFO); then 5 s of each, not
// measured (run.sh's default warm-up); then both again for 0.9 s each (warm). Both windows are
// measured alike, so cold/warm compares like with like.
internal static class WarmUpProbe
{
    private const double MeasuredSeconds = 0.9;
    private const double WarmUpSeconds = 5;
    private const double BenchWarmUpSeconds = 2;

    private static readonly IScenario Connect = ScenarioCatalog.Find("connect") ?? throw new InvalidOperationException("no connect scenario");
    private static readonly IScenario PubSub = ScenarioCatalog.Find("pubsub16") ?? throw new InvalidOperationException("no pubsub16 scenario");

    // Runs both scenarios against a throwaway server, unmeasured, so that the bench's own code
    // is compiled before the measured server starts.
    public static void WarmBench(IPEndPoint throwaway)
    {
        var options = new BenchOptions { Nodes = [throwaway], Limit = new RunLimit(BenchWarmUpSeconds, null) };
        var noServer = new CpuMeter([]);
        Connect.Run(options, noServer);
        PubSub.Run(options, noServer);
    }

    // Adds the cold and warm rates to the figures taken at INFO; a failure becomes a warning,
    // so the time to INFO still counts.
    public static ScenarioResult Measure(ScenarioResult atInfo, IPEndPoint server, CpuMeter cpu, long infoTicks)
    {
        var measured = new BenchOptions { Nodes = [server], Limit = new RunLimit(MeasuredSeconds, null) };
        var warmUp = measured with { Limit = new RunLimit(WarmUpSeconds, null) };
        try
        {
            ScenarioResult coldConnect = Connect.Run(measured, cpu);
            ScenarioResult coldPubSub = PubSub.Run(measured, cpu);
            TimeSpan coldEnd = Stopwatch.GetElapsedTime(infoTicks);
            Connect.Run(warmUp, cpu);
            PubSub.Run(warmUp, cpu);
            ScenarioResult warmConnect = Connect.Run(measured, cpu);
            ScenarioResult warmPubSub = PubSub.Run(measured, cpu);
            return atInfo with
            {
                ColdRate = coldPubSub.Rate,
                WarmRate = warmPubSub.Rate,
                ColdConnectRate = coldConnect.Rate,
                WarmConnectRate = warmConnect.Rate,
                // "lost" of the report: messages of the two measured pub/sub runs.
                Sent = coldPubSub.Sent + warmPubSub.Sent,
                Expected = coldPubSub.Expected + warmPubSub.Expected,
                Received = coldPubSub.Received + warmPubSub.Received,
                Note = Note(coldEnd, ("cold", coldConnect), ("cold", coldPubSub), ("warm", warmConnect), ("warm", warmPubSub)),
            };
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidOperationException or InvalidDataException)
        {
            return atInfo with { Warning = $"cold/warm rates not measured: {e.GetType().Name}: {e.Message}" };
        }
    }

    // When the cold window ended (it is meant to fit in 2 s), failed connects, scenario notes.
    private static string Note(TimeSpan coldEnd, params (string When, ScenarioResult Run)[] runs)
    {
        var notes = new List<string> { string.Create(CultureInfo.InvariantCulture, $"cold window ended {coldEnd.TotalSeconds:0.00} s after INFO") };
        foreach (var (when, run) in runs)
        {
            if (run.Lost > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{when} {run.Scenario}: {run.Lost} {(run.Scenario == "connect" ? "connects failed" : "lost")}"));
            }

            if (run.Note is not null)
            {
                notes.Add($"{when} {run.Scenario}: {run.Note}");
            }
        }

        return string.Join("; ", notes);
    }
}
