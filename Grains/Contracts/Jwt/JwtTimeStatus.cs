namespace Natrium.Contracts.Jwt;

/// Result of JwtClaims.CheckTimes.
public enum JwtTimeStatus
{
    Valid,
    Expired,
    NotYetValid,
}
