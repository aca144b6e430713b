using Natrium.Contracts.Accounts;

namespace Natrium.Gateway.Routing;

/// A service import, compiled for the importing account's routing: a request published there on
/// LocalSubject goes to Exporter under the transformed subject, with its reply rewritten to an
/// `_R_` subject that leads back to the requester (spec/accounts.md §5).
internal sealed record ServiceImportRoute(
    byte[] LocalSubject,
    AccountRouting Exporter,
    SubjectTransform Transform,
    ResponseType ResponseType,
    TimeSpan ResponseThreshold);
