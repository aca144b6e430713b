namespace Natrium.Contracts.Accounts;

/// JWT-mode answer of ExportAuthorization.Authorize. ActivationExpires is the activation token's
/// `exp`, when the import is allowed through a token that expires: the import must then be
/// removed at that time (spec/jwt.md §9).
[GenerateSerializer, Immutable, Alias("natrium.import-authorization")]
public sealed record ImportAuthorization(
    [property: Id(0)] bool IsAllowed,
    [property: Id(1)] ActivationStatus Activation,
    [property: Id(2)] DateTimeOffset? ActivationExpires)
{
    public static ImportAuthorization Public { get; } = new(true, ActivationStatus.NotRequired, null);

    /// No export of that kind covers the subject, or none admits the importer.
    public static ImportAuthorization NotExported { get; } = new(false, ActivationStatus.NotRequired, null);
}
