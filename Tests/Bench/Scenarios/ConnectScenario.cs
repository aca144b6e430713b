using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Natrium.Contracts.Keys;

namespace Natrium.Bench.Scenarios;

// Connection setup rate: TCP connect, INFO, optional TLS, CONNECT with credentials, PING,
// PONG, close — over and over from a few threads; p50/p90/p99 are one setup's time. Needs the
// server started with the matching config from BenchConfigs (run.sh does that); `callout`
// also runs a trivial callout service (CalloutBenchService) beside the workers.
internal sealed record ConnectScenario(string Name, string Auth) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        var seed = Auth == "nkey" ? BenchConfigs.NkeySeed(options.ConfigDir ?? throw new ArgumentException("--conf-dir is needed")) : null;
        var jwt = Auth == "jwt" ? OperatorBenchConfig.Read(options.ConfigDir ?? throw new ArgumentException("--conf-dir is needed")) : null;
        seed = jwt?.BenchUser ?? seed;
        using var service = Auth == "callout" ? new CalloutBenchService(options, BenchConfigs.CalloutIssuerSeed(options.ConfigDir ?? throw new ArgumentException("--conf-dir is needed"))) : null;
        return ConnectionRate.Measure(
            Name,
            options,
            cpu,
            () => ConnectOnce(options, seed, jwt?.BenchUserJwt),
            e => e is IOException or SocketException or InvalidOperationException or System.Security.Authentication.AuthenticationException);
    }

    private void ConnectOnce(BenchOptions options, string? seed, string? userJwt)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        socket.Connect(options.Endpoint);
        using var network = new NetworkStream(socket, ownsSocket: false);
        var info = ReadLine(network);
        Stream stream = network;
        if (Auth == "tls")
        {
            var ssl = new SslStream(network, leaveInnerStreamOpen: true, (_, _, _, _) => true);
            ssl.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });
            stream = ssl;
        }

        var credentials = Auth switch
        {
            "user" or "bcrypt" or "callout" => $",\"user\":\"{BenchConfigs.User}\",\"pass\":\"{BenchConfigs.Password}\"",
            "nkey" => Nkey(info, seed!),
            "jwt" => Jwt(info, seed!, userJwt!),
            _ => string.Empty,
        };
        stream.Write(Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false,\"pedantic\":false,\"protocol\":1{credentials}}}\r\nPING\r\n"));
        var reply = ReadLine(stream);
        if (!reply.StartsWith("PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("server answered " + reply);
        }

        if (stream != network)
        {
            stream.Dispose();
        }
    }

    private static string Nkey(string info, string seed)
    {
        var at = info.IndexOf("\"nonce\":\"", StringComparison.Ordinal) + 9;
        var nonce = info[at..info.IndexOf('"', at)];
        using var pair = NKeyPair.FromSeed(seed);
        var sig = Convert.ToBase64String(pair.Sign(Encoding.ASCII.GetBytes(nonce)));
        return $",\"nkey\":\"{pair.PublicKey}\",\"sig\":\"{sig}\"";
    }

    // Operator mode: the user JWT and the nonce signed by the user's key.
    private static string Jwt(string info, string seed, string userJwt)
    {
        var at = info.IndexOf("\"nonce\":\"", StringComparison.Ordinal) + 9;
        var nonce = info[at..info.IndexOf('"', at)];
        using var pair = NKeyPair.FromSeed(seed);
        var sig = System.Buffers.Text.Base64Url.EncodeToString(pair.Sign(Encoding.ASCII.GetBytes(nonce)));
        return $",\"jwt\":\"{userJwt}\",\"sig\":\"{sig}\"";
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (stream.Read(one, 0, 1) == 1)
        {
            if (one[0] == (byte)'\n')
            {
                return line.ToString();
            }

            line.Append((char)one[0]);
        }

        throw new IOException("closed before a full line");
    }
}
