using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// "stream" or "service" (Go ExportType); Unknown is the unset value and is not written.
[JsonConverter(typeof(JsonStringEnumConverter<ExportType>))]
public enum ExportType
{
    Unknown = 0,

    [JsonStringEnumMemberName("stream")]
    Stream = 1,

    [JsonStringEnumMemberName("service")]
    Service = 2,
}
