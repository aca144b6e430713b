namespace Natrium.Contracts.Security;

/// One direction (publish or subscribe) of a permission set: allow and deny subject lists
/// (spec/authorization.md §2). Null list = not set. Subscribe entries may be "subject queue".
[GenerateSerializer, Immutable, Alias("natrium.subject-permission")]
public sealed record SubjectPermission(
    [property: Id(0)] IReadOnlyList<string>? Allow,
    [property: Id(1)] IReadOnlyList<string>? Deny);
