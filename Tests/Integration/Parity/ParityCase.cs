namespace Natrium.Tests.Integration.Parity;

/// The config a case runs on: Open has no auth and default limits; Strict needs user "u" with
/// password "pw" and has small limits, so limits and the connect-first rule can be probed.
public enum ParityBroker
{
    Open,
    Strict,
}

/// What a server did with a case: every byte it sent after INFO (Latin-1, one char per byte)
/// before the probe's answer, and whether it closed the connection instead of answering.
public sealed record ParityAnswer(string Received, bool Closed)
{
    public override string ToString() => (Closed ? "closed after '" : "kept after '") + Escape(Received) + "'";

    public static string Escape(string text) => text
        .Replace("\r", "\\r", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\0", "\\0", StringComparison.Ordinal);
}

/// One bad-input case. Sent is written in chunks, each flushed on its own (an op split across
/// TCP packets). Deliberate is Natrium's own answer where nats-server's is unsafe; Why says
/// why, and the README lists it.
public sealed record ParityCase(string Name, ParityBroker Broker, string[] Sent)
{
    public ParityAnswer? Deliberate { get; init; }

    public string? Why { get; init; }
}
