using System.Buffers;
using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Protocol.ParserHarness;

namespace Natrium.Tests.Unit.Protocol;

// Input spread over many segments and reads: payload slices, empty segments, and a seeded
// random corpus of valid op streams cut at random points (spec/protocol.md §1).
public sealed class ClientParserSegmentTests
{
    [Fact]
    public void Payload_spanningManySegments_isPassedAsSliceOfTheSequence()
    {
        byte[] payload = new byte[3000];
        new Random(7).NextBytes(payload);
        byte[] input = [.. Bytes("PUB big 3000\r\n"), .. payload, .. Bytes("\r\nPING\r\n")];
        int[] cuts = Enumerable.Range(1, input.Length / 100).Select(i => i * 100).ToArray();
        ClientParser parser = new();
        RecordingHandler handler = new();
        ReadOnlySequence<byte> buffer = TestSegment.Split(input, cuts);

        ParseStatus status = parser.Parse(ref buffer, handler);

        Assert.Equal(ParseStatus.NeedMoreData, status);
        Assert.True(buffer.IsEmpty);
        Assert.Equal([$"PUB big [{RecordingHandler.Text(payload)}]", "PING"], handler.Calls);
        Assert.Equal(31, handler.PayloadSegments[0]);
    }

    [Fact]
    public void Payload_insideFirstOfSeveralSegments_isSliceOfThatSegment()
    {
        ReadOnlySequence<byte> buffer = TestSegment.Create(Bytes("PUB a 2\r\nhi\r\nHPUB b 0 2\r\nyo\r\n"), Bytes("PING\r\n"));
        object? firstSegment = buffer.Start.GetObject();
        RecordingHandler handler = new();

        ParseStatus status = new ClientParser { Headers = true }.Parse(ref buffer, handler);

        Assert.Equal(ParseStatus.NeedMoreData, status);
        Assert.Equal(["PUB a [hi]", "HPUB b 0 [yo]", "PING"], handler.Calls);
        Assert.All(handler.PayloadOwners, owner => Assert.Same(firstSegment, owner));
    }

    [Fact]
    public void Segments_emptyOnesInterleaved_areSkipped()
    {
        ParseOutcome outcome = Once(
            TestSegment.Create([], Bytes("PI"), [], [], Bytes("NG\r\nPUB a 2\r"), [], Bytes("\nh"), Bytes("i\r\n"), []),
            ParserSetup.Default);

        Assert.Equal(ParseStatus.NeedMoreData, outcome.Status);
        Assert.Equal(["PING", "PUB a [hi]"], outcome.Calls);
        Assert.Equal(19, outcome.Consumed);
    }

    [Fact]
    public void Reads_payloadArrivingSlowly_isReparsedFromItsControlLine()
    {
        ClientParser parser = new();
        RecordingHandler handler = new();
        ReadOnlySequence<byte> buffer = new(Bytes("PING\r\nPUB foo 5\r\nhel"));

        Assert.Equal(ParseStatus.NeedMoreData, parser.Parse(ref buffer, handler));
        Assert.Equal("PUB foo 5\r\nhel", RecordingHandler.Text(buffer.ToArray()));

        buffer = TestSegment.Create(buffer.ToArray(), Bytes("lo\r"));
        Assert.Equal(ParseStatus.NeedMoreData, parser.Parse(ref buffer, handler));
        Assert.Equal(17, buffer.Length);

        buffer = TestSegment.Create(buffer.ToArray(), Bytes("\n"));
        Assert.Equal(ParseStatus.NeedMoreData, parser.Parse(ref buffer, handler));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(["PING", "PUB foo [hello]"], handler.Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Corpus_randomValidStreamCutAtRandomPoints_givesGeneratedCalls(int seed)
    {
        RandomOpCorpus corpus = new(seed);
        byte[] input = corpus.Build(ops: 60);
        ParseOutcome expected = new(ParseStatus.NeedMoreData, corpus.Calls, input.Length);
        Random random = new(seed * 7919);

        AssertSame(expected, Once(new ReadOnlySequence<byte>(input), ParserSetup.Default), "whole");
        for (int round = 0; round < 200; round++)
        {
            int[] cuts = RandomCuts(random, input.Length);
            string how = $"seed {seed}, cuts {string.Join(",", cuts)}";
            AssertSame(expected, Once(TestSegment.Split(input, cuts), ParserSetup.Default), how + " as segments");
            AssertSame(expected, Reads(TestSegment.Chunks(input, cuts), ParserSetup.Default), how + " as reads");
        }
    }

    [Fact]
    public void Corpus_smallStream_matchesAtEverySplit()
    {
        RandomOpCorpus corpus = new(42);
        byte[] input = corpus.Build(ops: 12);

        AssertSplitsMatch(ParserSetup.Default, input, new ParseOutcome(ParseStatus.NeedMoreData, corpus.Calls, input.Length));
    }

    private static int[] RandomCuts(Random random, int length)
    {
        int count = 1 + random.Next(random.Next(2) == 0 ? 4 : 40);
        int[] cuts = new int[count];
        for (int i = 0; i < count; i++)
        {
            cuts[i] = random.Next(length + 1);
        }

        Array.Sort(cuts);
        return cuts;
    }
}
