using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Natrium.Bench;

// A server binary the bench execs itself on a free port of 127.0.0.1 (`BINARY -a 127.0.0.1
// -p PORT`, as nats-server and natrium both take), its output discarded; killed on Dispose.
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceExec;

    private ServerProcess(Process process, Stopwatch sinceExec, int port)
    {
        _process = process;
        _sinceExec = sinceExec;
        Endpoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint Endpoint { get; }

    public int Pid => _process.Id;

    public static ServerProcess Start(string binary)
    {
        int port = FreePort();
        var sinceExec = Stopwatch.StartNew();
        var process = Process.Start(new ProcessStartInfo(binary, ["-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException($"cannot start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, sinceExec, port);
    }

    // Connects every 2 ms until a client gets INFO; returns the time since exec then.
    public TimeSpan AwaitInfo(TimeSpan bound)
    {
        while (!TryReadInfo())
        {
            if (_process.HasExited || _sinceExec.Elapsed > bound)
            {
                throw new TimeoutException($"{_process.StartInfo.FileName} gave no INFO on {Endpoint} within {bound.TotalSeconds} s");
            }

            Thread.Sleep(2);
        }

        return _sinceExec.Elapsed;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited by itself.
        }

        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private bool TryReadInfo()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(Endpoint);
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
