using System.Net.Sockets;
using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// The natrium process runs socket completions on .NET's socket engine threads (one per core),
/// where each socket's reads are signalled. A publisher that always has more data must not keep
/// such a thread while other clients' sockets wait on it: with one client flooding, every other
/// client is still answered.
public sealed class BusyPublisherFairnessTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_other_client_is_answered_while_one_publishes_without_pause(bool subscribed)
    {
        var dir = Directory.CreateTempSubdirectory("natrium-fair-");
        try
        {
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.FullName);
            var (url, _) = await natrium.WaitForPortsAsync(dir.FullName);
            var port = new Uri(url).Port;

            using var stop = new CancellationTokenSource();

            // With a subscriber reading everything, its writer loop runs under the flood too.
            using var subscriber = new TcpClient();
            var drain = Task.CompletedTask;
            if (subscribed)
            {
                await subscriber.ConnectAsync("127.0.0.1", port);
                var stream = subscriber.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT {\"verbose\":false}\r\nSUB flood.subject 1\r\n"));
                drain = DrainAsync(stream, stop.Token);
            }

            using var flooder = new TcpClient();
            await flooder.ConnectAsync("127.0.0.1", port);
            var flood = FloodAsync(flooder.GetStream(), stop.Token);

            // More clients than engine threads, so some share the flooder's.
            var clients = new List<RawClient>();
            try
            {
                for (var i = 0; i < (Environment.ProcessorCount * 2) + 2; i++)
                {
                    var (client, _) = await RawClient.ConnectAsync(port);
                    clients.Add(client);
                    await client.SendAsync("CONNECT {\"verbose\":false}\r\n");
                }

                for (var round = 0; round < 5; round++)
                {
                    foreach (var client in clients)
                    {
                        await client.SendAsync("PING\r\n");
                        await client.ExpectLineAsync("PONG", TimeSpan.FromSeconds(10));
                    }
                }

                Assert.False(flood.IsCompleted, "the publisher was still flooding when the last PONG came");
            }
            finally
            {
                await stop.CancelAsync();
                await flood;
                await drain;
                foreach (var client in clients)
                {
                    await client.DisposeAsync();
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task DrainAsync(NetworkStream stream, CancellationToken stop)
    {
        var sink = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(sink, stop) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Stopped, or the server let it go.
        }
    }

    /// PUBs written as fast as the socket takes them, until stopped.
    private static async Task FloodAsync(NetworkStream stream, CancellationToken stop)
    {
        var block = new StringBuilder();
        while (block.Length < 64 * 1024)
        {
            block.Append("PUB flood.subject 16\r\n0123456789abcdef\r\n");
        }

        var pubs = Encoding.ASCII.GetBytes(block.ToString());

        // Logged in and answered first, so the server's next read of this socket waits for
        // data and resumes on an engine thread when the flood starts.
        await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT {\"verbose\":false}\r\nPING\r\n"), CancellationToken.None);
        var answer = new byte[4096];
        var seen = "";
        while (!seen.Contains("PONG\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(answer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(n > 0, "the server closed the publisher's connection");
            seen += Encoding.ASCII.GetString(answer, 0, n);
        }

        try
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(pubs, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
