using Natrium.Contracts.Jwt;

namespace Natrium.Silo.Mapping;

/// One `operator` value as nats-server's readOperatorJWT takes it (server/jwt.go): a file, nsc's
/// decorated form or the raw token, or else, when no file can be read and the text starts
/// with "eyJ", the JWT itself. A relative path resolves against the working directory, not
/// the config file's directory, even in an included file (seen on 2.9.10).
internal static class OperatorJwtReader
{
    /// Every encoded JWT starts with this (base64 of `{"`).
    private const string JwtPrefix = "eyJ";

    /// The token and its claims, or the reason, in Go's words where Go has them.
    public static (string? Jwt, OperatorClaims? Claims, string? Error) Read(string value)
    {
        string contents;
        if (Directory.Exists(value))
        {
            return (null, null, $"read {value}: is a directory");
        }

        try
        {
            contents = File.ReadAllText(value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            if (!value.StartsWith(JwtPrefix, StringComparison.Ordinal))
            {
                return (null, null, OpenError(value, e));
            }

            contents = value;
        }

        var jwt = DecoratedJwt.Parse(contents);
        var decoded = JwtDecoder.Decode<OperatorClaims>(jwt);
        if (!decoded.IsValid)
        {
            return (null, null, decoded.Message);
        }

        // 2.9.10 also trusts an operator JWT signed by another operator key (seen on 2.9.10).
        // Natrium does not: the trust anchor is the JWT's own key. nats-server's word for it.
        if (decoded.Claims.Issuer != decoded.Claims.Subject)
        {
            return (null, null, "not self signed");
        }

        return (jwt, decoded.Claims, null);
    }

    /// Go's os.ReadFile errors ("open x.jwt: no such file or directory", seen on 2.9.10).
    private static string OpenError(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException or ArgumentException => $"open {path}: no such file or directory",
        UnauthorizedAccessException => $"open {path}: permission denied",
        _ => $"open {path}: {e.Message}",
    };
}
