namespace Natrium.Gateway.Auth.Jwt;

/// JwtUserRecheck's answer: the outcome, the -ERR to send when closing, and for StillValid the
/// grant recomputed against the new account (null otherwise).
internal sealed record JwtRecheckResult(JwtRecheckOutcome Outcome, JwtUserGrant? Grant)
{
    public JwtClientError ClientError => Outcome.ClientError();

    public static JwtRecheckResult Close(JwtRecheckOutcome outcome) => new(outcome, null);
}
