namespace Natrium.Contracts.Subjects;

/// Compares byte arrays by content. As an alternate comparer it lets a Dictionary keyed by
/// `byte[]` be probed with a `ReadOnlySpan<byte>` slice of the receive buffer, so lookups on the
/// hot path allocate nothing: `dictionary.GetAlternateLookup<ReadOnlySpan<byte>>()`.
public sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    private ByteArrayComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return GetHashCode((ReadOnlySpan<byte>)obj);
    }

    // HashCode is seeded randomly per process, so clients cannot pick subjects that all land in
    // one bucket (hash flooding). Both key shapes must hash alike, hence one implementation.
    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
