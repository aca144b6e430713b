using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Normalized configs as 2.9.10 echoes them (spec/jetstream.md §4.2).
internal static class Configs
{
    public static ConsumerConfig Pull(AckPolicy ack = AckPolicy.Explicit) => new()
    {
        DurableName = ConsumerHarness.ConsumerName,
        Name = ConsumerHarness.ConsumerName,
        DeliverPolicy = DeliverPolicy.All,
        AckPolicy = ack,
        AckWaitNanos = ack == AckPolicy.None ? 0 : 30 * ConsumerHarness.Second,
        MaxDeliver = -1,
        ReplayPolicy = ReplayPolicy.Instant,
        MaxWaiting = 512,
        MaxAckPending = ack == AckPolicy.None ? 0 : 1000,
    };

    public static ConsumerConfig Push(string deliverSubject = "dl.c", AckPolicy ack = AckPolicy.Explicit) => Pull(ack) with
    {
        DeliverSubject = deliverSubject,
        MaxWaiting = 0,
    };
}
