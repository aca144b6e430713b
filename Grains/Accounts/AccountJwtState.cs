namespace Natrium.Grains.Accounts;

/// What the resolver keeps of an account in operator mode: its JWT as issued. The directory
/// storage writes exactly this text to `<dir>/<account key>.jwt`, as nats-server's full
/// resolver lays it out, so an existing resolver directory works unchanged.
[GenerateSerializer, Alias("natrium.account-jwt-state")]
internal sealed class AccountJwtState
{
    [Id(0)] public string? Jwt { get; set; }
}
