using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// Permissions and limits of a user (Go UserPermissionLimits, flattened as Go's embedded structs
/// are): the body of user claims and the template of a scoped signing key. Fields are in Go's
/// order. Limits: -1 = unlimited, 0 = zero; an absent limit reads as 0 here (spec/jwt.md §6),
/// but as -1 in a scope template (ScopeTemplateConverter).
public record UserPermissionLimits
{
    public const long NoLimit = -1;

    /// Go writes `pub` and `sub` even when empty (`{}`).
    [JsonPropertyName("pub")]
    public Permission Pub { get; init; } = new();

    [JsonPropertyName("sub")]
    public Permission Sub { get; init; } = new();

    [JsonPropertyName("resp")]
    public JwtResponsePermission? Resp { get; init; }

    /// Allowed client CIDRs. Input may also be one comma-separated string.
    [JsonPropertyName("src"), JsonConverter(typeof(CidrListConverter))]
    public IReadOnlyList<string> Src { get; init; } = [];

    [JsonPropertyName("times")]
    public IReadOnlyList<TimeRange> Times { get; init; } = [];

    /// IANA zone for Times; absent = server local time.
    [JsonPropertyName("times_location")]
    public string? TimesLocation { get; init; }

    [JsonPropertyName("subs")]
    public long Subs { get; init; }

    [JsonPropertyName("data")]
    public long Data { get; init; }

    [JsonPropertyName("payload")]
    public long Payload { get; init; }

    [JsonPropertyName("bearer_token")]
    public bool BearerToken { get; init; }

    [JsonPropertyName("proxy_required")]
    public bool ProxyRequired { get; init; }

    /// STANDARD, WEBSOCKET, LEAFNODE, LEAFNODE_WS, MQTT, MQTT_WS, IN_PROCESS.
    [JsonPropertyName("allowed_connection_types")]
    public IReadOnlyList<string> AllowedConnectionTypes { get; init; } = [];

    /// True when nothing is set (Go HasEmptyPermissions): what a user issued by a scoped signing
    /// key must look like (spec/jwt.md §6).
    [JsonIgnore]
    public bool HasNoPermissionsOrLimits =>
        Pub.IsEmpty && Sub.IsEmpty && Resp is null && Src.Count == 0 && Times.Count == 0 &&
        string.IsNullOrEmpty(TimesLocation) && Subs == 0 && Data == 0 && Payload == 0 &&
        !BearerToken && !ProxyRequired && AllowedConnectionTypes.Count == 0;
}
