namespace Natrium.Grains.Streams.Consumers;

/// Stream sequences First..Last (inclusive) a consumer no longer needs, for interest and
/// workqueue retention (ConsumerEngine.DrainAcked).
internal readonly record struct SequenceRange(ulong First, ulong Last);
