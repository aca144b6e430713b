namespace Natrium.Grains.Streams.Api;

/// A StreamConfig as 2.9.10 marshals it (Go struct order, its `omitempty`s; spec/jetstream.md
/// §2.2 example, verified): description, subjects, max_msg_size, duplicate_window and
/// discard_new_per_subject are left out when empty, everything else is always written.
internal static class StreamConfigJson
{
    public static GoJsonWriter Write(GoJsonWriter json, StreamConfig cfg)
    {
        json.BeginObject()
            .Property("name", cfg.Name ?? "")
            .PropertyIfSet("description", cfg.Description);
        if (cfg.Subjects is { Count: > 0 } subjects)
        {
            json.StringArray("subjects", subjects);
        }

        return json
            .Name("retention").String(GoEnums.Retention.Name(cfg.Retention))
            .Property("max_consumers", cfg.MaxConsumers)
            .Property("max_msgs", cfg.MaxMsgs)
            .Property("max_bytes", cfg.MaxBytes)
            .Property("max_age", cfg.MaxAgeNanos)
            .Property("max_msgs_per_subject", cfg.MaxMsgsPerSubject)
            .PropertyIfSet("max_msg_size", cfg.MaxMsgSize)
            .Name("discard").String(GoEnums.Discard.Name(cfg.Discard))
            .Name("storage").String(GoEnums.Storage.Name(cfg.Storage))
            .Property("num_replicas", cfg.Replicas)
            .PropertyIfSet("duplicate_window", cfg.DuplicateWindowNanos)
            .Property("allow_direct", cfg.AllowDirect)
            .Property("mirror_direct", cfg.MirrorDirect)
            .PropertyIfSet("discard_new_per_subject", cfg.DiscardNewPerSubject)
            .Property("sealed", cfg.Sealed)
            .Property("deny_delete", cfg.DenyDelete)
            .Property("deny_purge", cfg.DenyPurge)
            .Property("allow_rollup_hdrs", cfg.AllowRollup)
            .EndObject();
    }

    public static byte[] ToBytes(StreamConfig cfg) => Write(new GoJsonWriter(), cfg).ToArray();

    /// Reads a StreamConfig request body; malformed → `400/10025 invalid JSON`, including a
    /// max_msg_size outside Go's int32 (verified on 2.9.10 with 3000000000).
    public static ApiResult<StreamConfig> Parse(ReadOnlySpan<byte> body) =>
        JsJson.TryRead(body, out StreamConfig cfg) && cfg.MaxMsgSize is >= int.MinValue and <= int.MaxValue
            ? cfg
            : JsErrors.InvalidJson;
}
