namespace Natrium.Silo.Conf;

/// Where a key or value stands in a config file; lines and columns count from 1.
internal readonly record struct ConfPosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
