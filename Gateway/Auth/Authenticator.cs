using System.Text;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Auth;

/// Decides who a CONNECT logs in as, from the configured methods, in nats-server's order
/// (processClientOrLeafAuthentication; spec/auth.md §2): NKEY users, then the users list
/// (certificate mapping, or user/password, or no_auth_user), then the single token, then the
/// single user/password. Built once per configuration; immutable and thread-safe.
/// Empty strings in CONNECT count as absent, as nats-server compares with "".
internal sealed class Authenticator
{
    private readonly AuthorizationConfig config;
    private readonly string connectionType;
    private readonly bool authRequired;
    private readonly string? token;
    private readonly string? singleUser;
    private readonly Dictionary<string, UserConfig> usersByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserConfig> usersByNkey = new(StringComparer.Ordinal);
    private readonly CertificateUserMapper? certificateMapper;
    private readonly UserConfig? noAuthNamedUser;
    private readonly UserConfig? noAuthNkeyUser;
    private readonly UserConfig anonymous;
    private readonly UserConfig tokenUser;
    private readonly UserConfig? singleUserConfig;

    public Authenticator(AuthorizationConfig config, string connectionType = ConnectionTypes.Standard)
    {
        this.config = config;
        this.connectionType = connectionType;
        token = Present(config.Token);
        singleUser = Present(config.User);

        // Duplicates are startup errors (AuthorizationConfigValidator); here the first one wins.
        foreach (var user in config.Users)
        {
            if (Present(user.Nkey) is { } nkey)
            {
                usersByNkey.TryAdd(nkey, user);
            }
            else if (Present(user.Name) is { } name)
            {
                usersByName.TryAdd(name, user);
            }
        }

        if (config.VerifyAndMap)
        {
            certificateMapper = new CertificateUserMapper(usersByName, config.Users);
        }

        if (Present(config.NoAuthUser) is { } noAuth)
        {
            noAuthNamedUser = usersByName.GetValueOrDefault(noAuth);
            noAuthNkeyUser = noAuthNamedUser is null ? usersByNkey.GetValueOrDefault(noAuth) : null;
        }

        authRequired = token is not null || singleUser is not null || usersByName.Count > 0 || usersByNkey.Count > 0;
        UsesBcrypt = SecretComparer.IsBcrypt(token) || SecretComparer.IsBcrypt(config.Password)
            || usersByName.Values.Any(u => SecretComparer.IsBcrypt(u.Password));
        anonymous = new UserConfig(null, null, null, AccountNames.Global, null, []);
        tokenUser = anonymous with { Permissions = config.SingleUserPermissions };
        singleUserConfig = singleUser is null ? null : tokenUser with { Name = singleUser };
    }

    /// Whether some CONNECT may need a bcrypt check; the gateway then authenticates off the
    /// thread pool (BcryptWorkers).
    public bool UsesBcrypt { get; }

    /// Whether a nonce must be sent in INFO (NKEY users exist; spec/auth.md §6).
    public bool NonceRequired => usersByNkey.Count > 0;

    /// verifiedBcrypt: a bcrypt hash this very CONNECT was already verified against (on
    /// re-authentication after a reload); if the configured secret is still that hash, the
    /// answer is known and bcrypt is not run again.
    public AuthResult Authenticate(ConnectOptions connect, string? nonce, CertificateIdentity? certificate, string? verifiedBcrypt = null)
    {
        if (!authRequired)
        {
            return AuthResult.Success(anonymous, AuthMethod.None);
        }

        var user = Present(connect.User);
        var password = Present(connect.Password);
        var authToken = Present(connect.AuthToken);
        var nkey = Present(connect.Nkey);
        var noCredentials = user is null && password is null && authToken is null && nkey is null;

        if (usersByNkey.Count > 0)
        {
            if (nkey is not null)
            {
                return AuthenticateNkey(nkey, Present(connect.Signature), nonce);
            }

            // An nkey no_auth_user needs no signature (spec/auth.md §6.4).
            if (noCredentials && noAuthNkeyUser is not null)
            {
                return Bind(noAuthNkeyUser, AuthMethod.NoAuthUser);
            }
        }

        if (usersByName.Count > 0)
        {
            if (certificateMapper is not null)
            {
                // The certificate decides; user/pass in CONNECT are ignored (spec/tls.md §4).
                return AuthenticateCertificate(certificate);
            }

            if (noCredentials && noAuthNamedUser is not null)
            {
                return Bind(noAuthNamedUser, AuthMethod.NoAuthUser);
            }

            // auth_token alone lands here with no user and fails, as in nats-server.
            return AuthenticatePassword(user, password, verifiedBcrypt);
        }

        if (token is not null)
        {
            return SecretMatches(token, authToken, verifiedBcrypt)
                ? AuthResult.Success(tokenUser, AuthMethod.Token, BcryptOrNull(token))
                : AuthResult.Failure(AuthFailureReason.BadToken, AuthMethod.Token, bcrypt: SecretComparer.IsBcrypt(token));
        }

        if (singleUserConfig is not null)
        {
            if (!string.Equals(user, singleUser, StringComparison.Ordinal))
            {
                return AuthResult.Failure(AuthFailureReason.UnknownUser, AuthMethod.SingleUser);
            }

            return SecretMatches(config.Password, password, verifiedBcrypt)
                ? AuthResult.Success(singleUserConfig, AuthMethod.SingleUser, BcryptOrNull(config.Password))
                : AuthResult.Failure(AuthFailureReason.BadPassword, AuthMethod.SingleUser, singleUserConfig, SecretComparer.IsBcrypt(config.Password));
        }

        return AuthResult.Failure(AuthFailureReason.NoCredentialsMatched);
    }

