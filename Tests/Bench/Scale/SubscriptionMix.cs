using System.Globalization;
using System.Text;

namespace Natrium.Bench.Scale;

// The subscriptions of mem-sub / scale-sub: subscription i belongs to tenant i % Tenants and
// is, by i % 10, a literal `tenant.<t>.orders.<i>` (7 in 10), `tenant.<t>.*.<i>` (2 in 10) or
// `tenant.<t>.orders.<i>.>` (1 in 10). Every index has one subscription, so a message to
// PublishSubject(i) matches exactly one: the match rate's expected count is the sent count.
internal static class SubscriptionMix
{
    public static int Tenants(long size) => (int)Math.Max(10, size / 1000);

    public static string Subject(long i, int tenants) => (i % 10) switch
    {
        < 7 => string.Create(CultureInfo.InvariantCulture, $"tenant.{i % tenants}.orders.{i}"),
        < 9 => string.Create(CultureInfo.InvariantCulture, $"tenant.{i % tenants}.*.{i}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"tenant.{i % tenants}.orders.{i}.>"),
    };

    public static string PublishSubject(long i, int tenants) => (i % 10) switch
    {
        < 9 => string.Create(CultureInfo.InvariantCulture, $"tenant.{i % tenants}.orders.{i}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"tenant.{i % tenants}.orders.{i}.created"),
    };

    // `SUB <subject> <sid>` lines for subscriptions [first, first + count), in one buffer.
    public static byte[] SubLines(long first, int count, int tenants)
    {
        var text = new StringBuilder(count * 40);
        for (long i = first; i < first + count; i++)
        {
            text.Append("SUB ").Append(Subject(i, tenants)).Append(' ').Append(i + 1).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    // About `bytes` of 16 B PUB frames, each to the subject of a random subscription of [0, size).
    public static (byte[] Buffer, int Frames) PublishBatch(long size, int tenants, int bytes, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(bytes + 128);
        int frames = 0;
        while (text.Length < bytes)
        {
            text.Append("PUB ").Append(PublishSubject(random.NextInt64(size), tenants)).Append(" 16\r\nabcdefghijklmnop\r\n");
            frames++;
        }

        return (Encoding.ASCII.GetBytes(text.ToString()), frames);
    }
}
