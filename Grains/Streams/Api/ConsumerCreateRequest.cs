using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// The CONSUMER.CREATE body `{"stream_name":…,"config":{…}}` (spec/jetstream.md §4.1). 2.10's
/// `action` and `filter_subjects` are not fields here, so they are ignored as 2.9.10 ignores them.
internal sealed record ConsumerCreateRequest
{
    [JsonPropertyName("stream_name")] public string? StreamName { get; init; }
    [JsonPropertyName("config")] public ConsumerConfig? Config { get; init; }

    /// An empty or malformed body is `400/10025 invalid JSON` (verified on 2.9.10); a missing
    /// or null `config` is the zero config, as in Go.
    public static ApiResult<ConsumerCreateRequest> Parse(ReadOnlySpan<byte> body)
    {
        if (!JsJson.TryRead(body, out ConsumerCreateRequest request))
        {
            return JsErrors.InvalidJson;
        }

        return request with { Config = request.Config ?? new ConsumerConfig() };
    }
}
