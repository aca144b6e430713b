using Microsoft.Extensions.Logging;

namespace Natrium.Gateway.Tls;

/// tls.connection_rate_limit (spec/tls.md §6): at most `limit` TLS handshakes start per
/// one-second window; the window opens with the first attempt after the previous one ended,
/// as nats-server's rateCounter does. Rejections are logged as a count, at most once a second,
/// so a flood cannot flood the log too.
internal sealed partial class TlsHandshakeRateLimiter(long limit, ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private long _count;
    private long _windowEnd;
    private long _rejected;
    private long _nextReport;

    public long Limit => limit;

    public bool TryAdmit()
    {
        var now = time.GetTimestamp();
        long report = 0;
        bool admitted;
        lock (_lock)
        {
            if (now > _windowEnd)
            {
                _count = 0;
                _windowEnd = now + Ticks(Window);
            }
            else
            {
                _count++;
            }

            admitted = _count < limit;
            if (!admitted)
            {
                _rejected++;
                if (now >= _nextReport)
                {
                    (report, _rejected) = (_rejected, 0);
                    _nextReport = now + Ticks(Window);
                }
            }
        }

        if (report > 0)
        {
            LogRejected(logger, report);
        }

        return admitted;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Count} connections due to TLS rate limiting")]
    private static partial void LogRejected(ILogger logger, long count);
}
