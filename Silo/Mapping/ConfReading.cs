using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// Typed reads of conf values; a wrong type is an error naming the field and its position.
internal static class ConfReading
{
    public static long? Integer(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfInteger i)
        {
            return i.Value;
        }

        diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected an integer, got {entry.Value.Kind}");
        return null;
    }

    public static int? Int32(ConfEntry entry, ConfDiagnostics diagnostics, long min = int.MinValue, long max = int.MaxValue)
    {
        var value = Integer(entry, diagnostics);
        if (value is null)
        {
            return null;
        }

        if (value < min || value > max)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: {value} is out of range ({min} to {max})");
            return null;
        }

        return (int)value.Value;
    }

    public static string? String(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfString s)
        {
            return s.Value;
        }

        diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a string, got {entry.Value.Kind}");
        return null;
    }

    public static bool? Bool(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfBool b)
        {
            return b.Value;
        }

        diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a boolean, got {entry.Value.Kind}");
        return null;
    }

    /// A Go duration string; an integer is taken as seconds with nats-server's warning.
    public static TimeSpan? Duration(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (entry.Value)
        {
            case ConfString s when ConfDuration.TryParse(s.Value, out var duration):
                return duration;
            case ConfString s:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: invalid duration \"{s.Value}\"");
                return null;
            case ConfInteger i:
                diagnostics.Warning(entry.KeyPosition, $"invalid use of field \"{entry.Key}\": {entry.Key} should be converted to a duration");
                return TimeSpan.FromSeconds(i.Value);
            case ConfFloat f:
                diagnostics.Warning(entry.KeyPosition, $"invalid use of field \"{entry.Key}\": {entry.Key} should be converted to a duration");
                return TimeSpan.FromSeconds(f.Value);
            default:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a duration, got {entry.Value.Kind}");
                return null;
        }
    }

    /// `host:port` or a bare port, as nats-server reads `listen` and `http`.
    public static (string? Host, int? Port) HostPort(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfInteger port)
        {
            return (null, (int)port.Value);
        }

        var text = String(entry, diagnostics);
        if (text is null)
        {
            return (null, null);
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: could not parse address \"{text}\"");
            return (null, null);
        }

        return (text[..colon].Trim('[', ']'), p);
    }

    /// The Go type nats-server names in its "unsupported type %T" errors for this value.
    public static string GoType(ConfValue value) => value switch
    {
        ConfString => "string",
        ConfInteger => "int64",
        ConfFloat => "float64",
        ConfBool => "bool",
        ConfDateTime => "time.Time",
        ConfArray => "[]interface {}",
        _ => "map[string]interface {}",
    };
}
