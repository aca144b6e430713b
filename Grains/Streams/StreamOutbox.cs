using System.Text;
using Natrium.Contracts.Messages;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Grains.Streams;

/// What a stream sends back through a gateway during one turn (pulled and pushed messages,
/// statuses, replies, advisories), gathered into one StreamRecords batch and sent in one
/// one-way call, split only when a batch grows large.
internal sealed class StreamOutbox(string account)
{
    private const int MaxBatchBytes = 1 << 20;

    private readonly StreamRecordWriter _records = new();
    private byte[] _scratch = new byte[512];

    public bool IsEmpty => _records.Count == 0;

    /// Adds a consumer's output; sends at once when the batch is full.
    public void Add(ConsumerOutput output, GatewayRef gateway)
    {
        switch (output)
        {
            case DeliverMessage deliver:
                AddMessage(deliver);
                break;
            case DeliverStatus status:
                Add(status.To, null, status.Reply, status.HeaderBlock.Length, status.HeaderBlock, default);
                break;
            case SendReply reply:
                Add(reply.To, null, null, 0, reply.Body, default);
                break;
            case PublishAdvisory advisory:
                Add(advisory.To, null, null, 0, advisory.Body, default);
                break;
        }

        if (_records.Length >= MaxBatchBytes)
        {
            Send(gateway);
        }
    }

    public void Send(GatewayRef gateway)
    {
        if (_records.Count == 0)
        {
            return;
        }

        gateway.Observer.DeliverStream(account, _records.ToArray()).Ignore();
        _records.Clear();
    }

    /// Drops what was gathered (no gateway to send it through).
    public void Clear() => _records.Clear();

    /// The MSG frame carries the stored subject and the ack subject as reply (§5.2); a
    /// headers_only consumer gets the header block with Nats-Msg-Size and no payload.
    private void AddMessage(DeliverMessage deliver)
    {
        var message = deliver.Message;
        if (deliver.HeadersOnly)
        {
            var block = HeadersOnlyBlock.Build(message.Headers.Span, message.Data.Length);
            Add(deliver.To, message.Subject, deliver.AckSubject, block.Length, block, default);
        }
        else
        {
            Add(deliver.To, message.Subject, deliver.AckSubject, message.Headers.Length, message.Headers.Span, message.Data.Span);
        }
    }

    private void Add(string to, string? frame, string? reply, int headerSize, ReadOnlySpan<byte> message, ReadOnlySpan<byte> payload)
    {
        // The three subjects are encoded side by side into one scratch buffer: no allocation.
        var needed = Encoding.UTF8.GetMaxByteCount(to.Length + (frame?.Length ?? 0) + (reply?.Length ?? 0));
        if (_scratch.Length < needed)
        {
            _scratch = new byte[Math.Max(needed, _scratch.Length * 2)];
        }

        var span = _scratch.AsSpan();
        var toLength = Encoding.UTF8.GetBytes(to, span);
        var frameLength = frame is null ? 0 : Encoding.UTF8.GetBytes(frame, span[toLength..]);
        var replyLength = reply is null ? 0 : Encoding.UTF8.GetBytes(reply, span[(toLength + frameLength)..]);
        _records.Add(
            span[..toLength],
            span.Slice(toLength, frameLength),
            span.Slice(toLength + frameLength, replyLength),
            headerSize,
            message,
            payload);
    }
}
