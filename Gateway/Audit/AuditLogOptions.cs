namespace Natrium.Gateway.Audit;

/// `audit_log { file, max_size, max_files }`: Natrium's own block (issue 15; nats-server has no
/// authentication audit trail). One file per process, shared by its gateways. When the file
/// would pass MaxSize it is renamed `<file>.1` (older ones shift to `.2` … up to MaxFiles) and a
/// new one starts; as with nats-server's logfile_size_limit, 0 means never rotate.
internal sealed record AuditLogOptions(string File)
{
    public const long DefaultMaxSize = 0;

    public const int DefaultMaxFiles = 10;

    public long MaxSize { get; init; } = DefaultMaxSize;

    /// Rotated files kept besides the current one; 0 keeps none (the file starts again empty).
    public int MaxFiles { get; init; } = DefaultMaxFiles;

    /// Startup checks (`natrium -t` runs them too).
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(File))
        {
            yield return "audit_log: file is required";
            yield break;
        }

        if (MaxSize < 0)
        {
            yield return $"audit_log: max_size must not be negative, got {MaxSize}";
        }

        if (MaxFiles < 0)
        {
            yield return $"audit_log: max_files must not be negative, got {MaxFiles}";
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(File));
        if (directory is not null && !Directory.Exists(directory))
        {
            yield return $"audit_log: directory \"{directory}\" does not exist";
        }
    }
}
