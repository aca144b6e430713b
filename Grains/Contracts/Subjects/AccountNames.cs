namespace Natrium.Contracts.Subjects;

/// Names of accounts that exist before any configuration: nats-server's global account
/// holds every user that is not in an account.
public static class AccountNames
{
    public const string Global = "$G";
}
