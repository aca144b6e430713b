namespace Natrium.Contracts.Security;

/// A user's permissions as configured (config file, JWT or callout), before compilation into
/// matchers. Null members are not set: with nothing set, everything is allowed.
[GenerateSerializer, Immutable, Alias("natrium.permissions-config")]
public sealed record PermissionsConfig(
    [property: Id(0)] SubjectPermission? Publish,
    [property: Id(1)] SubjectPermission? Subscribe,
    [property: Id(2)] ResponsePermission? Responses);
