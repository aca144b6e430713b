using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Natrium.Silo.Hosting;

/// Turns a failed start into the one line a user needs (the exception chain of a silo
/// lifecycle failure is long and says little). The client listeners are bound before the host
/// starts (Program), so a port taken while it starts is the monitoring or the silo port.
internal static class StartupFailure
{
    public static string ClientPort(SocketException e, ServerOptions options) =>
        $"cannot listen for clients on {options.Gateways[0].Host}:{options.Gateways[0].Port}: {e.Message}";

    public static string Describe(Exception e, ServerOptions options)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AddressInUseException)
            {
                return $"cannot listen for monitoring on {options.Monitoring.Host}:{options.Monitoring.Port}: {inner.Message}";
            }

            if (inner is SocketException socket)
            {
                return options.Cluster is { } cluster
                    ? $"cannot listen for other nodes on port {cluster.SiloPort}: {socket.Message}"
                    : $"cannot start: {socket.Message}";
            }

            if (inner is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                return Describe(aggregate.InnerExceptions[0], options);
            }
        }

        return $"cannot start: {e.GetBaseException().Message}";
    }
}
