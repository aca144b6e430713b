namespace Natrium.Contracts.Messages;

/// The stream imports an exporting account grants, as a whole, with a version that grows with
/// every change so a gateway never lets an older list replace a newer one.
[GenerateSerializer, Immutable, Alias("natrium.stream-import-grants")]
public sealed record StreamImportGrants(
    [property: Id(0)] long Version,
    [property: Id(1)] StreamImportGrant[] Grants);
