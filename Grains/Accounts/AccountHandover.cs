using Natrium.Contracts.Accounts;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Accounts;

/// What an account grain hands to its next activation when Orleans migrates it (rebalancing):
/// everything it holds in memory. The JWT in use travels as issued and is verified again.
[GenerateSerializer, Alias("natrium.account-handover")]
internal sealed record AccountHandover(
    [property: Id(0)] Dictionary<string, Dictionary<ulong, long>> Connections,
    [property: Id(1)] long Admissions,
    [property: Id(2)] GatewayRef[] Subscribers,
    [property: Id(3)] Dictionary<string, AccountImport[]> ImportsByImporter,
    [property: Id(4)] AccountExport[] ConfigExports,
    [property: Id(5)] StreamImportGrants Grants,
    [property: Id(6)] string? Jwt,
    [property: Id(7)] bool JwtLoaded,
    [property: Id(8)] GatewayRef[] InterestGateways,
    [property: Id(9)] string[] StartedShards);
