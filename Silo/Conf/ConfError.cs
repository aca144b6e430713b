namespace Natrium.Silo.Conf;

/// A problem found in a config file, printed as nats-server prints its own: file:line:col: message.
internal sealed class ConfException(ConfPosition position, string message) : Exception(message)
{
    public ConfPosition Position { get; } = position;

    public override string ToString() => $"{Position}: {Message}";
}
