using System.IO.Hashing;
using System.Text;

namespace Natrium.Grains.Streams;

/// Subject strings of published subjects, so that a stream receiving the same subjects over
/// and over decodes each once (the store keys its subject index by string). A fixed table of
/// recent subjects: a miss costs one decode, never unbounded memory.
internal sealed class SubjectCache
{
    private const int Slots = 1024;
    private readonly (byte[] Bytes, string Text)?[] _slots = new (byte[], string)?[Slots];

    public string Get(ReadOnlySpan<byte> subject)
    {
        var slot = (int)(XxHash3.HashToUInt64(subject) % Slots);
        if (_slots[slot] is { } hit && subject.SequenceEqual(hit.Bytes))
        {
            return hit.Text;
        }

        var text = Encoding.UTF8.GetString(subject);
        _slots[slot] = (subject.ToArray(), text);
        return text;
    }
}
