using System.Globalization;

namespace Natrium.Silo.Conf;

/// A value read from a config file, with the position it came from.
internal abstract record ConfValue(ConfPosition Position)
{
    /// What the value is, for "expected X, got Y" errors.
    public abstract string Kind { get; }
}

internal sealed record ConfString(ConfPosition Position, string Value) : ConfValue(Position)
{
    public override string Kind => "string";
}

internal sealed record ConfInteger(ConfPosition Position, long Value) : ConfValue(Position)
{
    public override string Kind => "integer";
}

internal sealed record ConfFloat(ConfPosition Position, double Value) : ConfValue(Position)
{
    public override string Kind => "float";
}

internal sealed record ConfBool(ConfPosition Position, bool Value) : ConfValue(Position)
{
    public override string Kind => "boolean";
}

internal sealed record ConfDateTime(ConfPosition Position, DateTimeOffset Value) : ConfValue(Position)
{
    public override string Kind => "datetime";
}

internal sealed record ConfArray(ConfPosition Position, IReadOnlyList<ConfValue> Items) : ConfValue(Position)
{
    public override string Kind => "array";
}

/// A block `{ ... }` (or the whole file). Keys keep their spelling; lookups ignore case, as
/// nats-server matches keys case-insensitively.
internal sealed record ConfMap(ConfPosition Position, IReadOnlyList<ConfEntry> Entries) : ConfValue(Position)
{
    public override string Kind => "map";

    /// The last entry with this key (a later key overrides an earlier one, as in nats-server).
    public ConfEntry? Find(string key) => Entries.LastOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));
}

/// One `key: value` of a map. A key that was referenced as `$key` is a variable definition;
/// the options layer does not report it as an unknown field.
internal sealed class ConfEntry(string key, ConfPosition keyPosition, ConfValue value)
{
    public string Key { get; } = key;

    public ConfPosition KeyPosition { get; } = keyPosition;

    public ConfValue Value { get; } = value;

    public bool UsedAsVariable { get; internal set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key} @ {KeyPosition}");
}
