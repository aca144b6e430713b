using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Auth;

/// The start-up checks nats-server makes on authentication settings, with its exact texts
/// (spec/auth.md §2, §5, §9; spec/authorization.md §2). Warnings do not stop a start.
internal static class AuthorizationValidator
{
    public static (List<string> Errors, List<string> Warnings) Validate(AuthorizationConfig config)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        if (config.Token is not null && config.User is not null)
        {
            errors.Add("Cannot have a user/pass and token");
        }

        if (config.Users.Count > 0 && config.User is not null)
        {
            errors.Add("Can not have a single user/pass and a users array");
        }

        if (config.Users.Count > 0 && config.Token is not null)
        {
            errors.Add("Can not have a token and a users array");
        }

        if (config.HasAccounts && config.User is not null)
        {
            errors.Add("Can not have a single user/pass and accounts");
        }

        if (config.HasAccounts && config.Token is not null)
        {
            errors.Add("Can not have a token and accounts");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var nkeys = new HashSet<string>(StringComparer.Ordinal);
        var plaintext = config.Password is not null && !SecretComparer.IsBcrypt(config.Password);
        plaintext |= config.Token is not null && !SecretComparer.IsBcrypt(config.Token);
        foreach (var user in config.Users)
        {
            if (user.Nkey is not null)
            {
                if (user.Name is not null || user.Password is not null)
                {
                    errors.Add("Nkey users do not take usernames or passwords");
                }

                if (!NKeyEncoding.TryDecodePublicKey(user.Nkey, NKeyPrefix.User, out _))
                {
                    errors.Add("Not a valid public nkey for a user");
                }
                else if (!nkeys.Add(user.Nkey))
                {
                    errors.Add($"Duplicate nkey \"{user.Nkey}\" detected");
                }
            }
            else if (user.Name is not null && !names.Add(user.Name))
            {
                errors.Add($"Duplicate user \"{user.Name}\" detected");
            }

            plaintext |= user.Password is not null && !SecretComparer.IsBcrypt(user.Password);
            ValidatePermissions(user.Permissions, errors);
        }

        ValidatePermissions(config.SingleUserPermissions, errors);
        if (config.NoAuthUser is { } noAuth)
        {
            if (config.Users.Count == 0)
            {
                errors.Add($"no_auth_user: \"{noAuth}\" present, but users/nkeys are not defined");
            }
            else if (!names.Contains(noAuth) && !nkeys.Contains(noAuth))
            {
                errors.Add($"no_auth_user: \"{noAuth}\" not present as user or nkey in authorization block or account configuration");
            }
        }

        if (plaintext)
        {
            warnings.Add("Plaintext passwords detected, use nkeys or bcrypt");
        }

        return (errors, warnings);
    }

    /// Every entry a valid subject; subscribe entries may add a queue (authorization.md §2).
    private static void ValidatePermissions(PermissionsConfig? permissions, List<string> errors)
    {
        if (permissions is null)
        {
            return;
        }

        Check("publish allow", permissions.Publish?.Allow, allowQueue: false, errors);
        Check("publish deny", permissions.Publish?.Deny, allowQueue: false, errors);
        Check("subscribe allow", permissions.Subscribe?.Allow, allowQueue: true, errors);
        Check("subscribe deny", permissions.Subscribe?.Deny, allowQueue: true, errors);
    }

    private static void Check(string where, IReadOnlyList<string>? entries, bool allowQueue, List<string> errors)
    {
        foreach (var entry in entries ?? [])
        {
            var parts = entry.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts.Length > (allowQueue ? 2 : 1) || !SubjectValidator.IsValidSubscription(parts[0]))
            {
                errors.Add($"{where}: subject \"{entry}\" is not a valid subject");
            }
            else if (parts.Length == 2 && !SubjectValidator.IsValidSubscription(parts[1]))
            {
                errors.Add($"{where}: queue \"{parts[1]}\" is not a valid queue");
            }
        }
    }
}
