namespace Natrium.Gateway.Auth;

/// Startup findings for an AuthorizationConfig: errors stop the server, warnings are logged.
/// The texts are nats-server's, word for word, so scripts and users recognise them.
internal sealed record AuthorizationValidationResult(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
