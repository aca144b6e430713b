namespace Natrium.Tests.Integration.Parity;

/// The bad-input corpus (issue 16 item 5): every client op with malformed arguments, odd
/// CONNECT JSON, over-long lines and stray bytes. One file per op family.
public static partial class ParityCorpus
{
    // verbose and pedantic off, so only errors and deliveries come back.
    private const string Quiet = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private const string QuietHeaders = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";
    private const string Login = "CONNECT {\"verbose\":false,\"pedantic\":false,\"user\":\"u\",\"pass\":\"pw\"}\r\n";

    // Longer than the default max_control_line (4096) and than Strict's (256).
    private static readonly string OverDefault = new('a', 5000);
    private static readonly string OverStrict = new('a', 300);

    public static IReadOnlyList<ParityCase> All { get; } =
        [.. ConnectCases(), .. PubCases(), .. HPubCases(), .. SubCases(), .. UnsubCases(), .. LineCases(), .. LimitCases()];

    public static ParityCase Find(string name) => All.Single(c => c.Name == name);

    private static ParityCase Open(string name, params string[] sent) => new(name, ParityBroker.Open, sent);

    private static ParityCase Strict(string name, params string[] sent) => new(name, ParityBroker.Strict, sent);
}
