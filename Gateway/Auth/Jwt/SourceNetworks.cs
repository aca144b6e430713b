using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Natrium.Gateway.Auth.Jwt;

/// A user JWT's `src` (spec/jwt.md §6): CIDRs, at least one of which must contain the client's
/// address (nats-server validateSrc). Parsing follows Go's net.ParseCIDR: dotted-quad IPv4
/// without leading zeros or IPv6 (no zone), a mandatory prefix length, host bits allowed
/// ("10.1.2.3/8" is 10.0.0.0/8). An IPv4 client seen through a dual-stack socket
/// (::ffff:a.b.c.d) counts as IPv4, as Go's IPNet.Contains treats it.
internal static class SourceNetworks
{
    /// True when src is empty, or the address is inside one of its networks. An unparsable
    /// entry reached before a match rejects, as in nats-server.
    public static bool Allows(IReadOnlyList<string> src, IPAddress? client)
    {
        if (src.Count == 0)
        {
            return true;
        }

        if (client is null)
        {
            return false;
        }

        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        foreach (var cidr in src)
        {
            if (!TryParse(cidr, out var network, out var prefix))
            {
                return false;
            }

            if (Contains(network, prefix, address))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AllValid(IReadOnlyList<string> src) => src.All(static c => TryParse(c, out _, out _));

    public static bool TryParse(string cidr, [NotNullWhen(true)] out IPAddress? network, out int prefix)
    {
        network = null;
        prefix = 0;
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !TryParseAddress(cidr[..slash], out var address))
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var digits = cidr.AsSpan(slash + 1);
        if (digits.IsEmpty || !digits.ContainsOnlyDigits() ||
            !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
        {
            return false;
        }

        // Go reads ::ffff:a.b.c.d/n (n ≥ 96) as the IPv4 network a.b.c.d/(n - 96).
        (network, prefix) = address.IsIPv4MappedToIPv6 && prefix >= 96 ? (address.MapToIPv4(), prefix - 96) : (address, prefix);
        return true;
    }

    private static bool Contains(IPAddress network, int prefix, IPAddress address)
    {
        if (network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var a = network.GetAddressBytes();
        var b = address.GetAddressBytes();
        var full = prefix / 8;
        if (!a.AsSpan(0, full).SequenceEqual(b.AsSpan(0, full)))
        {
            return false;
        }

        var rest = prefix % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (a[full] & mask) == (b[full] & mask);
    }

    /// IPAddress.TryParse also takes "10", "0x0a.1" and "1.2.3" as IPv4; Go does not.
    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out address) &&
                address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(static p => p.Length is 0 or > 3 || !p.AsSpan().ContainsOnlyDigits() ||
            (p.Length > 1 && p[0] == '0') || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }

        address = IPAddress.Parse(text);
        return true;
    }
}

file static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
