using Natrium.Gateway.Delivery;

namespace Natrium.Gateway.Routing;

/// Everything a published subject reaches in one account on this gateway: local plain
/// subscribers, each queue group (local members and remote gateways with their weights),
/// and remote gateways with plain interest. Immutable; cached per subject.
internal sealed class SubjectMatch(Subscription[] plain, QueueMatch[] queues, RemoteGatewayLink[] remotePlain)
{
    public static SubjectMatch Empty { get; } = new([], [], []);

    public Subscription[] Plain { get; } = plain;

    public QueueMatch[] Queues { get; } = queues;

    public RemoteGatewayLink[] RemotePlain { get; } = remotePlain;
}

/// One queue group as seen by one subject: a message goes to exactly one member, local or a
/// remote gateway, chosen at random weighted by member count.
internal sealed class QueueMatch(byte[] name, Subscription[] local, RemoteGatewayLink[] remote, int[] remoteWeights)
{
    public byte[] Name { get; } = name;

    public Subscription[] Local { get; } = local;

    public RemoteGatewayLink[] Remote { get; } = remote;

    public int[] RemoteWeights { get; } = remoteWeights;

    public int TotalWeight { get; } = local.Length + remoteWeights.Sum();

    /// The remote gateway for a draw in [Local.Length, TotalWeight).
    public RemoteGatewayLink RemoteFor(int draw)
    {
        draw -= Local.Length;
        for (var i = 0; i < Remote.Length; i++)
        {
            draw -= RemoteWeights[i];
            if (draw < 0)
            {
                return Remote[i];
            }
        }

        return Remote[^1];
    }
}
