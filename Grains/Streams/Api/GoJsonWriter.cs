using System.Globalization;
using System.Text;
using Natrium.Contracts.Jwt;

namespace Natrium.Grains.Streams.Api;

/// Writes JSON exactly as Go's encoding/json marshals nats-server's structs: fields in the order
/// the caller writes them (the Go struct order), no whitespace, strings escaped like json.Marshal
/// (`<`, `>`, `&` as \u003c \u003e \u0026, lower-case hex), timestamps as RFC 3339 with
/// nanoseconds. Go's `omitempty` is the caller's choice of which *IfSet method to call.
/// Control plane only: API answers are small, so a StringBuilder is enough.
internal sealed class GoJsonWriter
{
    private readonly StringBuilder _json = new(256);
    private bool _needComma;

    public GoJsonWriter BeginObject()
    {
        Separate();
        _json.Append('{');
        _needComma = false;
        return this;
    }

    public GoJsonWriter EndObject()
    {
        _json.Append('}');
        _needComma = true;
        return this;
    }

    public GoJsonWriter BeginArray()
    {
        Separate();
        _json.Append('[');
        _needComma = false;
        return this;
    }

    public GoJsonWriter EndArray()
    {
        _json.Append(']');
        _needComma = true;
        return this;
    }

    /// A property name; the next value call writes its value.
    public GoJsonWriter Name(string name)
    {
        Separate();
        GoJsonString.Append(_json, name);
        _json.Append(':');
        _needComma = false;
        return this;
    }

    public GoJsonWriter String(string value)
    {
        Separate();
        GoJsonString.Append(_json, value);
        _needComma = true;
        return this;
    }

    public GoJsonWriter Number(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public GoJsonWriter Number(ulong value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public GoJsonWriter Bool(bool value) => Raw(value ? "true" : "false");

    public GoJsonWriter Null() => Raw("null");

    /// A Go time.Time value; null is Go's zero time (spec/jetstream.md §0).
    public GoJsonWriter Time(long? unixNanos) => Raw("\"" + JsTime.Format(unixNanos) + "\"");

    /// A Go []byte value: standard base64 with padding.
    public GoJsonWriter Base64(ReadOnlySpan<byte> bytes) => Raw("\"" + Convert.ToBase64String(bytes) + "\"");

    /// An already encoded JSON value (e.g. a nested object written by another writer).
    public GoJsonWriter Raw(string json)
    {
        Separate();
        _json.Append(json);
        _needComma = true;
        return this;
    }

    public GoJsonWriter Property(string name, string value) => Name(name).String(value);

    public GoJsonWriter Property(string name, long value) => Name(name).Number(value);

    public GoJsonWriter Property(string name, ulong value) => Name(name).Number(value);

    public GoJsonWriter Property(string name, bool value) => Name(name).Bool(value);

    // Go's `omitempty`: "", 0, false and nil are left out.
    public GoJsonWriter PropertyIfSet(string name, string? value) =>
        string.IsNullOrEmpty(value) ? this : Property(name, value);

    public GoJsonWriter PropertyIfSet(string name, long value) => value == 0 ? this : Property(name, value);

    public GoJsonWriter PropertyIfSet(string name, ulong value) => value == 0 ? this : Property(name, value);

    public GoJsonWriter PropertyIfSet(string name, bool value) => value ? Property(name, value) : this;

    public GoJsonWriter StringArray(string name, IReadOnlyList<string> values)
    {
        Name(name).BeginArray();
        foreach (var value in values)
        {
            String(value);
        }

        return EndArray();
    }

    public byte[] ToArray() => Encoding.UTF8.GetBytes(_json.ToString());

    public override string ToString() => _json.ToString();

    private void Separate()
    {
        if (_needComma)
        {
            _json.Append(',');
        }
    }
}
