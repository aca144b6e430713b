using Natrium.Contracts.JetStream;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Accounts;

/// The account-wide answers: `$JS.API.INFO` (§1), STREAM.NAMES and LIST (§2.5), and what a
/// request for a stream the account does not have gets.
internal sealed partial class JetStreamAccountGrain
{
    private async Task<AccountInfoView> AccountInfoAsync(JetStreamAccountLimits limits, string? domain)
    {
        var snapshots = await SnapshotsAsync(_configs.Keys);
        ulong memory = 0, storage = 0, apiTotal = _apiTotal, apiErrors = _apiErrors;
        var consumers = 0;
        foreach (var snapshot in snapshots)
        {
            if (snapshot.Memory)
            {
                memory += snapshot.Bytes;
            }
            else
            {
                storage += snapshot.Bytes;
            }

            consumers += snapshot.Consumers;
            apiTotal += snapshot.ApiTotal;
            apiErrors += snapshot.ApiErrors;
        }

        return new AccountInfoView(memory, storage, _configs.Count, consumers, LimitsView.Of(limits), domain, apiTotal, apiErrors);
    }

    public async Task<JetStreamReport> Report(bool consumers)
    {
        var names = _configs.Keys.Order(StringComparer.Ordinal).ToList();
        var snapshots = await Task.WhenAll(names.Select(name => StreamGrain(name).Snapshot()));
        List<string> present = [];
        List<StreamSnapshot> streams = [];
        ulong apiTotal = _apiTotal, apiErrors = _apiErrors;
        for (var i = 0; i < names.Count; i++)
        {
            if (snapshots[i] is { } snapshot)
            {
                present.Add(names[i]);
                streams.Add(snapshot);
                apiTotal += snapshot.ApiTotal;
                apiErrors += snapshot.ApiErrors;
            }
        }

        var details = consumers ? await Task.WhenAll(present.Select(name => StreamGrain(name).ConsumerReports())) : null;
        return new JetStreamReport(present, streams, apiTotal, apiErrors, details);
    }

    private Answer Names(byte[] body)
    {
        var request = PagedRequest.Parse(body);
        if (request.IsError)
        {
            return Answer.Error(JsApiOp.StreamNames, request.Error!);
        }

        return Answer.Ok(StreamResponses.Names(Matching(request.Value!.Subject), request.Value.Offset));
    }

    private async Task<Answer> ListAsync(byte[] body, string? domain)
    {
        var request = PagedRequest.Parse(body);
        if (request.IsError)
        {
            return Answer.Error(JsApiOp.StreamList, request.Error!);
        }

        // Only the streams on the page are asked for their state.
        var names = ApiPage<string>.Of(Matching(request.Value!.Subject), n => n, request.Value.Offset, ApiLimits.List);
        var infos = (await SnapshotsAsync(names.Items)).Select(StreamViews.Info).ToList();
        return Answer.Ok(StreamResponses.List(new ApiPage<StreamInfoView>(names.Total, names.Offset, names.Limit, infos), domain));
    }

    /// The streams whose subjects overlap the filter (all without one).
    private IEnumerable<string> Matching(string? subject) =>
        string.IsNullOrEmpty(subject)
            ? _configs.Keys
            : _configs.Where(c => StreamConfigRules.Overlaps([subject], c.Value.Subjects ?? [])).Select(c => c.Key);

    private async Task<List<StreamSnapshot>> SnapshotsAsync(IEnumerable<string> names)
    {
        var snapshots = await Task.WhenAll(names.Select(name => StreamGrain(name).Snapshot()));
        return [.. snapshots.OfType<StreamSnapshot>()];
    }
}
