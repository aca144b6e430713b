using Natrium.Contracts.Text;
using System.Globalization;
using System.Text;

namespace Natrium.Grains.Streams.Consumers;

/// Every status header block a consumer sends, byte for byte as nats-server 2.9.10 writes it
/// (spec/jetstream.md §5.3, §5.4; each one seen on the wire, see the consumer tests). The
/// shared arrays are never written to.
internal static class StatusHeaders
{
    public static readonly byte[] NoMessages = "NATS/1.0 404 No Messages\r\n\r\n"u8.ToArray();
    public static readonly byte[] RequestsPending = "NATS/1.0 408 Requests Pending\r\n\r\n"u8.ToArray();
    public static readonly byte[] ExceededMaxWaiting = "NATS/1.0 409 Exceeded MaxWaiting\r\n\r\n"u8.ToArray();
    public static readonly byte[] ConsumerDeleted = "NATS/1.0 409 Consumer Deleted\r\n\r\n"u8.ToArray();
    public static readonly byte[] ConsumerIsPushBased = "NATS/1.0 409 Consumer is push based\r\n\r\n"u8.ToArray();
    public static readonly byte[] FlowControlRequest = "NATS/1.0 100 FlowControl Request\r\n\r\n"u8.ToArray();

    /// `409 Exceeded MaxRequestBatch of 10`.
    public static byte[] ExceededMaxRequestBatch(long max) => Simple("409 Exceeded MaxRequestBatch of " + Number(max));

    /// `409 Exceeded MaxRequestExpires of 5s` (a Go duration).
    public static byte[] ExceededMaxRequestExpires(long maxNanos) => Simple("409 Exceeded MaxRequestExpires of " + GoDuration.Format(maxNanos));

    /// `409 Exceeded MaxRequestMaxBytes of 1000`.
    public static byte[] ExceededMaxRequestMaxBytes(long max) => Simple("409 Exceeded MaxRequestMaxBytes of " + Number(max));

    /// `400 Bad Request - <reason>` for a pull body nats-server cannot read.
    public static byte[] BadRequest(string reason) => Simple("400 Bad Request - " + reason);

    /// `408 Request Timeout` with what is left of the pull's batch and max_bytes.
    public static byte[] RequestTimeout(long pendingMessages, long pendingBytes) =>
        WithPending("408 Request Timeout", pendingMessages, pendingBytes);

    /// `409 Message Size Exceeds MaxBytes` with what is left of the pull's batch and max_bytes.
    public static byte[] MessageSizeExceedsMaxBytes(long pendingMessages, long pendingBytes) =>
        WithPending("409 Message Size Exceeds MaxBytes", pendingMessages, pendingBytes);

    /// `100 Idle Heartbeat` with the last consumer and stream sequences; a push consumer waiting
    /// on a flow-control answer adds `Nats-Consumer-Stalled: <the $JS.FC subject>`.
    public static byte[] IdleHeartbeat(ulong lastConsumerSeq, ulong lastStreamSeq, string? stalledOn)
    {
        var text = "NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: " + Number(lastConsumerSeq)
            + "\r\nNats-Last-Stream: " + Number(lastStreamSeq) + "\r\n"
            + (stalledOn is null ? "" : "Nats-Consumer-Stalled: " + stalledOn + "\r\n") + "\r\n";
        return Encoding.Latin1.GetBytes(text);
    }

    private static byte[] WithPending(string status, long pendingMessages, long pendingBytes) =>
        Encoding.Latin1.GetBytes("NATS/1.0 " + status + "\r\nNats-Pending-Messages: " + Number(pendingMessages)
            + "\r\nNats-Pending-Bytes: " + Number(pendingBytes) + "\r\n\r\n");

    private static byte[] Simple(string status) => Encoding.UTF8.GetBytes("NATS/1.0 " + status + "\r\n\r\n");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
