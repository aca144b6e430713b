using Natrium.Contracts.Subjects;
using static Natrium.Tests.Unit.Subjects.Utf8;

namespace Natrium.Tests.Unit.Subjects;

public sealed class ByteArrayComparerTests
{
    [Fact]
    public void AlternateLookup_spanOfEqualBytes_findsArrayKey()
    {
        var dictionary = new Dictionary<byte[], int>(ByteArrayComparer.Instance) { [B("foo")] = 1, [B("bar")] = 2 };
        var lookup = dictionary.GetAlternateLookup<ReadOnlySpan<byte>>();

        byte[] buffer = B("xfoox");
        Assert.True(lookup.TryGetValue(buffer.AsSpan(1, 3), out int value));
        Assert.Equal(1, value);
        Assert.False(lookup.TryGetValue(B("fo"), out _));
    }

    [Fact]
    public void AlternateLookup_addBySpan_copiesKey()
    {
        var dictionary = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
        byte[] buffer = B("foo");
        dictionary.GetAlternateLookup<ReadOnlySpan<byte>>()[buffer] = 7;
        buffer[0] = (byte)'g';

        Assert.True(dictionary.TryGetValue(B("foo"), out int value));
        Assert.Equal(7, value);
    }

    [Fact]
    public void Comparer_arrayAndSpan_hashAndCompareAlike()
    {
        var comparer = ByteArrayComparer.Instance;
        byte[] key = B("foo.bar");

        Assert.Equal(comparer.GetHashCode(key), comparer.GetHashCode((ReadOnlySpan<byte>)B("foo.bar")));
        Assert.True(comparer.Equals(key, B("foo.bar")));
        Assert.True(comparer.Equals((ReadOnlySpan<byte>)B("foo.bar"), key));
        Assert.False(comparer.Equals(key, B("foo.baz")));
        Assert.False(comparer.Equals(key, null));
        Assert.True(comparer.Equals(null, null));
    }
}
