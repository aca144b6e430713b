using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Natrium.Contracts.Keys;

namespace Natrium.Bench.Scenarios;

// Operator mode: how long a revocation takes to reach a connected user. Each round logs a
// fresh user in, then a system-account user pushes the account JWT with that user revoked
// ($SYS.REQ.ACCOUNT.<acc>.CLAIMS.UPDATE) and the clock runs until the user reads
// -ERR 'User Authentication Revoked'. Rate = revocations/s; p50/p90/p99 = push → -ERR.
// Needs jwt.conf (run.sh passes it).
internal sealed record RevocationScenario(string Name) : IScenario
{
    private const int MaxRounds = 2000;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        var config = OperatorBenchConfig.Read(options.ConfigDir ?? throw new ArgumentException("--conf-dir is needed"));
        using var account = NKeyPair.FromSeed(config.Account);
        using var signer = NKeyPair.FromSeed(config.OperatorSigner);
        using var system = Login(options, config.SystemUserJwt, config.SystemUser);
        Send(system, "SUB _INBOX.revoke.> 1\r\n");
        var revoked = new List<string>();
        var samples = new List<long>();
        var subject = $"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE";
        var start = cpu.Sample();
        string? error = null;
        while (samples.Count < MaxRounds && !options.Limit.Reached(samples.Count, start.Ticks))
        {
            using var victimKey = NKeyPair.Create(NKeyPrefix.User);
            using var victim = Login(options, OperatorBenchConfig.User(victimKey, account), victimKey.EncodeSeed());
            revoked.Add(victimKey.PublicKey);
            var jwt = OperatorBenchConfig.AccountJwt(account, config.AccountName, signer, revoked);
            var t0 = Stopwatch.GetTimestamp();
            Send(system, $"PUB {subject} _INBOX.revoke.{samples.Count} {jwt.Length}\r\n{jwt}\r\n");
            if (!ReadUntil(victim, "-ERR 'User Authentication Revoked'"))
            {
                error = "the revoked user was not told within 10 s";
                break;
            }

            samples.Add(Stopwatch.GetTimestamp() - t0);
            ReadUntil(system, "MSG _INBOX.revoke.");
        }

        var end = cpu.Sample();
        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        samples.Sort();
        return new ScenarioResult(Name)
        {
            Sent = samples.Count,
            Expected = samples.Count,
            Received = samples.Count,
            Seconds = window,
            Rate = samples.Count / window,
            RateUnit = "revocations/s",
            P50Micros = Percentile(samples, 0.50),
            P90Micros = Percentile(samples, 0.90),
            P99Micros = Percentile(samples, 0.99),
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            Note = error ?? string.Create(CultureInfo.InvariantCulture, $"{revoked.Count} users revoked in one account"),
        };
    }

    /// A raw client logged in with a user JWT (nonce signed), after its PONG.
    private static Socket Login(BenchOptions options, string jwt, string seed)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
        socket.Connect(options.Endpoint);
        var info = ReadLine(socket);
        var at = info.IndexOf("\"nonce\":\"", StringComparison.Ordinal) + 9;
        var nonce = info[at..info.IndexOf('"', at)];
        using var key = NKeyPair.FromSeed(seed);
        var sig = System.Buffers.Text.Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(nonce)));
        Send(socket, $"CONNECT {{\"verbose\":false,\"protocol\":1,\"jwt\":\"{jwt}\",\"sig\":\"{sig}\"}}\r\nPING\r\n");
        if (!ReadUntil(socket, "PONG"))
        {
            throw new InvalidOperationException("login failed");
        }

        return socket;
    }

    private static void Send(Socket socket, string text) => socket.Send(Encoding.ASCII.GetBytes(text));

    /// Reads until the text arrives (true) or the socket ends or times out (false).
    private static bool ReadUntil(Socket socket, string text)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = socket.Receive(buffer);
                if (n == 0)
                {
                    return false;
                }

                seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
                if (seen.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReadLine(Socket socket)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (socket.Receive(one) == 1 && one[0] != (byte)'\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }

    private static double? Percentile(List<long> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)] * 1e6 / Stopwatch.Frequency;
}
