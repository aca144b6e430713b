using System.Security.Cryptography;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Protocol;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Tests.Unit.Auth;

/// Builders shared by the auth unit tests. bcrypt hashes are made at run time at cost 4.
internal static class AuthTestData
{
    public static string Bcrypt(string password, string version = "2a")
    {
        // BouncyCastle does not write $2x$; Go treats it exactly like $2a$, so relabel.
        var generated = OpenBsdBCrypt.Generate(version == "2x" ? "2a" : version, password.ToCharArray(), RandomNumberGenerator.GetBytes(16), 4);
        return version == "2x" ? "$2x" + generated[3..] : generated;
    }

    public static UserConfig User(string name, string? password, string account = AccountNames.Global, params string[] connectionTypes) =>
        new(name, password, null, account, null, connectionTypes);

    public static UserConfig NkeyUser(string nkey, params string[] connectionTypes) =>
        new(null, null, nkey, AccountNames.Global, null, connectionTypes);

    public static ConnectOptions Connect(string? user = null, string? pass = null, string? token = null, string? nkey = null, string? sig = null) =>
        new() { User = user, Password = pass, AuthToken = token, Nkey = nkey, Signature = sig };

    public static CertificateIdentity Cert(string subject, string[]? emails = null, string[]? dns = null) =>
        new(emails ?? [], dns ?? [], subject);

    public static AuthResult Run(AuthorizationConfig config, ConnectOptions connect, string? nonce = null, CertificateIdentity? cert = null) =>
        new Authenticator(config).Authenticate(connect, nonce, cert);
}
