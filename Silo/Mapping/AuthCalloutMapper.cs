using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `authorization { auth_callout { issuer, auth_users, account, xkey, allowed_accounts } }`
/// (spec/auth_callout.md §1) with nats-server's key aliases and texts (opts.go parseAuthCallout),
/// plus Natrium's `local_first`. Whether the account and users exist is checked once the whole
/// file is read (AuthCalloutConfigValidator).
internal static class AuthCalloutMapper
{
    public static AuthCalloutConfig? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"Expected authorization callout to be a map/struct, got {ConfReading.GoType(entry.Value)}");
            return null;
        }

        var callout = new AuthCalloutConfig();
        var valid = true;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "issuer":
                    var issuer = ConfReading.String(e, diagnostics) ?? "";
                    if (!NKeyEncoding.TryDecodePublicKey(issuer, NKeyPrefix.Account, out _))
                    {
                        diagnostics.Error(e.Value.Position, $"Expected callout user to be a valid public account nkey, got \"{issuer}\"");
                        valid = false;
                    }

                    callout = callout with { Issuer = issuer };
                    break;
                case "account" or "acc":
                    callout = callout with { Account = ConfReading.String(e, diagnostics) ?? callout.Account };
                    break;
                case "auth_users" or "users":
                    callout = callout with { AuthUsers = Strings(e, "auth_users", diagnostics) };
                    break;
                case "xkey" or "key":
                    var xkey = ConfReading.String(e, diagnostics) ?? "";
                    if (!NKeyEncoding.TryDecodePublicKey(xkey, NKeyPrefix.Curve, out _))
                    {
                        diagnostics.Error(e.Value.Position, $"Expected callout xkey to be a valid public xkey, got \"{xkey}\"");
                        valid = false;
                    }

                    callout = callout with { XKey = xkey };
                    break;
                case "allowed_accounts":
                    callout = callout with { AllowedAccounts = Strings(e, "allowed accounts", diagnostics) };
                    break;
                case "local_first":
                    callout = callout with { LocalFirst = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"Unknown field \"{e.Key}\" parsing authorization callout");
                    }

                    break;
            }
        }

        if (string.IsNullOrEmpty(callout.Issuer) && valid)
        {
            diagnostics.Error(entry.Value.Position, "Authorization callouts require an issuer to be specified");
            valid = false;
        }

        if (callout.AuthUsers.Count == 0 && valid)
        {
            diagnostics.Error(entry.Value.Position, "Authorization callouts require authorized users to be specified");
            valid = false;
        }

        return valid ? callout : null;
    }

    private static string[] Strings(ConfEntry entry, string what, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfArray array)
        {
            diagnostics.Error(entry.Value.Position, $"Expected {what} field to be an array, got {ConfReading.GoType(entry.Value)}");
            return [];
        }

        return [.. array.Items.Select(i => i is ConfString s ? s.Value : i.ToString() ?? "")];
    }
}
