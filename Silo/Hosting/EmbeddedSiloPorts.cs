using System.Net;
using System.Net.Sockets;

namespace Natrium.Silo.Hosting;

/// The embedded silo talks only to itself, so its silo port is any free loopback port: two
/// natrium processes on one machine (as client test harnesses start them) never collide.
internal static class EmbeddedSiloPorts
{
    public static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
