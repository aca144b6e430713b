using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Auth.Callout;

/// The checks on auth_callout that need the whole file (spec/auth_callout.md §1). nats-server
/// refuses an unknown allowed account (opts.go) and only logs a missing callout account or auth
/// user (auth.go configureAuthorization), after which every callout fails; Natrium refuses all
/// three at startup with those texts, as a server that can authenticate nobody is a broken one.
internal static class AuthCalloutConfigValidator
{
    public static IReadOnlyList<string> Validate(AuthCalloutConfig? callout, IReadOnlyList<UserConfig> users, IEnumerable<string> accounts)
    {
        if (callout is null)
        {
            return [];
        }

        var errors = new List<string>();
        var known = new HashSet<string>(accounts, StringComparer.Ordinal) { AccountNames.Global };
        if (!known.Contains(callout.Account))
        {
            errors.Add($"Authorization callout account \"{callout.Account}\" not valid");
        }

        foreach (var user in callout.AuthUsers)
        {
            if (!users.Any(u => u.Name == user || u.Nkey == user))
            {
                errors.Add($"Authorization callout user \"{user}\" not valid");
            }
        }

        foreach (var account in callout.AllowedAccounts)
        {
            if (!known.Contains(account) || account == AccountNames.Global)
            {
                errors.Add($"auth_callout allowed account \"{account}\" not found in configured accounts");
            }
        }

        return errors;
    }
}
