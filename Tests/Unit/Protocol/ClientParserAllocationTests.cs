using System.Buffers;
using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Protocol;

// The parser is the broker's hot path: it must not allocate per op (STYLE.md rule 7).
public sealed class ClientParserAllocationTests
{
    private const int Ops = 2000;
    private static readonly byte[] Pub = "PUB foo.bar 16\r\n0123456789abcdef\r\n"u8.ToArray();

    [Fact]
    public void Allocation_manyPubsInOneSegment_allocatesZeroBytes()
    {
        byte[] input = new byte[Pub.Length * Ops];
        for (int i = 0; i < Ops; i++)
        {
            Pub.CopyTo(input, i * Pub.Length);
        }

        AssertParsesWithoutAllocating(new ReadOnlySequence<byte>(input));
    }

    [Fact]
    public void Allocation_manyPubsAcrossOddSizedSegments_allocatesZeroBytes()
    {
        // 97-byte segments cut control lines and payloads at ever-changing offsets, so lines go
        // through the scratch buffer and payloads span segments.
        byte[] input = new byte[Pub.Length * Ops];
        for (int i = 0; i < Ops; i++)
        {
            Pub.CopyTo(input, i * Pub.Length);
        }

        int[] cuts = Enumerable.Range(1, (input.Length - 1) / 97).Select(i => i * 97).ToArray();
        AssertParsesWithoutAllocating(TestSegment.Split(input, cuts));
    }

    private static void AssertParsesWithoutAllocating(ReadOnlySequence<byte> input)
    {
        ClientParser parser = new();
        CountingHandler handler = new();
        ReadOnlySequence<byte> warmup = input;
        parser.Parse(ref warmup, handler);

        ReadOnlySequence<byte> buffer = input;
        long before = GC.GetAllocatedBytesForCurrentThread();
        ParseStatus status = parser.Parse(ref buffer, handler);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ParseStatus.NeedMoreData, status);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(2 * Ops, handler.Pubs);
        Assert.Equal(0, allocated);
    }

    private sealed class CountingHandler : IClientOpHandler
    {
        public int Pubs { get; private set; }

        public bool OnOpBeforeConnect() => false;

        public bool OnConnect(ReadOnlySpan<byte> json) => true;

        public bool OnPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> payload)
        {
            Pubs++;
            return true;
        }

        public bool OnHPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message) => true;

        public bool OnSub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid) => true;

        public bool OnUnsub(ReadOnlySpan<byte> sid, long maxMessages) => true;

        public bool OnPing() => true;

        public bool OnPong() => true;
    }
}
