using Natrium.Contracts.Security;

namespace Natrium.Grains.Accounts;

/// The silo's operator-mode settings as the account grains read them: which operators are
/// trusted and how the resolver works. Null in config mode. Set at start and by a reload.
internal sealed class OperatorMode
{
    private TrustedOperators? _trust;

    public TrustedOperators? Trust
    {
        get => Volatile.Read(ref _trust);
        set => Volatile.Write(ref _trust, value);
    }
}
