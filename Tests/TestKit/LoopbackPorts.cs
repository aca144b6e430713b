using System.Net;
using System.Net.Sockets;

namespace Natrium.Tests.TestKit;

/// Ports for listeners the tests configure up front (silo ports, a Redis of their own). Taken
/// below the kernel's ephemeral range: a port from port 0 is free when probed, but until the
/// listener binds it, any outgoing connection on the machine may get it as its source port.
/// Never the same port twice in one test run, and checked free on loopback when handed out.
public static class LoopbackPorts
{
    private const int Floor = 10_000;
    private static readonly HashSet<int> Given = [];

    public static int Unused()
    {
        var ceiling = EphemeralStart();
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(Floor, ceiling);
                if (Given.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port between {Floor} and {ceiling}");
    }

    private static int EphemeralStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range) && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start) && start > Floor + 1_000
            ? start
            : 32_768;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
