namespace Natrium.Grains.Streams;

/// Time as JetStream keeps it: Unix nanoseconds (stored messages, created times, deadlines).
internal static class UnixNanos
{
    public static long Now(TimeProvider time) => (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
