using Natrium.Gateway.Protocol;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Natrium.Silo.Monitoring;

/// A bad query value: nats-server answers 400 text/plain with this text.
internal sealed class MonitoringQueryException(string message) : Exception(message);

/// Reads query options as nats-server's monitor.go decodes them, with its error texts
/// (Go's strconv messages): the first value of a parameter counts, an empty or missing value is
/// the zero value, unknown parameters are ignored (spec/monitoring_cluster.md §1).
internal readonly struct MonitoringQuery(IQueryCollection query)
{
    public string Text(string name) => query[name].FirstOrDefault() ?? string.Empty;

    /// Go's strconv.ParseBool.
    public bool Bool(string name)
    {
        var text = Text(name);
        return text switch
        {
            "" => false,
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw new MonitoringQueryException($"Error decoding boolean for '{name}': strconv.ParseBool: parsing {QuotedSubject.Quote(text)}: invalid syntax"),
        };
    }

    /// Go's strconv.Atoi (64-bit int): an optional sign, then decimal digits.
    public long Int(string name)
    {
        var text = Text(name);
        if (text.Length == 0)
        {
            return 0;
        }

        var digits = text[0] is '+' or '-' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new MonitoringQueryException($"Error decoding int for '{name}': strconv.Atoi: parsing {QuotedSubject.Quote(text)}: invalid syntax");
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MonitoringQueryException($"Error decoding int for '{name}': strconv.Atoi: parsing {QuotedSubject.Quote(text)}: value out of range");
    }

    /// Go's strconv.ParseUint(text, 10, 64): decimal digits only.
    public ulong UInt64(string name)
    {
        var text = Text(name);
        if (text.Length == 0)
        {
            return 0;
        }

        if (!text.All(char.IsAsciiDigit))
        {
            throw new MonitoringQueryException($"Error decoding uint64 for '{name}': strconv.ParseUint: parsing {QuotedSubject.Quote(text)}: invalid syntax");
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MonitoringQueryException($"Error decoding uint64 for '{name}': strconv.ParseUint: parsing {QuotedSubject.Quote(text)}: value out of range");
    }
}
