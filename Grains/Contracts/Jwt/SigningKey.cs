using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// One entry of an account's `signing_keys`: a plain A… key, written as a string, or a scoped
/// key, written as its UserScope object (spec/jwt.md §4). Go keeps them in a map and writes them
/// sorted by key; we keep the list order.
[JsonConverter(typeof(SigningKeyConverter))]
public sealed record SigningKey
{
    private SigningKey(string key, UserScope? scope)
    {
        Key = key;
        Scope = scope;
    }

    public string Key { get; }

    /// Null for a plain signing key.
    public UserScope? Scope { get; }

    public bool IsScoped => Scope is not null;

    public static SigningKey Plain(string key) => new(key, null);

    public static SigningKey Scoped(UserScope scope) => new(scope.Key, scope);
}
