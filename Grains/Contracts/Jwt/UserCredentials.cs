using System.Diagnostics.CodeAnalysis;
using System.Text;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// A `.creds` file: a user JWT and the user's seed (spec/auth.md §8). Format writes the layout of
/// nsc and Go's FormatUserConfig, whose BEGIN lines NATS.Net looks for; Parse accepts any
/// decorated layout. The seed is a secret: ToString leaves it out.
public sealed class UserCredentials
{
    private const string Stars = "*************************************************************";

    public UserCredentials(string jwt, string seed)
    {
        Jwt = jwt;
        Seed = seed;
    }

    public string Jwt { get; }

    /// The S… seed text. Never log it.
    public string Seed { get; }

    /// First block = JWT, second = seed; without a second block, the first line starting SU, SA
    /// or SO is the seed (Go ParseDecoratedNKey). False when either is missing.
    public static bool TryParse(string contents, [NotNullWhen(true)] out UserCredentials? credentials)
    {
        credentials = null;
        if (contents is null)
        {
            return false;
        }

        var blocks = DecoratedBlocks.Find(contents);
        if (blocks.Count == 0)
        {
            return false;
        }

        var seed = blocks.Count > 1 ? blocks[1] : FindBareSeed(contents);
        if (seed is null)
        {
            return false;
        }

        credentials = new UserCredentials(blocks[0], seed);
        return true;
    }

    public static string Format(string jwt, NKeyPair user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Format(jwt, user.EncodeSeed());
    }

    /// The text of a .creds file; throws ArgumentException if seed is not a user seed (SU…) or
    /// either value is not a single-line token.
    public static string Format(string jwt, string seed)
    {
        DecoratedJwt.RequireToken(seed, nameof(seed));
        if (!seed.StartsWith("SU", StringComparison.Ordinal))
        {
            throw new ArgumentException("not a user seed", nameof(seed));
        }

        return new StringBuilder(DecoratedJwt.Format(jwt, JwtClaimType.User))
            .Append("************************* IMPORTANT *************************\n")
            .Append("The seed below is this user's private key: anyone holding it can\n")
            .Append("connect as the user. Keep this file secret.\n\n")
            .Append("-----BEGIN USER NKEY SEED-----\n").Append(seed).Append('\n')
            .Append("------END USER NKEY SEED------\n\n")
            .Append(Stars).Append('\n')
            .ToString();
    }

    public override string ToString() => $"UserCredentials {{ Jwt = {Jwt}, Seed = [REDACTED] }}";

    private static string? FindBareSeed(string contents)
    {
        foreach (var line in contents.Split('\n'))
        {
            var text = line.Trim();
            if (text.StartsWith("SU", StringComparison.Ordinal) || text.StartsWith("SA", StringComparison.Ordinal) ||
                text.StartsWith("SO", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }
}
