using System.Globalization;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.JetStream;

/// A pull request sent by hand (spec/jetstream.md §5.1), for timings NATS.Net will not ask for
/// (its Fetch and Next want expires above 1 s). The reply subject is not under NATS.Net's muxed
/// `_INBOX` prefix: delivered messages carry the stored subject, which the muxed inbox cannot
/// route.
internal static class RawPull
{
    /// Pulls one message, waiting at most `expires` on the server side: the message, or null
    /// when the pull ended with a status (408 Request Timeout).
    public static async Task<NatsMsg<string>?> OneAsync(NatsConnection nc, string stream, string consumer, TimeSpan expires)
    {
        var messages = await BatchAsync(nc, stream, consumer, 1, expires);
        return messages.Count == 0 ? null : messages[0];
    }

    /// Pulls up to `batch` messages within `expires`; returns those that came before the batch
    /// filled or the pull ended with a status.
    public static async Task<List<NatsMsg<string>>> BatchAsync(NatsConnection nc, string stream, string consumer, int batch, TimeSpan expires)
    {
        var reply = "rawpull." + Guid.NewGuid().ToString("N");
        await using var sub = await nc.SubscribeCoreAsync<string>(reply);
        var nanos = (expires.Ticks * 100).ToString(CultureInfo.InvariantCulture);
        await nc.PublishAsync($"$JS.API.CONSUMER.MSG.NEXT.{stream}.{consumer}", $"{{\"batch\":{batch},\"expires\":{nanos}}}", replyTo: reply);
        using var cts = new CancellationTokenSource(expires + TimeSpan.FromSeconds(5));
        var received = new List<NatsMsg<string>>();
        while (received.Count < batch)
        {
            var msg = await sub.Msgs.ReadAsync(cts.Token);
            if (msg.Headers is { Code: > 0 })
            {
                Assert.True(msg.Headers.Code == 408, $"pull ended with {msg.Headers.Code} {msg.Headers.MessageText}");
                break;
            }

            received.Add(msg);
        }

        return received;
    }
}
