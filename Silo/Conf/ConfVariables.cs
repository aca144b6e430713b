namespace Natrium.Silo.Conf;

/// `$name` lookup (case-sensitive): the innermost enclosing block outwards (only entries defined before the
/// reference), then environment variables, whose text is parsed as a config value so that
/// "4222" becomes an integer (spec/config.md §1). A referenced entry is marked as a variable.
internal sealed class ConfVariables(Func<string, string?> environment)
{
    private const int MaxEnvironmentDepth = 8;

    private readonly List<List<ConfEntry>> _scopes = [];

    /// Environment values may reference further variables; parsing is synchronous, so a
    /// per-thread depth bounds a cycle like A="$A".
    [ThreadStatic]
    private static int t_environmentDepth;

    public void Push(List<ConfEntry> scope) => _scopes.Add(scope);

    public void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    public ConfValue Resolve(string name, ConfPosition position)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            // Unlike option keys, variable names are case-sensitive (seen on 2.9.10: `Foo = 1`
            // then `$foo` is not found).
            var entry = _scopes[i].LastOrDefault(e => string.Equals(e.Key, name, StringComparison.Ordinal));
            if (entry is not null)
            {
                entry.UsedAsVariable = true;
                return entry.Value with { Position = position };
            }
        }

        var text = environment(name);
        if (text is null)
        {
            throw new ConfException(position, $"variable reference for '{name}' on line {position.Line} can not be found");
        }

        if (t_environmentDepth >= MaxEnvironmentDepth)
        {
            throw new ConfException(position, $"variable reference cycle for '{name}'");
        }

        // An environment value is itself config text: parse it as the value of a key.
        t_environmentDepth++;
        try
        {
            var parsed = ConfParser.ParseString("v: " + text, $"<env {name}>", environment);
            return parsed.Entries[0].Value with { Position = position };
        }
        finally
        {
            t_environmentDepth--;
        }
    }
}
