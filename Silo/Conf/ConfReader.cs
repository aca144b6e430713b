namespace Natrium.Silo.Conf;

/// A cursor over one config file's text that knows its line and column.
internal sealed class ConfReader(string text, string file)
{
    private int _index;
    private int _line = 1;
    private int _column = 1;

    public string File { get; } = file;

    public bool AtEnd => _index >= text.Length;

    public char Current => _index < text.Length ? text[_index] : '\0';

    public char Next => _index + 1 < text.Length ? text[_index + 1] : '\0';

    public ConfPosition Position => new(File, _line, _column);

    public char Take()
    {
        var c = text[_index++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        return c;
    }

    /// Skips spaces and tabs (not newlines).
    public void SkipBlanks()
    {
        while (!AtEnd && (Current is ' ' or '\t' or '\r'))
        {
            Take();
        }
    }

    /// Skips blanks, newlines and comments.
    public void SkipSpaceAndComments()
    {
        while (!AtEnd)
        {
            if (char.IsWhiteSpace(Current))
            {
                Take();
            }
            else if (AtComment)
            {
                SkipLine();
            }
            else
            {
                return;
            }
        }
    }

    /// `#` or `//` starts a comment that runs to the end of the line.
    public bool AtComment => Current == '#' || (Current == '/' && Next == '/');

    public void SkipLine()
    {
        while (!AtEnd && Current != '\n')
        {
            Take();
        }
    }

    /// Whether only blanks follow the `)` at the cursor on its line (a block string's end).
    public bool RestOfLineIsBlankAfterParen()
    {
        for (var i = _index + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] is not (' ' or '\t' or '\r'))
            {
                return false;
            }
        }

        return true;
    }

    public ConfException Error(string message) => new(Position, message);
}
