namespace Natrium.Silo.Conf;

/// Reads nats-server's configuration format (spec/config.md §1) into a tree of ConfValues.
/// Recursive descent over the text; `include` reads other files relative to the including
/// one; `$name` resolves to an earlier definition in an enclosing block, else to the
/// environment. The first syntax error stops the parse and names file:line:col.
internal sealed class ConfParser
{
    private const int MaxIncludeDepth = 16;

    private readonly Func<string, string?> _environment;
    private readonly ConfVariables _variables;

    /// Full paths of the files being read, innermost last: for relative includes and cycles.
    private readonly Stack<string> _files = new();

    private ConfParser(Func<string, string?>? environment)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _variables = new ConfVariables(_environment);
    }

    public static ConfMap ParseFile(string path, Func<string, string?>? environment = null)
    {
        var parser = new ConfParser(environment);
        // Positions name the file as the user gave it; includes resolve against its directory.
        return parser.ParseDocument(ReadFile(path, new ConfPosition(path, 0, 0)), path, Path.GetFullPath(path));
    }

    public static ConfMap ParseString(string text, string fileName = "<string>", Func<string, string?>? environment = null) =>
        new ConfParser(environment).ParseDocument(text, fileName, Path.GetFullPath(fileName));

    private ConfMap ParseDocument(string text, string displayName, string fullPath)
    {
        _files.Push(fullPath);
        var reader = new ConfReader(text, displayName);
        reader.SkipSpaceAndComments();
        var start = reader.Position;
        List<ConfEntry> entries = [];
        _variables.Push(entries);

        // The whole file may be wrapped in one pair of braces.
        if (reader.Current == '{')
        {
            reader.Take();
            ParseEntries(reader, entries, nested: true);
            reader.SkipSpaceAndComments();
        }
        else
        {
            ParseEntries(reader, entries, nested: false);
        }

        if (!reader.AtEnd)
        {
            throw reader.Error($"Unexpected \"{reader.Current}\" after the end of the configuration");
        }

        _variables.Pop();
        _files.Pop();
        return new ConfMap(start, entries);
    }

    /// Entries up to `}` (nested) or the end of the text; `include` splices a file in place.
    private void ParseEntries(ConfReader reader, List<ConfEntry> entries, bool nested)
    {
        while (true)
        {
            SkipSeparators(reader);
            if (reader.AtEnd)
            {
                if (nested)
                {
                    throw reader.Error("Unexpected end of file: expected \"}\"");
                }

                return;
            }

            if (reader.Current == '}')
            {
                if (!nested)
                {
                    throw reader.Error("Unexpected \"}\"");
                }

                reader.Take();
                return;
            }

            var keyPosition = reader.Position;
            var key = ParseKey(reader);
            reader.SkipBlanks();
            if (string.Equals(key, "include", StringComparison.OrdinalIgnoreCase) && reader.Current is not ('=' or ':'))
            {
                Include(reader, keyPosition, entries);
            }
            else
            {
                if (reader.Current is '=' or ':')
                {
                    reader.Take();
                    reader.SkipBlanks();
                }

                entries.Add(new ConfEntry(key, keyPosition, ParseValue(reader)));
            }

            ExpectEntryEnd(reader, nested);
        }
    }

    private static void SkipSeparators(ConfReader reader)
    {
        reader.SkipSpaceAndComments();
        while (reader.Current is ',' or ';')
        {
            reader.Take();
            reader.SkipSpaceAndComments();
        }
    }

    /// After a value: a newline, `,`, `;`, a comment, the block's `}` or the end of the file.
    /// So entries of a one-line block need commas, as in nats-server.
    private static void ExpectEntryEnd(ConfReader reader, bool nested)
    {
        reader.SkipBlanks();
        if (reader.AtEnd || reader.Current is '\n' or ',' or ';' || reader.AtComment || (nested && reader.Current == '}'))
        {
            return;
        }

        throw reader.Error($"Expected a map value terminator \",\" or a map terminator \"}}\", but got '{reader.Current}' instead");
    }

    private static string ParseKey(ConfReader reader)
    {
        if (reader.Current == '"')
        {
            return ((ConfString)ConfScalars.DoubleQuoted(reader)).Value;
        }

        if (reader.Current == '\'')
        {
            return ((ConfString)ConfScalars.SingleQuoted(reader)).Value;
        }

        var key = new System.Text.StringBuilder();
        while (!reader.AtEnd && !char.IsWhiteSpace(reader.Current) && reader.Current is not ('=' or ':' or '{' or '[' or ',' or ';' or '}') && !reader.AtComment)
        {
            key.Append(reader.Take());
        }

        if (key.Length == 0)
        {
            throw reader.Error($"Expected a key, but got '{reader.Current}' instead");
        }

        return key.ToString();
    }

    private ConfValue ParseValue(ConfReader reader)
    {
        var position = reader.Position;
        switch (reader.Current)
        {
            case '\0' when reader.AtEnd:
            case '\n':
                throw reader.Error("Expected a value");
            case '{':
                reader.Take();
                List<ConfEntry> entries = [];
                _variables.Push(entries);
                ParseEntries(reader, entries, nested: true);
                _variables.Pop();
                return new ConfMap(position, entries);
            case '[':
                return ParseArray(reader);
            case '"':
                return ConfScalars.DoubleQuoted(reader);
            case '\'':
                return ConfScalars.SingleQuoted(reader);
            case '(':
                return ConfScalars.Block(reader);
        }

        var word = ConfScalars.Word(reader);
        if (word.Length == 0)
        {
            throw new ConfException(position, $"Expected a value, but got '{reader.Current}' instead");
        }

        // `$2a$…` bcrypt hashes are literals, not variable references (spec/auth.md §4).
        if (word.StartsWith('$') && !word.StartsWith("$2a$", StringComparison.Ordinal))
        {
            return _variables.Resolve(word[1..], position);
        }

        return ConfScalars.Classify(word, position);
    }

    private ConfArray ParseArray(ConfReader reader)
    {
        var position = reader.Position;
        reader.Take();
        var items = new List<ConfValue>();
        while (true)
        {
            SkipSeparators(reader);
            if (reader.AtEnd)
            {
                throw new ConfException(position, "Unterminated array: expected \"]\"");
            }

            if (reader.Current == ']')
            {
                reader.Take();
                return new ConfArray(position, items);
            }

            items.Add(ParseValue(reader));
            reader.SkipBlanks();
            if (!(reader.AtEnd || reader.Current is '\n' or ',' or ']' || reader.AtComment))
            {
                throw reader.Error($"Expected an array separator \",\" or an array terminator \"]\", but got '{reader.Current}' instead");
            }
        }
    }

    private void Include(ConfReader reader, ConfPosition position, List<ConfEntry> entries)
    {
        var pathValue = ParseValue(reader);
        if (pathValue is not ConfString { Value: var relative })
        {
            throw new ConfException(position, "include expects a file path");
        }

        var baseDir = Path.GetDirectoryName(_files.Peek()) ?? ".";
        var full = Path.GetFullPath(Path.Combine(baseDir, relative));
        if (_files.Contains(full) || _files.Count > MaxIncludeDepth)
        {
            throw new ConfException(position, $"include cycle: \"{relative}\" is already being read");
        }

        _files.Push(full);
        var included = new ConfReader(ReadFile(full, position), full);
        ParseEntries(included, entries, nested: false);
        _files.Pop();
    }

    private static string ReadFile(string path, ConfPosition includedFrom)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfException(includedFrom, $"error opening config file: {e.Message}");
        }
    }
}
