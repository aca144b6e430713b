using System.Net.Sockets;
using System.Text;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Bench.Scenarios;

// A trivial auth callout service on a raw socket: logs in as the callout account's `auth` user,
// takes every `$SYS.REQ.USER.AUTH` request and allows it into APP with full permissions, signed
// by the issuer of callout.conf. What a login costs beyond this is the server's.
internal sealed class CalloutBenchService : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly NKeyPair _issuer;
    private readonly Thread _thread;

    public CalloutBenchService(BenchOptions options, string issuerSeed)
    {
        _issuer = NKeyPair.FromSeed(issuerSeed);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(options.Endpoint);
        _stream = new NetworkStream(_socket, ownsSocket: false);
        ReadLine();
        Write($"CONNECT {{\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"user\":\"auth\",\"pass\":\"{BenchConfigs.Password}\"}}\r\nSUB $SYS.REQ.USER.AUTH 1\r\nPING\r\n");
        if (!ReadLine().StartsWith("PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the callout service could not log in");
        }

        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public long Answered { get; private set; }

    public void Dispose()
    {
        _socket.Dispose();
        _stream.Dispose();
        _issuer.Dispose();
    }

    private void Serve()
    {
        try
        {
            while (true)
            {
                var line = ReadLine();
                if (line.StartsWith("PING", StringComparison.Ordinal))
                {
                    Write("PONG\r\n");
                    continue;
                }

                if (!line.StartsWith("MSG ", StringComparison.Ordinal))
                {
                    continue;
                }

                // MSG <subject> <sid> <reply> <size>
                var parts = line.Split(' ');
                var payload = new byte[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture) + 2];
                _stream.ReadExactly(payload);
                if (JwtDecoder.Decode<AuthorizationRequestClaims>(Encoding.ASCII.GetString(payload, 0, payload.Length - 2)).Claims is not { } request)
                {
                    continue;
                }

                var user = JwtEncoder.Encode(new UserClaims { Subject = request.Nats.UserNkey, Audience = "APP", Nats = UserNats.Unlimited }, _issuer);
                var answer = JwtEncoder.Encode(
                    new AuthorizationResponseClaims { Subject = request.Nats.UserNkey, Audience = request.Nats.Server.Id, Nats = new AuthorizationResponseNats { Jwt = user } },
                    _issuer);
                Write($"PUB {parts[3]} {answer.Length}\r\n{answer}\r\n");
                Answered++;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Closed at the end of the run.
        }
    }

    private void Write(string text) => _stream.Write(Encoding.ASCII.GetBytes(text));

    private string ReadLine()
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (_stream.Read(one, 0, 1) == 1)
        {
            if (one[0] == (byte)'\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        throw new IOException("closed before a full line");
    }
}
