using System.Buffers;

namespace Natrium.Gateway.Protocol;

/// What the client parser calls for each complete operation it reads (spec/protocol.md §1–§8).
/// Spans are slices of the receive buffer: valid only during the call, never stored.
/// Each method returns false when the connection must stop reading (it is closing);
/// the parser then returns <see cref="ParseStatus.Stopped"/> at once.
internal interface IClientOpHandler
{
    /// Any op but CONNECT while ClientParser.ConnectRequired is set, called at the op's first
    /// byte before anything else of it is read; true when the connection may go on (it logged
    /// in without CONNECT and cleared the flag), false when it is closing.
    bool OnOpBeforeConnect();

    /// CONNECT {json}
    bool OnConnect(ReadOnlySpan<byte> json);

    /// PUB subject [reply-to] #bytes, payload without the trailing CRLF.
    bool OnPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> payload);

    /// HPUB subject [reply-to] #hdr #total; message = headers followed by payload (total bytes).
    bool OnHPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message);

    /// SUB subject [queue] sid; queue is empty when absent.
    bool OnSub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid);

    /// UNSUB sid [max]; maxMessages is -1 when absent.
    bool OnUnsub(ReadOnlySpan<byte> sid, long maxMessages);

    bool OnPing();

    bool OnPong();
}
