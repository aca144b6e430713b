namespace Natrium.Grains.Streams.Api;

/// The StreamInfo fields (`config, created, state, domain`) as 2.9.10 embeds them in the
/// create, update, info and list answers (spec/jetstream.md §2.2, §2.3).
internal static class StreamInfoJson
{
    /// Writes the fields into the object json is in. `domain` is omitted when empty; 2.9.10 leaves
    /// it out of the create answer and writes it in update, info and list.
    public static GoJsonWriter WriteFields(
        GoJsonWriter json, StreamInfoView info, string? domain, IReadOnlyList<KeyValuePair<string, ulong>>? subjects = null)
    {
        StreamConfigJson.Write(json.Name("config"), info.Config);
        json.Name("created").Time(info.CreatedNanos);
        WriteState(json.Name("state"), info.State, subjects);
        return json.PropertyIfSet("domain", domain);
    }

    public static GoJsonWriter Write(GoJsonWriter json, StreamInfoView info, string? domain) =>
        WriteFields(json.BeginObject(), info, domain).EndObject();

    private static void WriteState(GoJsonWriter json, StreamStateView state, IReadOnlyList<KeyValuePair<string, ulong>>? subjects)
    {
        json.BeginObject()
            .Property("messages", state.Messages)
            .Property("bytes", state.Bytes)
            .Property("first_seq", state.FirstSeq)
            .Name("first_ts").Time(state.FirstTimeNanos)
            .Property("last_seq", state.LastSeq)
            .Name("last_ts").Time(state.LastTimeNanos)
            .PropertyIfSet("num_subjects", state.NumSubjects);
        if (subjects is { Count: > 0 })
        {
            json.Name("subjects").BeginObject();
            foreach (var (subject, count) in subjects)
            {
                json.Property(subject, count);
            }

            json.EndObject();
        }

        json.PropertyIfSet("num_deleted", state.NumDeleted);
        if (state.Deleted is { Count: > 0 } deleted)
        {
            json.Name("deleted").BeginArray();
            foreach (ulong sequence in deleted)
            {
                json.Number(sequence);
            }

            json.EndArray();
        }

        json.Property("consumer_count", state.ConsumerCount).EndObject();
    }
}
