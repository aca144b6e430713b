using Natrium.Contracts.Accounts;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// An account's subject mappings (spec/accounts.md §6), applied to every client publish before
/// permission checks and matching; one mapping per publish, no chaining. Weighted mappings
/// draw 0–99 per message; a remainder below 100 keeps the source subject unless the source is
/// itself listed, in which case the message is dropped.
internal sealed class AccountMappings
{
    private readonly Mapping[] _mappings;

    public AccountMappings(IReadOnlyList<SubjectMapping> mappings) =>
        _mappings = mappings.Select(m => new Mapping(m)).ToArray();

    public bool IsEmpty => _mappings.Length == 0;

    /// The subject to publish on: the original (no mapping matched), a mapped one, or null
    /// when a weighted mapping drops the message.
    public byte[]? Map(ReadOnlySpan<byte> subject, out bool mapped)
    {
        foreach (var mapping in _mappings)
        {
            if (SubjectMatcher.Matches(mapping.Source, subject))
            {
                mapped = true;
                return mapping.Apply(SubjectText.FromBytes(subject));
            }
        }

        mapped = false;
        return null;
    }

    private sealed class Mapping(SubjectMapping config)
    {
        private readonly (int UpTo, SubjectTransform Transform, string Destination)[] _weighted = Cumulative(config);
        private readonly bool _sourceListed = config.Destinations.Any(d => d.Subject == config.Source);

        public byte[] Source { get; } = SubjectText.ToBytes(config.Source);

        public byte[]? Apply(string subject)
        {
            if (_weighted.Length == 1 && _weighted[0].UpTo >= 100)
            {
                return SubjectText.ToBytes(_weighted[0].Transform.Apply(subject));
            }

            var draw = Random.Shared.Next(100);
            foreach (var (upTo, transform, _) in _weighted)
            {
                if (draw < upTo)
                {
                    return SubjectText.ToBytes(transform.Apply(subject));
                }
            }

            return _sourceListed ? null : SubjectText.ToBytes(subject);
        }

        /// Destinations sorted by weight ascending, as cumulative bounds (nats-server's order).
        private static (int, SubjectTransform, string)[] Cumulative(SubjectMapping config)
        {
            var total = 0;
            return config.Destinations
                .Where(d => d.Cluster is null)
                .OrderBy(d => d.Weight)
                .Select(d => (total += d.Weight, SubjectTransform.Create(config.Source, d.Subject, null), d.Subject))
                .ToArray();
        }
    }
}
