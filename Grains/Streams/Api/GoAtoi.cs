namespace Natrium.Grains.Streams.Api;

/// Go's strconv.Atoi as nats-server uses it on `sample_freq`: optional sign, decimal digits,
/// 64-bit range, and its error texts (`strconv.Atoi: parsing "x": invalid syntax`,
/// `…: value out of range`).
internal static class GoAtoi
{
    public static bool TryParse(string text, out long value, out string error)
    {
        value = 0;
        error = "";
        var digits = text.AsSpan();
        if (digits.Length > 0 && digits[0] is '+' or '-')
        {
            digits = digits[1..];
        }

        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                digits = default;
                break;
            }
        }

        if (digits.IsEmpty)
        {
            error = Failure(text, "invalid syntax");
            return false;
        }

        if (!long.TryParse(text.AsSpan().TrimStart('+'), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            error = Failure(text, "value out of range");
            return false;
        }

        return true;
    }

    private static string Failure(string text, string reason) =>
        "strconv.Atoi: parsing " + GoQuote.Quote(text) + ": " + reason;
}