    /// The client's first op was not CONNECT (nats-server parser.go): with auth configured only
    /// the no_auth_user can be bound; certificate mapping is not consulted, as in nats-server.
    public AuthResult AuthenticateWithoutConnect()
    {
        if (!authRequired)
        {
            return AuthResult.Success(anonymous, AuthMethod.None);
        }

        return (noAuthNamedUser ?? noAuthNkeyUser) is { } user
            ? Bind(user, AuthMethod.NoAuthUser)
            : AuthResult.Failure(AuthFailureReason.NoConnect, AuthMethod.NoAuthUser);
    }

    private AuthResult AuthenticateNkey(string nkey, string? signature, string? nonce)
    {
        if (!usersByNkey.TryGetValue(nkey, out var user))
        {
            return AuthResult.Failure(AuthFailureReason.UnknownNkey, AuthMethod.Nkey);
        }

        if (!Eligible(user))
        {
            return AuthResult.Failure(AuthFailureReason.ConnectionTypeNotAllowed, AuthMethod.Nkey, user);
        }

        if (signature is null)
        {
            return AuthResult.Failure(AuthFailureReason.MissingSignature, AuthMethod.Nkey, user);
        }

        if (string.IsNullOrEmpty(nonce))
        {
            return AuthResult.Failure(AuthFailureReason.MissingNonce, AuthMethod.Nkey, user);
        }

        // The client signs the nonce's ASCII text as sent, not its decoded bytes.
        return NKeySignature.Verify(nkey, Encoding.ASCII.GetBytes(nonce), signature)
            ? AuthResult.Success(user, AuthMethod.Nkey)
            : AuthResult.Failure(AuthFailureReason.BadSignature, AuthMethod.Nkey, user);
    }

    private AuthResult AuthenticateCertificate(CertificateIdentity? certificate)
    {
        if (certificate is null)
        {
            return AuthResult.Failure(AuthFailureReason.MissingCertificate, AuthMethod.Certificate);
        }

        return certificateMapper!.Map(certificate, Eligible) is { } user
            ? AuthResult.Success(Redact(user), AuthMethod.Certificate)
            : AuthResult.Failure(AuthFailureReason.CertificateNotMapped, AuthMethod.Certificate);
    }

    private AuthResult AuthenticatePassword(string? name, string? password, string? verifiedBcrypt)
    {
        if (name is null || !usersByName.TryGetValue(name, out var user))
        {
            return AuthResult.Failure(AuthFailureReason.UnknownUser, AuthMethod.UserPassword);
        }

        // A user whose allowed_connection_types exclude ours is treated as unknown.
        if (!Eligible(user))
        {
            return AuthResult.Failure(AuthFailureReason.ConnectionTypeNotAllowed, AuthMethod.UserPassword, user);
        }

        // A users entry without a password admits a client that names it and sends none, as
        // nats-server does (the validator warns at start); a client sending a password fails.
        // Certificate-mapped entries never get here: with verify_and_map the certificate decides.
        if (string.IsNullOrEmpty(user.Password))
        {
            return string.IsNullOrEmpty(password)
                ? AuthResult.Success(user, AuthMethod.UserPassword)
                : AuthResult.Failure(AuthFailureReason.NoPassword, AuthMethod.UserPassword, user);
        }

        return SecretMatches(user.Password, password, verifiedBcrypt)
            ? AuthResult.Success(Redact(user), AuthMethod.UserPassword, BcryptOrNull(user.Password))
            : AuthResult.Failure(AuthFailureReason.BadPassword, AuthMethod.UserPassword, user, SecretComparer.IsBcrypt(user.Password));
    }

    private AuthResult Bind(UserConfig user, AuthMethod method) =>
        Eligible(user)
            ? AuthResult.Success(Redact(user), method)
            : AuthResult.Failure(AuthFailureReason.ConnectionTypeNotAllowed, method, user);

    private bool Eligible(UserConfig user) => ConnectionTypes.Allows(user.AllowedConnectionTypes, connectionType);

    /// The result travels on (connection state, logs, events); the password stays here.
    private static UserConfig Redact(UserConfig user) => user.Password is null ? user : user with { Password = null };

    private static bool SecretMatches(string? configured, string? presented, string? verifiedBcrypt) =>
        (verifiedBcrypt is not null && SecretComparer.IsBcrypt(configured) && string.Equals(configured, verifiedBcrypt, StringComparison.Ordinal))
        || SecretComparer.Matches(configured, presented);

    private static string? BcryptOrNull(string? secret) => SecretComparer.IsBcrypt(secret) ? secret : null;

    private static string? Present(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
