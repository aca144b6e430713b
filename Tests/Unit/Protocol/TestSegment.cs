using System.Buffers;

namespace Natrium.Tests.Unit.Protocol;

// A segment of a hand-built ReadOnlySequence, so tests can cut input wherever they like.
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    private TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    // Each part gets its own array, so a parser that reads past a segment's end fails loudly
    // instead of silently seeing the next bytes of a shared array.
    public static ReadOnlySequence<byte> Create(params ReadOnlySpan<byte[]> parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        TestSegment first = new(parts[0].ToArray(), 0);
        TestSegment last = first;
        for (int i = 1; i < parts.Length; i++)
        {
            TestSegment next = new(parts[i].ToArray(), last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    // Cuts data at the given ascending offsets (0 and data.Length give empty segments).
    public static ReadOnlySequence<byte> Split(byte[] data, IReadOnlyList<int> cuts) =>
        Create(Chunks(data, cuts).ToArray());

    public static List<byte[]> Chunks(byte[] data, IReadOnlyList<int> cuts)
    {
        List<byte[]> chunks = new(cuts.Count + 1);
        int from = 0;
        foreach (int cut in cuts)
        {
            chunks.Add(data[from..cut]);
            from = cut;
        }

        chunks.Add(data[from..]);
        return chunks;
    }
}
