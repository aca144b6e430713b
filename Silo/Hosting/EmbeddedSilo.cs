using System.Net;

namespace Natrium.Silo.Hosting;

/// The embedded silo talks only to itself. Its address names the default silo port, but it
/// listens on a loopback port the kernel picks in the same call that binds it: a port probed
/// first and bound later could meanwhile be handed to another process (or to this node's own
/// client listener, `-p -1`), and one of the two would then fail to start. Its cluster id is
/// random, so two natrium processes on one machine never meet and a stray process cannot join.
internal static class EmbeddedSilo
{
    public static IPEndPoint ListeningEndpoint => new(IPAddress.Loopback, 0);

    /// A cluster id nobody can guess: "natrium-" and 16 random base32 characters.
    public static string RandomClusterId() =>
        "natrium-" + Natrium.Contracts.Keys.Base32.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
}
