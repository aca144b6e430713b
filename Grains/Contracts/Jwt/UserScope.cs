using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// A scoped signing key (Go UserScope): users it signs carry no permissions or limits of their
/// own; the Template supplies them (spec/jwt.md §6). Template strings may hold {{name()}} and
/// similar placeholders, expanded by the server, not here. Go writes every field, even empty.
public sealed record UserScope
{
    public const string UserScopeKind = "user_scope";

    [JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Kind => UserScopeKind;

    [JsonPropertyName("key"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Key { get; init; } = "";

    [JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Role { get; init; } = "";

    /// Limits absent from the template's JSON mean unlimited (-1), unlike in a user JWT.
    [JsonPropertyName("template"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(ScopeTemplateConverter))]
    public UserPermissionLimits Template { get; init; } = new();

    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Description { get; init; } = "";
}
