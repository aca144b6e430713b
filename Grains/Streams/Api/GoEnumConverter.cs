using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// Reads and writes nats-server's policy enums as its UnmarshalJSON/MarshalJSON do
/// (server/store.go, 2.9.10): the value must be a JSON string from a fixed list, matched exactly
/// (only `discard` ignores case). A number, `null` or an unknown name fails, which the request
/// parsers turn into `400/10025 invalid JSON` (verified on 2.9.10: `"retention":1`,
/// `"retention":"Limits"` and `"retention":null` are all invalid JSON; `"discard":"NEW"` is new).
internal sealed class GoEnumConverter<T>(IReadOnlyDictionary<string, T> values, bool ignoreCase = false)
    : JsonConverter<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _names = values
        .GroupBy(pair => pair.Value)
        .ToDictionary(group => group.Key, group => group.First().Key);

    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            string text = reader.GetString()!;
            if (values.TryGetValue(ignoreCase ? text.ToLowerInvariant() : text, out var value))
            {
                return value;
            }
        }

        throw new JsonException($"can not unmarshal {typeof(T).Name}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Name(value));

    /// The wire name; the first listed name wins where two map to one value.
    public string Name(T value) => _names[value];
}

/// The converters for the contract enums, with 2.9.10's lists.
internal static class GoEnums
{
    public static GoEnumConverter<RetentionPolicy> Retention { get; } = new(new Dictionary<string, RetentionPolicy>
    {
        ["limits"] = RetentionPolicy.Limits,
        ["interest"] = RetentionPolicy.Interest,
        ["workqueue"] = RetentionPolicy.WorkQueue,
    });

    public static GoEnumConverter<DiscardPolicy> Discard { get; } = new(
        new Dictionary<string, DiscardPolicy> { ["old"] = DiscardPolicy.Old, ["new"] = DiscardPolicy.New },
        ignoreCase: true);

    // 2.9.10 also parses "any", then panics creating the stream (seen on 2.9.10): refused here.
    public static GoEnumConverter<StorageType> Storage { get; } = new(new Dictionary<string, StorageType>
    {
        ["file"] = StorageType.File,
        ["memory"] = StorageType.Memory,
    });

    public static GoEnumConverter<AckPolicy> Ack { get; } = new(new Dictionary<string, AckPolicy>
    {
        ["none"] = AckPolicy.None,
        ["all"] = AckPolicy.All,
        ["explicit"] = AckPolicy.Explicit,
    });

    public static GoEnumConverter<ReplayPolicy> Replay { get; } = new(new Dictionary<string, ReplayPolicy>
    {
        ["instant"] = ReplayPolicy.Instant,
        ["original"] = ReplayPolicy.Original,
    });

    // "undefined" reads as all, as in 2.9.10.
    public static GoEnumConverter<DeliverPolicy> Deliver { get; } = new(new Dictionary<string, DeliverPolicy>
    {
        ["all"] = DeliverPolicy.All,
        ["undefined"] = DeliverPolicy.All,
        ["last"] = DeliverPolicy.Last,
        ["new"] = DeliverPolicy.New,
        ["by_start_sequence"] = DeliverPolicy.ByStartSequence,
        ["by_start_time"] = DeliverPolicy.ByStartTime,
        ["last_per_subject"] = DeliverPolicy.LastPerSubject,
    });
}
