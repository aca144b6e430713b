using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// Every problem found while mapping a config file, all collected (nats-server style:
/// file:line:col: message). Warnings do not stop a normal start, but fail `-t`.
internal sealed class ConfDiagnostics
{
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    /// Keys nats-server knows that Natrium ignores: printed, but the file is still valid for
    /// `-t`, since nats-server accepts it.
    public List<string> Notices { get; } = [];

    /// What nats-server logs as [WRN] lines when it starts with the file (plaintext passwords,
    /// a user without a password): printed by `-t` too, but they do not fail it.
    public List<string> StartWarnings { get; } = [];

    public void Error(ConfPosition at, string message) => Errors.Add($"{at}: {message}");

    public void Warning(ConfPosition at, string message) => Warnings.Add($"{at}: {message}");

    public void Notice(ConfPosition at, string message) => Notices.Add($"{at}: {message}");
}
