namespace Natrium.Contracts.Jwt;

/// Finds the armoured blocks of nsc's decorated files (spec/auth.md §8): a line of 3+ dashes
/// around any text, one line of [A-Za-z0-9_.=-]+, another dashed line. Lenient like Go's
/// userConfigRE: the words in the dashed lines and any text between blocks are ignored, lines
/// may end in \r\n and carry surrounding spaces.
internal static class DecoratedBlocks
{
    public static List<string> Find(string contents)
    {
        var lines = contents.Split('\n');
        var blocks = new List<string>();
        for (var i = 0; i + 2 < lines.Length; i++)
        {
            var body = lines[i + 1].Trim();
            if (IsDashed(lines[i]) && IsToken(body) && IsDashed(lines[i + 2]))
            {
                blocks.Add(body);
                i += 2;
            }
        }

        return blocks;
    }

    private static bool IsDashed(string line)
    {
        var text = line.Trim();
        return text.Length >= 6 && text.StartsWith("---", StringComparison.Ordinal) && text.EndsWith("---", StringComparison.Ordinal);
    }

    internal static bool IsToken(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or '='))
            {
                return false;
            }
        }

        return true;
    }
}
