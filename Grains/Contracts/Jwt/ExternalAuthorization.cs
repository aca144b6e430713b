using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// An account's `authorization` block: auth callout in operator mode (spec/auth_callout.md §1).
/// Enabled iff AuthUsers is non-empty.
public sealed record ExternalAuthorization
{
    public const string AnyAccount = "*";

    /// U… keys that authenticate normally and run the callout service.
    [JsonPropertyName("auth_users")]
    public IReadOnlyList<string> AuthUsers { get; init; } = [];

    /// A… keys the service may place users in, or just "*".
    [JsonPropertyName("allowed_accounts")]
    public IReadOnlyList<string> AllowedAccounts { get; init; } = [];

    /// The service's X… curve key; requests are encrypted when set.
    [JsonPropertyName("xkey")]
    public string? XKey { get; init; }

    [JsonIgnore]
    public bool IsEnabled => AuthUsers.Count > 0;
}
