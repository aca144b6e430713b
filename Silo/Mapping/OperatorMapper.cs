using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// The operator-mode keys (spec/jwt.md §8) as nats-server 2.9.10 reads them (opts.go
/// processConfigFileLine), with its texts and the position of the key (or of the item or map
/// entry at fault). The resolver has its own mapper; the checks across keys run once every key
/// is read (TrustedOperatorsBuilder).
internal static class OperatorMapper
{
    public static OperatorSettings Apply(OperatorSettings settings, ConfEntry entry, ConfDiagnostics diagnostics) =>
        entry.Key.ToLowerInvariant() switch
        {
            "operator" or "operators" or "root" or "roots" or "root_operator" or "root_operators" =>
                settings with { Operators = Operators(entry, diagnostics) },
            "trusted" or "trusted_keys" => settings with { TrustedKeys = TrustedKeys(entry, diagnostics) },
            "resolver" or "account_resolver" or "accounts_resolver" => settings with
            {
                Resolver = ResolverMapper.Map(entry, diagnostics),
                HasResolverKey = true,
            },
            "resolver_preload" => settings with { Preload = Preload(entry, diagnostics) },
            "resolver_pinned_accounts" => settings with
            {
                PinnedAccounts = Strings(entry, "resolver_pinned_accounts", diagnostics).Select(s => s.Value).ToList(),
            },
            "default_sentinel" => settings with { DefaultSentinel = ConfReading.String(entry, diagnostics) },
            _ => settings,
        };

    /// A string or a list of strings, each a JWT file or an inline JWT. 2.9.10 refuses a list
    /// ("error parsing operators: unsupported type []interface {}", seen on 2.9.10); later
    /// versions take one, and so does Natrium.
    private static List<LoadedOperator> Operators(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var loaded = new List<LoadedOperator>();
        foreach (var (value, _) in Strings(entry, "operators", diagnostics))
        {
            var (jwt, claims, error) = OperatorJwtReader.Read(value);
            if (error is not null)
            {
                diagnostics.Error(entry.KeyPosition, $"error parsing operator JWT: {error}");
            }
            else
            {
                loaded.Add(new LoadedOperator(jwt!, claims!));
            }
        }

        return loaded;
    }

    private static List<string> TrustedKeys(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var keys = Strings(entry, "trusted", diagnostics);
        foreach (var (key, at) in keys)
        {
            if (!IsPublicKey(key, NKeyPrefix.Operator))
            {
                diagnostics.Error(at, $"trust key \"{key}\" required to be a valid public operator nkey");
            }
        }

        return keys.Select(k => k.Value).ToList();
    }

    /// Each value must decode as an account JWT (signature included: "invalid account JWT",
    /// seen on 2.9.10, which accepts a self-signed one here). Natrium also refuses a key that
    /// is not the JWT's subject, which 2.9.10 accepts at start and then fails to load
    /// ("account validation failed"); the text is nats-server's for the same mismatch on a push.
    private static Dictionary<string, string> Preload(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var preload = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.KeyPosition, "preload should be a map of account_public_key:account_jwt");
            return preload;
        }

        foreach (var e in map.Entries)
        {
            if (e.Value is not ConfString { Value: var jwt })
            {
                diagnostics.Error(e.KeyPosition, "preload map value should be a string JWT");
                continue;
            }

            var decoded = JwtDecoder.Decode<AccountClaims>(jwt);
            if (!decoded.IsValid)
            {
                diagnostics.Error(e.KeyPosition, "invalid account JWT");
                continue;
            }

            if (decoded.Claims.Subject != e.Key)
            {
                diagnostics.Error(e.KeyPosition, $"preload account error for \"{e.Key}\": subject does not match jwt content");
                continue;
            }

            // nats-server logs these at start (checkResolvePreloads) and runs anyway.
            var times = decoded.Claims.CheckTimes(DateTimeOffset.UtcNow);
            if (times != JwtTimeStatus.Valid)
            {
                var issue = times == JwtTimeStatus.Expired ? "claim is expired" : "claim is not yet valid";
                diagnostics.Notice(e.KeyPosition, $"Account [{e.Key}] has validation issues: {issue}");
            }

            preload[e.Key] = jwt;
        }

        return preload;
    }

    /// A string or a list of strings, with nats-server's "error parsing <name>: unsupported
    /// type <Go type>" for anything else.
    private static List<(string Value, ConfPosition At)> Strings(ConfEntry entry, string name, ConfDiagnostics diagnostics)
    {
        switch (entry.Value)
        {
            case ConfString s:
                return [(s.Value, entry.KeyPosition)];
            case ConfArray a:
                var items = new List<(string, ConfPosition)>();
                foreach (var item in a.Items)
                {
                    if (item is ConfString s)
                    {
                        items.Add((s.Value, s.Position));
                    }
                    else
                    {
                        diagnostics.Error(item.Position, $"error parsing {name}: unsupported type in array {ConfReading.GoType(item)}");
                    }
                }

                return items;
            default:
                diagnostics.Error(entry.KeyPosition, $"error parsing {name}: unsupported type {ConfReading.GoType(entry.Value)}");
                return [];
        }
    }

    internal static bool IsPublicKey(string key, NKeyPrefix role) => NKeyEncoding.TryDecodePublicKey(key, role, out _);
}
