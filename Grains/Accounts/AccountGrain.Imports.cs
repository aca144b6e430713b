using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Accounts;

/// Exports and imports (spec/accounts.md §3–§5): this grain decides who may import from the
/// account, keeps what other accounts declared they import from it, and grants the stream
/// imports its exports allow. Gateways serving the account subscribe and apply the grants
/// where the account's messages are published, so an import works whichever gateway the
/// importer's subscribers use; a change of exports or imports reaches them at once.
internal sealed partial class AccountGrain
{
    /// How long a push may take before the receiving gateway is considered gone.
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, GatewayRef> _subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountImport[]> _importsByImporter = new(StringComparer.Ordinal);
    private IReadOnlyList<AccountExport> _configExports = [];
    // Versions start from the clock, so a grain activated again (after a failover) still
    // counts above what gateways saw from its previous activation.
    private StreamImportGrants _grants = new(DateTime.UtcNow.Ticks, []);

    public async Task SetExports(AccountExportList exports)
    {
        _configExports = exports.Exports;
        await RegrantAsync();
    }

    public async Task<ImportTerms?> AuthorizeImport(string importer, ExportKind kind, string subject, string? token)
    {
        await LoadJwtAsync();
        return Authorize(importer, kind, subject, token);
    }

    public async Task SetImports(string importer, AccountImport[] imports)
    {
        if (imports.Length == 0)
        {
            _importsByImporter.Remove(importer);
        }
        else
        {
            _importsByImporter[importer] = imports;
        }

        await RegrantAsync();
    }

    public Task<StreamImportGrants> Subscribe(GatewayRef gateway)
    {
        _subscribers[gateway.Id] = gateway;
        return Task.FromResult(_grants);
    }

    public Task Unsubscribe(string gatewayId)
    {
        _subscribers.Remove(gatewayId);
        return Task.CompletedTask;
    }

    /// The terms of the export that admits the import, or null. In operator mode the exporter's
    /// JWT decides, activation tokens included; a token's expiry ends the import then.
    private ImportTerms? Authorize(string importer, ExportKind kind, string subject, string? token)
    {
        if (_jwtAccount is { } account)
        {
            var decision = ExportAuthorization.Authorize(account, importer, kind, subject, token, DateTimeOffset.UtcNow);
            if (!decision.IsAllowed)
            {
                return null;
            }

            var export = account.Config.Exports.First(e => e.Kind == kind && ExportAuthorization.Covers(e.Subject, subject));
            return new ImportTerms(export.ResponseType, export.ResponseThreshold) { Expires = decision.ActivationExpires };
        }

        return ExportAuthorization.FindAllowing(_configExports, importer, kind, subject) is { } allowing
            ? new ImportTerms(allowing.ResponseType, allowing.ResponseThreshold)
            : null;
    }

    /// Decides every declared stream import again and tells subscribers if the grants changed.
    private async Task RegrantAsync()
    {
        var grants = new List<StreamImportGrant>();
        DateTimeOffset? nextExpiry = null;
        foreach (var (importer, imports) in _importsByImporter.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            foreach (var import in imports)
            {
                if (import.Kind == ExportKind.Stream && Authorize(importer, ExportKind.Stream, import.Subject, import.Token) is { } terms)
                {
                    grants.Add(new StreamImportGrant(importer, import.Subject, import.To, import.Prefix));
                    nextExpiry = terms.Expires is { } at && (nextExpiry is null || at < nextExpiry) ? at : nextExpiry;
                }
            }
        }

        ScheduleRegrant(nextExpiry);

        if (grants.SequenceEqual(_grants.Grants))
        {
            return;
        }

        _grants = new StreamImportGrants(_grants.Version + 1, [.. grants]);
        var account = this.GetPrimaryKeyString();
        var current = _grants;
        await PushAsync(g => g.Observer.OnStreamImports(account, current));
    }

    /// An activation token that admits a stream import expires: the grants are decided again then.
    private void ScheduleRegrant(DateTimeOffset? at)
    {
        _regrantTimer?.Dispose();
        _regrantTimer = null;
        if (at is { } when)
        {
            var due = when - DateTimeOffset.UtcNow;
            _regrantTimer = this.RegisterGrainTimer(RegrantAsync, new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        }
    }

    private IGrainTimer? _regrantTimer;

    /// Sends a change to every subscribed gateway and waits until all have it; one that fails
    /// or does not answer in time is dropped (it re-subscribes when it serves the account again).
    private async Task PushAsync(Func<GatewayRef, Task> push)
    {
        var targets = _subscribers.Values.ToArray();
        var pushes = targets.Select(g => push(g).WaitAsync(PushTimeout)).ToArray();
        try
        {
            await Task.WhenAll(pushes);
        }
        catch (Exception)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                if (!pushes[i].IsCompletedSuccessfully)
                {
                    LogGatewayDropped(logger, targets[i].Id, this.GetPrimaryKeyString(), pushes[i].Exception?.GetBaseException().Message);
                    _subscribers.Remove(targets[i].Id);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId} did not take a change of account {Account} and was dropped: {Reason}")]
    private static partial void LogGatewayDropped(ILogger logger, string gatewayId, string account, string? reason);
}
