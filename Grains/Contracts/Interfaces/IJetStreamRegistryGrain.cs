namespace Natrium.Contracts.Interfaces;

/// The accounts that have stored JetStream state (key: JetStreamRegistry.Key). Their names are
/// inside sealed files only, so a key rotation needs this list to find everything to reseal.
public interface IJetStreamRegistryGrain : IGrainWithStringKey
{
    /// Records the account (durably) before its first state is written; idempotent.
    Task Add(string account);

    Task<string[]> Accounts();

    /// Key rotation: write the list again, sealed under the server's current key.
    Task Reseal();
}

public static class JetStreamRegistry
{
    public const string Key = "accounts";
}
