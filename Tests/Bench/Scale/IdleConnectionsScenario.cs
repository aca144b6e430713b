using System.Globalization;
using Natrium.Bench.Scenarios;

namespace Natrium.Bench.Scale;

// mem-conn / scale-conn: the cost of idle connections. A warm-up opens and closes a few hundred
// connections (JIT, pools), then: RSS before (settled); N connections opened, each CONNECT +
// PING/PONG, then idle; RSS after (settled); one extra client's PING round trip while all N
// are held. Rate = connections opened per second; bytes per connection = ΔRSS / N; server CPU
// per connection over the opening.
internal sealed record IdleConnectionsScenario(string Name, int DefaultSize) : IScenario
{
    private const int WarmupConnections = 500;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        int size = (int)(options.Size ?? DefaultSize);
        byte[] connect = IdleClients.ConnectLine(null, null);
        using (var warmup = new IdleClients())
        {
            warmup.Open(options.Endpoint, Math.Min(size, WarmupConnections), _ => connect);
        }

        double before = ServerMemory.SettledRssMiB(cpu, options.Settle);
        using var clients = new IdleClients();
        CpuSample start = cpu.Sample();
        TimeSpan took = clients.Open(options.Endpoint, size, _ => connect);
        CpuSample end = cpu.Sample();
        double after = ServerMemory.SettledRssMiB(cpu, options.Settle);
        var (p50, p99) = PingProbe.Measure(options.Endpoint);
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        return new ScenarioResult(Name)
        {
            Size = size,
            Sent = size,
            Expected = size,
            Received = clients.Count,
            Seconds = took.TotalSeconds,
            Rate = clients.Count / took.TotalSeconds,
            RateUnit = "connections/s",
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, end, clients.Count),
            RssBeforeMiB = before,
            ServerRssMiB = after,
            BytesPerItem = ServerMemory.BytesPerItem(before, after, clients.Count),
            PingMicros = p50,
            P50Micros = p50,
            P99Micros = p99,
            Note = clients.FirstError is { } error
                ? string.Create(CultureInfo.InvariantCulture, $"{clients.Failed} failed, e.g. {error}")
                : null,
        };
    }
}
