using Natrium.Contracts.Accounts;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// The service imports nats-server gives every account from the system account
/// (spec/accounts.md §7, seen on 2.9.10 in /accountz): a user of any account may ask for its
/// own account's connections and statistics. The importer's name is put into the subject here,
/// from the account the client authenticated in, so nothing a requester sends can name another
/// account; every server that answers `$SYS.REQ.ACCOUNT.<acc>.…` answers it, as for the system
/// account's own requests.
internal static class SystemImports
{
    /// Requests under this prefix are the only ones worth checking against the imports.
    public static ReadOnlySpan<byte> Prefix => "$SYS.REQ."u8;

    /// The system account's exports behind them, and how they answer (many servers, many answers).
    public static readonly IReadOnlyList<string> Exports = ["$SYS.REQ.ACCOUNT.*.CONNZ", "$SYS.REQ.ACCOUNT.*.STATZ"];

    /// (subject in the importing account, endpoint of `$SYS.REQ.ACCOUNT.<importer>.<endpoint>`).
    public static readonly IReadOnlyList<(string Subject, string Endpoint)> Subjects =
    [
        ("$SYS.REQ.ACCOUNT.PING.CONNZ", "CONNZ"),
        ("$SYS.REQ.SERVER.PING.CONNZ", "CONNZ"),
        ("$SYS.REQ.ACCOUNT.PING.STATZ", "STATZ"),
    ];

    /// The exporter's subject an import leads to for this importer.
    public static string To(string importer, string endpoint) => $"$SYS.REQ.ACCOUNT.{importer}.{endpoint}";

    /// The routes of one importing account; none for the system account itself.
    public static ServiceImportRoute[] For(string importer, AccountRouting system) =>
        importer == system.Name
            ? []
            : [.. Subjects.Select(s => new ServiceImportRoute(
                SubjectText.ToBytes(s.Subject), system, SubjectTransform.Create(s.Subject, To(importer, s.Endpoint), null), ResponseType.Stream, AccountExport.DefaultResponseThreshold))];
}
