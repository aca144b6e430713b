using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.JetStream;
using Natrium.Gateway.Routing;
using Natrium.Gateway.Streams;

namespace Natrium.Gateway.Hosting;

/// JetStream on this gateway: every account it serves gets its JetStream view (when the server
/// runs JetStream), subscribed to the account's JetStream grain for the subjects to capture
/// once the account is attached here (an account nobody uses here costs its grain nothing).
public sealed partial class GatewayNode
{
    private void AttachJetStream(AccountRouting account)
    {
        if (Options.JetStream is not { Enabled: true } jetStream)
        {
            return;
        }

        account.JetStream = new AccountJetStream(account, JetStreamLimitsFor(account.Name), jetStream.Domain, _grains, () => Self, Logger);
        account.Attaching = SubscribeJetStreamAsync;
    }

    /// The account's JetStream grain started again without its subscribers (Orleans ended it,
    /// or its node died): subscribe to the next activation.
    internal void OnJetStreamGrainEnded(string account)
    {
        if (FindAccount(account) is { JetStream: not null } routing)
        {
            _ = RetryAsync(account, async () => routing.JetStream?.SetSubjects(await _grains.GetGrain<IJetStreamAccountGrain>(account).Subscribe(Self)));
        }
    }

    private async Task SubscribeJetStreamAsync(AccountRouting account)
    {
        try
        {
            account.JetStream?.SetSubjects(await _grains.GetGrain<IJetStreamAccountGrain>(account.Name).Subscribe(Self));
        }
        catch (Exception e)
        {
            LogJetStreamSubscribeFailed(Logger, account.Name, e.Message);
        }
    }

    /// The account's JetStream limits, or null when JetStream is not enabled for it: from the
    /// account JWT in operator mode, from the config otherwise.
    internal JetStreamAccountLimits? JetStreamLimitsFor(string account) =>
        Options.Operators is not null
            ? JetStreamLimitsOf(JwtAccounts.Find(account))
            : Options.JetStreamAccounts.GetValueOrDefault(account);

    /// An account JWT's JetStream limits (spec/jwt.md §4): enabled iff storage is granted.
    /// With tiered limits the R1 tier applies (else the first tier by name): one set of limits
    /// per account, whatever num_replicas a stream asks for.
    internal static JetStreamAccountLimits? JetStreamLimitsOf(JwtAccount? account)
    {
        if (account?.Claims.Nats.Limits is not { IsJetStreamEnabled: true } limits)
        {
            return null;
        }

        var js = limits.TieredLimits.Count == 0 ? limits.JetStream
            : limits.TieredLimits.GetValueOrDefault("R1") ?? limits.TieredLimits.OrderBy(t => t.Key, StringComparer.Ordinal).First().Value;
        return new JetStreamAccountLimits(
            js.MemoryStorage, js.DiskStorage, Int(js.Streams), Int(js.Consumer), Int(js.MaxAckPending),
            js.MemoryMaxStreamBytes, js.DiskMaxStreamBytes, js.MaxBytesRequired);
    }

    /// An account JWT changed: its JetStream limits here follow.
    internal void UpdateJetStreamLimits(string account, JwtAccount? jwtAccount) =>
        FindAccount(account)?.JetStream?.SetLimits(JetStreamLimitsOf(jwtAccount));

    private static int Int(long value) => value is < 0 or > int.MaxValue ? -1 : (int)value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: subscribing to its streams failed: {Reason}")]
    private static partial void LogJetStreamSubscribeFailed(ILogger logger, string account, string reason);
}
