using System.Net;
using System.Net.Sockets;

namespace Natrium.Silo.Hosting;

/// The embedded silo talks only to itself, so its silo port is any free loopback port: two
/// natrium processes on one machine (as client test harnesses start them) never collide. Its
/// cluster id is random for the same reason, and so a stray process cannot join it.
internal static class EmbeddedSiloPorts
{
    public static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// A cluster id nobody can guess: "natrium-" and 16 random base32 characters.
    public static string RandomClusterId() =>
        "natrium-" + Natrium.Contracts.Keys.Base32.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
}
