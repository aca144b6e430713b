using System.Buffers;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Streams;

/// Records on their way from this gateway to one stream grain (captured messages, or acks):
/// publishers append under a short lock; one call is in flight at a time and takes everything
/// appended meanwhile, so batches grow with load, a lone record goes at once, and the stream
/// receives them in the order they were published. No timer.
internal sealed partial class StreamRecordLink(Func<byte[], Task> send, string what, ILogger logger) : IThreadPoolWorkItem
{
    private readonly object _sync = new();
    private StreamRecordWriter _pending = new();
    private StreamRecordWriter _sending = new();
    private bool _flushing;

    public void Add(ReadOnlySpan<byte> to, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        lock (_sync)
        {
            _pending.Add(to, reply, headerSize, message);
            if (!_flushing)
            {
                _flushing = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
    }

    public void Execute() => _ = FlushAsync();

    private async Task FlushAsync()
    {
        while (true)
        {
            byte[] batch;
            lock (_sync)
            {
                if (_pending.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                (_pending, _sending) = (_sending, _pending);
                batch = _sending.ToArray();
                _sending.Clear();
            }

            try
            {
                await send(batch);
            }
            catch (Exception e)
            {
                // The stream's grain is unreachable: the publishers get no pub ack and retry,
                // as they would with a nats-server that lost the stream's leader.
                LogSendFailed(logger, what, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {What} to its stream failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string what, string reason);
}
