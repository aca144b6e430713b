using System.Net.Sockets;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Hosting;

/// Turns a failed start into the one line a user needs (the exception chain of a silo
/// lifecycle failure is long and says little).
internal static class StartupFailure
{
    public static string? Describe(Exception e, GatewayOptions gateway)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return $"cannot listen for clients on {gateway.Host}:{gateway.Port}: {socket.Message}";
            }

            if (inner is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                return Describe(aggregate.InnerExceptions[0], gateway);
            }
        }

        return $"cannot start: {e.GetBaseException().Message}";
    }
}
