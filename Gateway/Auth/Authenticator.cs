using System.Text;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Auth;

/// Decides who a connection is, exactly in nats-server's order (spec/auth.md §2): NKEY users,
/// then the users list (certificate mapping, user/password, no_auth_user), then the single
/// token, then the single user. Built once per configuration; thread-safe (read-only).
internal sealed class Authenticator
{
    private const string ConnectionType = "STANDARD";

    private readonly AuthorizationConfig _config;
    private readonly Dictionary<string, UserConfig> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserConfig> _byNkey = new(StringComparer.Ordinal);
    private readonly UserConfig? _noAuthUser;

    public Authenticator(AuthorizationConfig config)
    {
        _config = config;
        foreach (var user in config.Users)
        {
            if (user.Nkey is not null)
            {
                _byNkey.TryAdd(user.Nkey, user with { Password = null });
            }
            else if (user.Name is not null)
            {
                _byName.TryAdd(user.Name, user);
            }
        }

        if (config.NoAuthUser is { } name)
        {
            _noAuthUser = _byName.GetValueOrDefault(name) ?? _byNkey.GetValueOrDefault(name);
        }
    }

    /// Whether any authentication is configured at all.
    public bool Required => _config.AuthRequired;

    /// NKEY users need a challenge in INFO.
    public bool NeedsNonce => _byNkey.Count > 0;

    private static UserConfig Anonymous { get; } = new(null, null, null, AccountNames.Global, null, []);

    public AuthResult Authenticate(ConnectOptions connect, string? nonce, CertificateIdentity? certificate)
    {
        if (!Required)
        {
            return AuthResult.Success(Anonymous, AuthMethod.None);
        }

        if (_byNkey.Count > 0)
        {
            if (!string.IsNullOrEmpty(connect.Nkey))
            {
                return Nkey(connect, nonce);
            }

            if (HasNoCredentials(connect) && _noAuthUser?.Nkey is not null)
            {
                return AuthResult.Success(_noAuthUser, AuthMethod.NoAuthUser);
            }
        }

        if (_byName.Count > 0)
        {
            return _config.VerifyAndMap ? CertificateUser(certificate) : Password(connect);
        }

        if (_byNkey.Count > 0)
        {
            return AuthResult.Failure(AuthFailureReason.NoCredentialsMatched);
        }

        if (_config.Token is not null)
        {
            return SecretComparer.Matches(_config.Token, connect.AuthToken)
                ? AuthResult.Success(Single("[REDACTED]"), AuthMethod.Token)
                : AuthResult.Failure(AuthFailureReason.BadToken);
        }

        if (_config.User is not null)
        {
            var nameMatches = SecretComparer.FixedTimeEquals(_config.User, connect.User ?? string.Empty);
            var passwordMatches = SecretComparer.Matches(_config.Password, connect.Password);
            return nameMatches && passwordMatches
                ? AuthResult.Success(Single(_config.User), AuthMethod.SingleUser)
                : AuthResult.Failure(AuthFailureReason.BadPassword);
        }

        return AuthResult.Failure(AuthFailureReason.NoCredentialsMatched);
    }

    /// The first operation was not CONNECT: only the no_auth_user may log in that way.
    public AuthResult AuthenticateWithoutConnect() => _noAuthUser is not null
        ? AuthResult.Success(_noAuthUser with { Password = null }, AuthMethod.NoAuthUser)
        : AuthResult.Failure(AuthFailureReason.NoConnect);

    private AuthResult Nkey(ConnectOptions connect, string? nonce)
    {
        if (!_byNkey.TryGetValue(connect.Nkey!, out var user) || !AllowsConnectionType(user))
        {
            return AuthResult.Failure(AuthFailureReason.UnknownNkey);
        }

        if (nonce is null)
        {
            return AuthResult.Failure(AuthFailureReason.MissingNonce);
        }

        if (string.IsNullOrEmpty(connect.Signature))
        {
            return AuthResult.Failure(AuthFailureReason.MissingSignature);
        }

        return NKeySignature.Verify(connect.Nkey!, Encoding.ASCII.GetBytes(nonce), connect.Signature)
            ? AuthResult.Success(user, AuthMethod.Nkey)
            : AuthResult.Failure(AuthFailureReason.BadSignature);
    }

    private AuthResult Password(ConnectOptions connect)
    {
        if (HasNoCredentials(connect))
        {
            return _noAuthUser is not null
                ? AuthResult.Success(_noAuthUser with { Password = null }, AuthMethod.NoAuthUser)
                : AuthResult.Failure(AuthFailureReason.NoCredentialsMatched);
        }

        // auth_token alone does not log in when a users list exists (spec/auth.md §2).
        if (string.IsNullOrEmpty(connect.User) || !_byName.TryGetValue(connect.User, out var user) || !AllowsConnectionType(user))
        {
            return AuthResult.Failure(AuthFailureReason.UnknownUser);
        }

        if (user.Password is null)
        {
            return AuthResult.Failure(AuthFailureReason.NoPassword);
        }

        return SecretComparer.Matches(user.Password, connect.Password)
            ? AuthResult.Success(user with { Password = null }, AuthMethod.UserPassword)
            : AuthResult.Failure(AuthFailureReason.BadPassword);
    }

    /// verify_and_map: the certificate picks the user; CONNECT's user/pass are ignored.
    private AuthResult CertificateUser(CertificateIdentity? certificate)
    {
        if (certificate is null)
        {
            return AuthResult.Failure(AuthFailureReason.MissingCertificate);
        }

        var user = CertificateUserMapping.Find(certificate, _byName);
        return user is not null && AllowsConnectionType(user)
            ? AuthResult.Success(user with { Password = null }, AuthMethod.Certificate)
            : AuthResult.Failure(AuthFailureReason.CertificateNotMapped);
    }

    private UserConfig Single(string displayName) =>
        new(displayName, null, null, AccountNames.Global, _config.SingleUserPermissions, []);

    private static bool HasNoCredentials(ConnectOptions c) =>
        string.IsNullOrEmpty(c.User) && string.IsNullOrEmpty(c.Password) && string.IsNullOrEmpty(c.AuthToken) && string.IsNullOrEmpty(c.Nkey);

    private static bool AllowsConnectionType(UserConfig user) =>
        user.AllowedConnectionTypes.Count == 0 || user.AllowedConnectionTypes.Contains(ConnectionType, StringComparer.OrdinalIgnoreCase);
}
