using Natrium.Contracts.JetStream;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams;

/// A stream snapshot as the API writers take it.
internal static class StreamViews
{
    public static StreamInfoView Info(StreamSnapshot snapshot) => new(
        StreamConfigJson.Parse(snapshot.ConfigJson).Value ?? throw new InvalidDataException("stored stream config does not parse"),
        snapshot.CreatedNanos,
        new StreamStateView(
            snapshot.Messages, snapshot.Bytes, snapshot.FirstSequence, snapshot.FirstTimestampNanos,
            snapshot.LastSequence, snapshot.LastTimestampNanos, snapshot.NumSubjects,
            (int)Math.Min(snapshot.NumDeleted, int.MaxValue), null, snapshot.Consumers));
}
