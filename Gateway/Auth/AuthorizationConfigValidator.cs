using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Auth;

/// The startup checks nats-server makes on authorization settings (opts.go parseAuthorization,
/// parseUsers, validateOptions; server.go checkAuthforWarnings; spec/auth.md §2, §5, §9).
/// All problems are collected, none thrown. Operator-mode checks live with the JWT config.
internal static class AuthorizationConfigValidator
{
    public const string UserPassAndToken = "Cannot have a user/pass and token";
    public const string SingleUserAndUsers = "Can not have a single user/pass and a users array";
    public const string TokenAndUsers = "Can not have a token and a users array";
    public const string SingleUserAndAccounts = "Can not have a single user/pass and accounts";
    public const string TokenAndAccounts = "Can not have a token and accounts";
    public const string NkeyWithUserOrPassword = "Nkey users do not take usernames or passwords";
    public const string InvalidUserNkey = "Not a valid public nkey for a user";
    public const string UserRequired = "User entry requires a user";
    public const string PlaintextPasswords = "Plaintext passwords detected, use nkeys or bcrypt";

    public static string DuplicateUser(string name) => $"Duplicate user \"{name}\" detected";

    public static string DuplicateNkey(string nkey) => $"Duplicate nkey \"{nkey}\" detected";

    public static string UnknownConnectionType(string type) => $"unknown connection type \"{type}\"";

    public static string NoAuthUserNotFound(string name) =>
        $"no_auth_user: \"{name}\" not present as user or nkey in authorization block or account configuration";

    public static string NoAuthUserWithoutUsers(string name) =>
        $"no_auth_user: \"{name}\" present, but users/nkeys are not defined";

    /// accountsConfigured: an accounts block exists (it may hold no users); users outside $G
    /// imply it too.
    public static AuthorizationValidationResult Validate(AuthorizationConfig config, bool accountsConfigured = false)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var hasSingleUser = !string.IsNullOrEmpty(config.User) || !string.IsNullOrEmpty(config.Password);
        var hasToken = !string.IsNullOrEmpty(config.Token);
        accountsConfigured |= config.Users.Any(u => u.Account != AccountNames.Global);

        if (hasSingleUser && hasToken)
        {
            errors.Add(UserPassAndToken);
        }

        if (config.Users.Count > 0)
        {
            AddIf(errors, !string.IsNullOrEmpty(config.User), SingleUserAndUsers);
            AddIf(errors, hasToken, TokenAndUsers);
        }

        if (accountsConfigured)
        {
            AddIf(errors, !string.IsNullOrEmpty(config.User), SingleUserAndAccounts);
            AddIf(errors, hasToken, TokenAndAccounts);
        }

        CheckUsers(config.Users, errors);
        CheckNoAuthUser(config, errors);

        if (HasPlaintextPasswords(config))
        {
            warnings.Add(PlaintextPasswords);
        }

        // nats-server admits these silently; the operator should know.
        if (!config.VerifyAndMap)
        {
            warnings.AddRange(config.Users
                .Where(u => string.IsNullOrEmpty(u.Nkey) && string.IsNullOrEmpty(u.Password) && !string.IsNullOrEmpty(u.Name))
                .Select(u => PasswordlessUser(u.Name!)));
        }

        return new AuthorizationValidationResult(errors, warnings);
    }

    public static string PasswordlessUser(string name) => $"User \"{name}\" has no password: a client that names it logs in without one";

    private static void CheckUsers(IReadOnlyList<UserConfig> users, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nkeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var hasName = !string.IsNullOrEmpty(user.Name);
            if (!string.IsNullOrEmpty(user.Nkey))
            {
                AddIf(errors, hasName || !string.IsNullOrEmpty(user.Password), NkeyWithUserOrPassword);
                AddIf(errors, !NKeyEncoding.TryDecodePublicKey(user.Nkey, NKeyPrefix.User, out _), InvalidUserNkey);
                AddIf(errors, !nkeys.Add(user.Nkey), DuplicateNkey(user.Nkey));
            }
            else if (!hasName)
            {
                errors.Add(UserRequired);
            }
            else
            {
                AddIf(errors, !names.Add(user.Name!), DuplicateUser(user.Name!));
            }

            foreach (var type in user.AllowedConnectionTypes)
            {
                AddIf(errors, !ConnectionTypes.Known.Contains(type), UnknownConnectionType(type));
            }
        }
    }

    internal static void CheckNoAuthUser(AuthorizationConfig config, List<string> errors)
    {
        if (string.IsNullOrEmpty(config.NoAuthUser))
        {
            return;
        }

        var name = config.NoAuthUser;
        if (config.Users.Count == 0)
        {
            errors.Add(NoAuthUserWithoutUsers(name));
        }
        else if (!config.Users.Any(u => u.Name == name || u.Nkey == name))
        {
            errors.Add(NoAuthUserNotFound(name));
        }
    }

    /// As nats-server checkAuthforWarnings: the single password, or any named user whose
    /// password is not bcrypt, except password-less users when certificates map users.
    private static bool HasPlaintextPasswords(AuthorizationConfig config)
    {
        if (!string.IsNullOrEmpty(config.Password) && !SecretComparer.IsBcrypt(config.Password))
        {
            return true;
        }

        foreach (var user in config.Users)
        {
            if (!string.IsNullOrEmpty(user.Nkey) || (string.IsNullOrEmpty(user.Password) && config.VerifyAndMap))
            {
                continue;
            }

            if (!SecretComparer.IsBcrypt(user.Password))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddIf(List<string> errors, bool condition, string message)
    {
        if (condition)
        {
            errors.Add(message);
        }
    }
}
