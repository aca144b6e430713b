namespace Natrium.Contracts.Accounts;

/// The outcome of ActivationToken.Verify; Expires is set only for a valid token with `exp`.
public readonly record struct ActivationResult(ActivationStatus Status, DateTimeOffset? Expires)
{
    public bool IsValid => Status == ActivationStatus.Valid;
}
