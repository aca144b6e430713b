using Natrium.Contracts.Accounts;

namespace Natrium.Gateway.Routing;

/// A stream import, compiled for the exporting account's routing: messages published there
/// on Subject are also delivered in Target under the transformed subject (accounts.md §4).
internal sealed record StreamImportRoute(byte[] Subject, AccountRouting Target, SubjectTransform Transform);
