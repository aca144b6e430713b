using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Natrium.Bench;

// Cold start: execs the server on a free port of 127.0.0.1 and measures the time until a
// client gets its INFO, with the server's CPU time and resident set at that moment (what a
// restart, a failover or a test harness that starts a server per test waits for).
internal static class StartupProbe
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static ScenarioResult Measure(string binary)
    {
        int port = FreePort();
        var clock = Stopwatch.StartNew();
        using var server = Process.Start(new ProcessStartInfo(binary, ["-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException($"cannot start {binary}");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            while (!TryReadInfo(port))
            {
                if (server.HasExited || clock.Elapsed > Bound)
                {
                    throw new TimeoutException($"{binary} gave no INFO on 127.0.0.1:{port} within {Bound.TotalSeconds} s");
                }

                Thread.Sleep(2);
            }

            double ready = clock.Elapsed.TotalMilliseconds;
            var meter = new CpuMeter([server.Id]);
            return new ScenarioResult("startup")
            {
                ReadyMillis = ready,
                ReadyCpuMillis = meter.Sample().Server?.TotalMilliseconds,
                ServerRssMiB = meter.ServerRssMiB(),
            };
        }
        finally
        {
            server.Kill();
            server.WaitForExit(10_000);
        }
    }

    private static bool TryReadInfo(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            client.ReceiveTimeout = 10_000;
            var buffer = new byte[4];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = client.GetStream().Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    return false;
                }

                read += n;
            }

            return buffer.AsSpan().SequenceEqual("INFO"u8);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
