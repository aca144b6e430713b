using System.Buffers;
using System.Text;
using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Protocol;

// Records each handler call as one readable line; bytes are shown as Latin-1 so any payload
// round-trips. Optionally stops after a number of calls or reacts to CONNECT like a connection
// would (turning on headers, changing limits).
internal sealed class RecordingHandler : IClientOpHandler
{
    public List<string> Calls { get; } = [];

    // Segment count of each PUB/HPUB payload, to check payloads are slices, not copies.
    public List<int> PayloadSegments { get; } = [];

    // What each payload's start position points into: a slice of the receive buffer points
    // into one of its segments.
    public List<object?> PayloadOwners { get; } = [];

    public int StopAfter { get; init; } = int.MaxValue;

    public Action? AfterConnect { get; init; }

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    // What OnOpBeforeConnect answers (true: logged in without CONNECT).
    public bool AdmitWithoutConnect { get; init; }

    public ClientParser? Parser { get; init; }

    public bool OnOpBeforeConnect()
    {
        if (AdmitWithoutConnect && Parser is not null)
        {
            Parser.ConnectRequired = false;
        }

        return Record("BEFORE-CONNECT") && AdmitWithoutConnect;
    }

    public bool OnConnect(ReadOnlySpan<byte> json)
    {
        AfterConnect?.Invoke();
        return Record($"CONNECT {Text(json)}");
    }

    public bool OnPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> payload)
    {
        PayloadSegments.Add(CountSegments(payload));
        PayloadOwners.Add(payload.Start.GetObject());
        return Record($"PUB {Text(subject)}{Reply(replyTo)} [{Text(payload.ToArray())}]");
    }

    public bool OnHPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message)
    {
        PayloadSegments.Add(CountSegments(message));
        PayloadOwners.Add(message.Start.GetObject());
        return Record($"HPUB {Text(subject)}{Reply(replyTo)} {headerSize} [{Text(message.ToArray())}]");
    }

    public bool OnSub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid) =>
        Record($"SUB {Text(subject)}{Reply(queue)} {Text(sid)}");

    public bool OnUnsub(ReadOnlySpan<byte> sid, long maxMessages) => Record($"UNSUB {Text(sid)} {maxMessages}");

    public bool OnPing() => Record("PING");

    public bool OnPong() => Record("PONG");

    private static string Reply(ReadOnlySpan<byte> optional) => optional.IsEmpty ? "" : " " + Text(optional);

    private static int CountSegments(in ReadOnlySequence<byte> sequence)
    {
        int count = 0;
        foreach (ReadOnlyMemory<byte> _ in sequence)
        {
            count++;
        }

        return count;
    }

    private bool Record(string call)
    {
        Calls.Add(call);
        return Calls.Count < StopAfter;
    }
}
