using System.Buffers;
using System.Text;
using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Protocol;

// How a test parser is configured. OnConnect runs inside the handler's OnConnect, the way a
// connection applies CONNECT options to a live parser.
internal sealed record ParserSetup(
    bool Headers = true,
    int MaxControlLine = ClientParser.DefaultMaxControlLine,
    int MaxPayload = ClientParser.DefaultMaxPayload,
    int StopAfter = int.MaxValue,
    Action<ClientParser>? OnConnect = null,
    bool ConnectRequired = false,
    bool AdmitWithoutConnect = false)
{
    public static ParserSetup Default { get; } = new();
}

// The final status, the handler calls and how many input bytes were consumed. Consumed is the
// same however the input was cut, since the buffer is left at the same op in every case.
internal sealed record ParseOutcome(ParseStatus Status, IReadOnlyList<string> Calls, long Consumed)
{
    public override string ToString() =>
        $"{Status} after {Consumed} bytes: [{string.Join(" | ", Calls.Select(Escape))}]";

    private static string Escape(string call) => call.Replace("\r", "\\r").Replace("\n", "\\n");
}

// Feeds input to a fresh parser in the different ways a socket can deliver it.
internal static class ParserHarness
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    // One Parse call over the given sequence.
    public static ParseOutcome Once(ReadOnlySequence<byte> input, ParserSetup setup)
    {
        (ClientParser parser, RecordingHandler handler) = Create(setup);
        ReadOnlySequence<byte> buffer = input;
        ParseStatus status = parser.Parse(ref buffer, handler);
        return new ParseOutcome(status, handler.Calls, input.Length - buffer.Length);
    }

    // Successive reads, as from a PipeReader: each read parses the unconsumed remainder
    // followed by the next chunk (two segments), until an error or the input runs out.
    public static ParseOutcome Reads(IReadOnlyList<byte[]> chunks, ParserSetup setup)
    {
        (ClientParser parser, RecordingHandler handler) = Create(setup);
        byte[] remainder = [];
        long fed = 0;
        ParseStatus status = ParseStatus.NeedMoreData;
        foreach (byte[] chunk in chunks)
        {
            fed += chunk.Length;
            ReadOnlySequence<byte> buffer = TestSegment.Create(remainder, chunk);
            status = parser.Parse(ref buffer, handler);
            remainder = buffer.ToArray();
            if (status != ParseStatus.NeedMoreData)
            {
                break;
            }
        }

        return new ParseOutcome(status, handler.Calls, fed - remainder.Length);
    }

    // Checks the outcome of the whole input, then that the same outcome comes from every
    // two-segment cut, every two-read cut and one read per byte.
    public static void AssertEverySplit(ParserSetup setup, string text, ParseStatus status, params string[] calls)
    {
        byte[] input = Bytes(text);
        ParseOutcome whole = Once(new ReadOnlySequence<byte>(input), setup);
        Assert.Equal(status, whole.Status);
        Assert.Equal(calls, whole.Calls);
        if (status == ParseStatus.NeedMoreData)
        {
            Assert.Equal(input.Length, whole.Consumed);
        }

        AssertSplitsMatch(setup, input, whole);
    }

    public static void AssertEverySplit(string text, ParseStatus status, params string[] calls) =>
        AssertEverySplit(ParserSetup.Default, text, status, calls);

    // Every single cut point, as segments and as reads, plus byte-at-a-time reads.
    public static void AssertSplitsMatch(ParserSetup setup, byte[] input, ParseOutcome expected)
    {
        for (int cut = 0; cut <= input.Length; cut++)
        {
            int[] cuts = [cut];
            AssertSame(expected, Once(TestSegment.Split(input, cuts), setup), $"two segments cut at {cut}");
            AssertSame(expected, Reads(TestSegment.Chunks(input, cuts), setup), $"two reads cut at {cut}");
        }

        List<byte[]> bytes = input.Select(b => new[] { b }).ToList();
        AssertSame(expected, Reads(bytes, setup), "one read per byte");
    }

    public static void AssertSame(ParseOutcome expected, ParseOutcome actual, string how) =>
        Assert.True(
            expected.Status == actual.Status && expected.Consumed == actual.Consumed && expected.Calls.SequenceEqual(actual.Calls),
            $"{how}: expected {expected}, got {actual}");

    private static (ClientParser, RecordingHandler) Create(ParserSetup setup)
    {
        ClientParser parser = new()
        {
            Headers = setup.Headers,
            MaxControlLine = setup.MaxControlLine,
            MaxPayload = setup.MaxPayload,
            ConnectRequired = setup.ConnectRequired,
        };
        RecordingHandler handler = new()
        {
            Parser = parser,
            AdmitWithoutConnect = setup.AdmitWithoutConnect,
            StopAfter = setup.StopAfter,
            AfterConnect = setup.OnConnect is null ? null : () => setup.OnConnect(parser),
        };
        return (parser, handler);
    }
}
