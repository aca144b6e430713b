using NATS.Client.Core;

namespace Natrium.Tests.TestKit;

/// Delivery across gateways once interest may be settling: publishes the payload again and again
/// until the subscriber has it, within patience.
internal static class RepublishUntilReceived
{
    public static async Task ReceiveAsync(NatsConnection publisher, INatsSub<string> sub, string subject, string payload, TimeSpan patience)
    {
        using var cts = new CancellationTokenSource(patience);
        var received = Task.Run(async () =>
        {
            while (true)
            {
                var msg = await sub.Msgs.ReadAsync(cts.Token);
                if (msg.Data == payload)
                {
                    return msg.Data;
                }
            }
        });
        while (!received.IsCompleted && !cts.IsCancellationRequested)
        {
            await publisher.PublishAsync(subject, payload);
            await Task.WhenAny(received, Task.Delay(100, cts.Token));
        }

        try
        {
            Assert.Equal(payload, await received);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"\"{payload}\" published on {subject} did not arrive within {patience.TotalSeconds} s");
        }
    }
}
