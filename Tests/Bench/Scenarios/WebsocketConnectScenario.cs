using System.Net.WebSockets;

namespace Natrium.Bench.Scenarios;

// ws-connect: connection setup over WebSocket — TCP connect, HTTP upgrade, INFO, CONNECT,
// PING, PONG, close — over and over from a few threads, as ConnectScenario does for TCP.
// Reports connections/s, p50/p90/p99 of one setup, and the server's CPU per connection.
internal sealed record WebsocketConnectScenario(string Name) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        var url = options.WebsocketUrl ?? throw new ArgumentException("--ws-url is needed");
        return ConnectionRate.Measure(
            Name,
            options,
            cpu,
            () => WsConnection.Open(url, BenchOptions.IoTimeout).Dispose(),
            e => e is IOException or WebSocketException or OperationCanceledException);
    }
}
