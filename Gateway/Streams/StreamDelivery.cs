using System.Buffers;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Delivery;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Streams;

/// What a stream grain sends back through this gateway (pub acks, pulled and pushed messages,
/// statuses, replies): each record is routed in the account by its `to` subject, the MSG frame
/// carrying the stored subject where a stream delivers (spec/jetstream.md §5.2).
internal static class StreamDelivery
{
    public static void Deliver(AccountRouting account, byte[] records)
    {
        var reader = new StreamRecordReader(records);
        while (reader.MoveNext())
        {
            MessageRouter.RouteAs(account, reader.To, reader.Frame, reader.Reply, reader.HeaderSize, new ReadOnlySequence<byte>(reader.Message));
        }
    }
}
