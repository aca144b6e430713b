using Natrium.Contracts.Accounts;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// A stream import, compiled for the exporting account's routing: messages published there
/// on Subject are also delivered in Target under the transformed subject (accounts.md §4).
internal sealed record StreamImportRoute(byte[] Subject, AccountRouting Target, SubjectTransform Transform)
{
    private static readonly byte[] NoMatch = [];

    /// Published subject → subject in Target (or NoMatch): computed once per subject, then a
    /// lock-free lookup that allocates nothing.
    private readonly SubjectMatchCache<byte[]> _mapped = new(256);

    /// The subject to deliver under in Target, or null when this import does not cover it.
    public byte[]? Map(ReadOnlySpan<byte> published)
    {
        if (!_mapped.TryGet(published, 0, out var mapped))
        {
            mapped = SubjectMatcher.Matches(Subject, published)
                ? SubjectText.ToBytes(Transform.Apply(SubjectText.FromBytes(published)))
                : NoMatch;
            _mapped.Set(published, 0, mapped);
        }

        return ReferenceEquals(mapped, NoMatch) ? null : mapped;
    }
}
