namespace Natrium.Gateway.Audit;

/// The audit log's files: `<file>` is written, `<file>.1` is the newest rotated one, `<file>.N`
/// the oldest kept. Numbered rather than time-stamped names, so a reader finds every file and
/// their order without parsing dates (and two rotations in one second cannot collide).
internal static class AuditFileRotation
{
    /// Shifts `<file>.k` to `<file>.k+1`, drops what passes maxFiles (also leftovers of an
    /// earlier, larger max_files) and renames `<file>` to `<file>.1`. The caller has closed it.
    public static void Rotate(string file, int maxFiles)
    {
        foreach (var (index, path) in Rotated(file))
        {
            if (index >= maxFiles)
            {
                File.Delete(path);
            }
        }

        for (var index = maxFiles - 1; index >= 1; index--)
        {
            var from = $"{file}.{index}";
            if (File.Exists(from))
            {
                File.Move(from, $"{file}.{index + 1}", overwrite: true);
            }
        }

        if (maxFiles == 0)
        {
            File.Delete(file);
        }
        else if (File.Exists(file))
        {
            File.Move(file, file + ".1", overwrite: true);
        }
    }

    /// The current file then the rotated ones, newest first: the order a query reads them in.
    public static IEnumerable<string> NewestFirst(string file)
    {
        if (File.Exists(file))
        {
            yield return file;
        }

        foreach (var (_, path) in Rotated(file).OrderBy(r => r.Index))
        {
            yield return path;
        }
    }

    /// Existing `<file>.<n>` files with their n.
    private static List<(int Index, string Path)> Rotated(string file)
    {
        var full = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(full)!;
        var prefix = Path.GetFileName(full) + ".";
        var found = new List<(int, string)>();
        if (!Directory.Exists(directory))
        {
            return found;
        }

        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            // The pattern "<name>.*" also matches "<name>" itself.
            var name = Path.GetFileName(path);
            if (name.Length <= prefix.Length)
            {
                continue;
            }

            var suffix = name[prefix.Length..];
            if (suffix.Length > 0 && suffix.All(char.IsAsciiDigit) && int.TryParse(suffix, out var index) && index > 0)
            {
                found.Add((index, path));
            }
        }

        return found;
    }
}
