using System.Buffers;

namespace Natrium.Gateway.Protocol;

/// Reads client operations from the receive buffer (spec/protocol.md §1, §4–§8).
/// Stateless between calls: an operation that is not complete yet is left in the buffer and
/// parsed again when more bytes arrive, so a split at any byte gives the same result. Control
/// lines are sliced from the buffer; only a line that straddles segments is copied, into a
/// scratch buffer bounded by MaxControlLine. Nothing is allocated per operation.
internal sealed class ClientParser
{
    private byte[] _scratch = [];

    /// Longest control line accepted (CONNECT's JSON included); checked before the line ends.
    public int MaxControlLine { get; set; } = 4096;

    public int MaxPayload { get; set; } = 1024 * 1024;

    /// Whether the client declared headers support; HPUB without it is a protocol violation.
    public bool HeadersEnabled { get; set; }

    /// Handles every complete operation at the start of buffer and leaves buffer starting at
    /// the first byte not consumed. Anything but NeedMoreData ends the connection.
    public ParseStatus Parse(ref ReadOnlySequence<byte> buffer, IClientOpHandler handler)
    {
        while (!buffer.IsEmpty)
        {
            var status = TryReadLine(buffer, out var line, out var afterLine);
            if (status != ParseStatus.Stopped)
            {
                return status;
            }

            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            var rest = buffer.Slice(afterLine);
            var result = Dispatch(line, ref rest, handler);
            if (result == OpResult.Incomplete)
            {
                return ParseStatus.NeedMoreData;
            }

            buffer = rest;
            if (result != OpResult.Continue)
            {
                return (ParseStatus)result;
            }
        }

        return ParseStatus.NeedMoreData;
    }

    /// Finds the control line at the start of buffer. Returns Stopped when a whole line was
    /// found (the caller goes on), NeedMoreData or MaxControlLineExceeded otherwise.
    private ParseStatus TryReadLine(in ReadOnlySequence<byte> buffer, out ReadOnlySpan<byte> line, out SequencePosition afterLine)
    {
        line = default;
        afterLine = default;
        var first = buffer.FirstSpan;
        var limit = MaxControlLine + 2;
        var newline = first.Length > limit ? first[..limit].IndexOf((byte)'\n') : first.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            line = first[..newline];
            afterLine = buffer.GetPosition(newline + 1);
            return line.Length > MaxControlLine + 1 || Trimmed(line) > MaxControlLine ? ParseStatus.MaxControlLineExceeded : ParseStatus.Stopped;
        }

        if (first.Length >= limit || buffer.IsSingleSegment)
        {
            return buffer.Length > MaxControlLine ? ParseStatus.MaxControlLineExceeded : ParseStatus.NeedMoreData;
        }

        // The line straddles segments: look only as far as a line may reach, then copy it.
        var window = buffer.Length > limit ? buffer.Slice(0, limit) : buffer;
        var position = window.PositionOf((byte)'\n');
        if (position is null)
        {
            return buffer.Length > MaxControlLine ? ParseStatus.MaxControlLineExceeded : ParseStatus.NeedMoreData;
        }

