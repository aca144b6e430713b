using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Natrium.Bench.Scenarios;

// A plain user's request/reply while attackers flood a bcrypt user with wrong passwords
// (issue #10.7): each attacker connects, sends CONNECT with a wrong password and hangs up at
// once, over and over. The headline is the plain user's req/s and latency during the flood;
// the note gives the attackers' connection rate. Needs bcryptflood.conf (run.sh passes it)
// and --user plain so the requester and responder log in as the plain user.
internal sealed record BcryptFloodScenario(string Name, int Attackers) : IScenario
{
    private static readonly TimeSpan ServeLimit = TimeSpan.FromSeconds(60);

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        using var stop = new CancellationTokenSource();
        long attempts = 0;
        var connect = Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false,\"user\":\"{BenchConfigs.User}\",\"pass\":\"wrong\"}}\r\n");
        var attackers = Enumerable.Range(0, Attackers).Select(_ => Task.Run(async () =>
        {
            var info = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(options.Endpoint, stop.Token);
                    await socket.ReceiveAsync(info, stop.Token);
                    await socket.SendAsync(connect, stop.Token);
                    Interlocked.Increment(ref attempts);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    // Refused or reset under load, or the end: go round (the loop checks stop).
                }
            }
        })).ToArray();

        try
        {
            // A server that cannot even let the plain user in must not hang the run.
            var serving = Task.Run(() => new RequestReplyScenario(Name, PayloadSize: 16).Run(options, cpu));
            if (!serving.Wait(ServeLimit))
            {
                return new ScenarioResult(Name) { Error = $"the plain user was not served within {ServeLimit.TotalSeconds:0} s ({Attackers} attackers)" };
            }

            var served = serving.Result;
            var rate = Interlocked.Read(ref attempts) / Math.Max(served.Seconds, 0.001);
            return served with { Note = string.Create(CultureInfo.InvariantCulture, $"{Attackers} attackers, {rate:0} wrong-password logins/s{(served.Note is null ? string.Empty : "; " + served.Note)}") };
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(attackers, TimeSpan.FromSeconds(10));
        }
    }
}
