using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Natrium.Tests.TestKit;

/// The membership store of cluster tests: the Redis .ci/run started (NATRIUM_TEST_REDIS,
/// host:port), else a throwaway redis-server (Debian's `redis-server`) on a free port of
/// 127.0.0.1 without persistence, killed on dispose. Each cluster uses its own cluster id, so
/// clusters sharing one Redis never meet.
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process? _process;

    private RedisServer(Process? process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    /// With a password: always a redis-server of its own that requires it.
    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        if (password is null && Environment.GetEnvironmentVariable("NATRIUM_TEST_REDIS") is { Length: > 0 } shared)
        {
            return new RedisServer(null, shared);
        }

        var port = LoopbackPorts.Unused();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(password);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is needed by the cluster tests: apt-get install redis-server (.ci/run does)", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, $"127.0.0.1:{port}");
        await Eventually.TrueAsync(() => Accepts(port) || process.HasExited, "redis-server accepts connections", timeout: TimeSpan.FromSeconds(10));
        Assert.False(process.HasExited, "redis-server exited at start");
        return server;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