        var lineBytes = window.Slice(0, position.Value);
        var length = (int)lineBytes.Length;
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, 256)];
        }

        lineBytes.CopyTo(_scratch);
        line = _scratch.AsSpan(0, length);
        afterLine = buffer.GetPosition(1, position.Value);
        return Trimmed(line) > MaxControlLine ? ParseStatus.MaxControlLineExceeded : ParseStatus.Stopped;
    }

    private static int Trimmed(ReadOnlySpan<byte> line) => !line.IsEmpty && line[^1] == (byte)'\r' ? line.Length - 1 : line.Length;

    private OpResult Dispatch(ReadOnlySpan<byte> line, ref ReadOnlySequence<byte> rest, IClientOpHandler handler)
    {
        var nameEnd = line.IndexOfAny((byte)' ', (byte)'\t');
        var name = nameEnd < 0 ? line : line[..nameEnd];
        var args = nameEnd < 0 ? default : line[(nameEnd + 1)..];
        var hasArgs = nameEnd >= 0;
        switch (OpCodes.Identify(name, line))
        {
            case OpCode.Pub:
                return hasArgs ? Pub(args, ref rest, handler) : OpResult.UnknownOperation;
            case OpCode.HPub:
                return hasArgs ? HPub(args, ref rest, handler) : OpResult.UnknownOperation;
            case OpCode.Sub:
                return hasArgs ? Sub(args, handler) : OpResult.UnknownOperation;
            case OpCode.Unsub:
                return hasArgs ? Unsub(args, handler) : OpResult.UnknownOperation;
            case OpCode.Ping:
                return handler.OnPing() ? OpResult.Continue : OpResult.Stopped;
            case OpCode.Pong:
                return handler.OnPong() ? OpResult.Continue : OpResult.Stopped;
            case OpCode.Connect:
                return handler.OnConnect(args.TrimStart(" \t"u8)) ? OpResult.Continue : OpResult.Stopped;
            case OpCode.Info:
            case OpCode.Ok:
                return OpResult.Continue;
            case OpCode.Err:
                return OpResult.ClientError;
            default:
                return OpResult.UnknownOperation;
        }
    }

    // PUB <subject> [reply-to] <#bytes>
    private OpResult Pub(ReadOnlySpan<byte> args, ref ReadOnlySequence<byte> rest, IClientOpHandler handler)
    {
        Span<Range> parts = stackalloc Range[4];
        var count = ProtocolArgs.Split(args, parts);
        if (count is < 2 or > 3 || !ProtocolArgs.TryParseSize(args[parts[count - 1]], out var size))
        {
            return OpResult.ProtocolViolation;
        }

        if (size > MaxPayload)
        {
            return OpResult.MaxPayloadExceeded;
        }

        var payloadStatus = TakePayload(ref rest, size, out var payload);
        if (payloadStatus != OpResult.Continue)
        {
            return payloadStatus;
        }

        var reply = count == 3 ? args[parts[1]] : default;
        return handler.OnPub(args[parts[0]], reply, payload) ? OpResult.Continue : OpResult.Stopped;
    }

    // HPUB <subject> [reply-to] <#header bytes> <#total bytes>
    private OpResult HPub(ReadOnlySpan<byte> args, ref ReadOnlySequence<byte> rest, IClientOpHandler handler)
    {
        Span<Range> parts = stackalloc Range[5];
        var count = ProtocolArgs.Split(args, parts);
        if (count is < 3 or > 4
            || !ProtocolArgs.TryParseSize(args[parts[count - 2]], out var headerSize)
            || !ProtocolArgs.TryParseSize(args[parts[count - 1]], out var total)
            || headerSize > total
            || !HeadersEnabled)
        {
            return OpResult.ProtocolViolation;
        }

        if (total > MaxPayload)
        {
            return OpResult.MaxPayloadExceeded;
        }

        var payloadStatus = TakePayload(ref rest, total, out var message);
        if (payloadStatus != OpResult.Continue)
        {
            return payloadStatus;
        }

        var reply = count == 4 ? args[parts[1]] : default;
        return handler.OnHPub(args[parts[0]], reply, (int)headerSize, message) ? OpResult.Continue : OpResult.Stopped;
    }

    // SUB <subject> [queue group] <sid>
    private static OpResult Sub(ReadOnlySpan<byte> args, IClientOpHandler handler)
    {
        Span<Range> parts = stackalloc Range[4];
        var count = ProtocolArgs.Split(args, parts);
        if (count is < 2 or > 3)
        {
            return OpResult.ProtocolViolation;
        }

        var queue = count == 3 ? args[parts[1]] : default;
        return handler.OnSub(args[parts[0]], queue, args[parts[count - 1]]) ? OpResult.Continue : OpResult.Stopped;
    }

    // UNSUB <sid> [max_msgs]
    private static OpResult Unsub(ReadOnlySpan<byte> args, IClientOpHandler handler)
    {
        Span<Range> parts = stackalloc Range[3];
        var count = ProtocolArgs.Split(args, parts);
        long max = -1;
        if (count is < 1 or > 2 || (count == 2 && !ProtocolArgs.TryParseSize(args[parts[1]], out max)))
        {
            return OpResult.ProtocolViolation;
        }

        return handler.OnUnsub(args[parts[0]], max) ? OpResult.Continue : OpResult.Stopped;
    }

    /// The payload must be followed by exactly CRLF (spec/protocol.md §1).
    private static OpResult TakePayload(ref ReadOnlySequence<byte> rest, long size, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (rest.Length < size + 2)
        {
            return OpResult.Incomplete;
        }

        var terminator = rest.Slice(size, 2);
        Span<byte> crlf = stackalloc byte[2];
        terminator.CopyTo(crlf);
        if (crlf[0] != (byte)'\r' || crlf[1] != (byte)'\n')
        {
            return OpResult.UnknownOperation;
        }

        payload = rest.Slice(0, size);
        rest = rest.Slice(size + 2);
        return OpResult.Continue;
    }

    /// ParseStatus values plus the two outcomes that do not leave the parse loop.
    private enum OpResult
    {
        Stopped = ParseStatus.Stopped,
        UnknownOperation = ParseStatus.UnknownOperation,
        MaxPayloadExceeded = ParseStatus.MaxPayloadExceeded,
        ProtocolViolation = ParseStatus.ProtocolViolation,
        ClientError = ParseStatus.ClientError,
        Continue = 100,
        Incomplete = 101,
    }
}
