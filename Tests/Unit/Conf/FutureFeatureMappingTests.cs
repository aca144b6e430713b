using Natrium.Contracts.Accounts;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;

namespace Natrium.Tests.Unit.Conf;

/// Exports, imports, mappings, the system account, JetStream and operator settings read into
/// typed options now, and are refused at start until Natrium implements them.
public sealed class FutureFeatureMappingTests
{
    private static (ServerOptions Options, ConfDiagnostics Diagnostics) Map(string text)
    {
        var diagnostics = new ConfDiagnostics();
        return (ServerOptionsMapper.Map(ConfParser.ParseString(text, "t.conf", _ => null), diagnostics), diagnostics);
    }

    [Fact]
    public void Exports_imports_and_mappings_are_typed()
    {
        var (o, d) = Map("""
            accounts {
              A: {
                exports: [
                  { service: "svc.>", response_type: stream, response_threshold: "5s" }
                  { stream: "news.>", accounts: [B] }
                  { stream: "acc.*.feed", account_token_position: 2 }
                ]
                mappings: { "old.>": "new.>", "canary": [ {destination: "canary.v1", weight: 80%}, {destination: "canary.v2", weight: 20} ] }
              }
              B: {
                imports: [
                  { service: { account: A, subject: "svc.x" }, to: "local.x", share: true }
                  { stream: { account: A, subject: "news.>" }, prefix: "fromA" }
                ]
              }
            }
            """);
        var a = o.Accounts.Single(x => x.Name == "A");
        Assert.Equal(new AccountExport(ExportKind.Service, "svc.>", null, ResponseType.Stream, TimeSpan.FromSeconds(5), null), a.Exports[0]);
        Assert.Equal(["B"], a.Exports[1].Accounts!);
        Assert.Equal(2, a.Exports[2].AccountTokenPosition);
        Assert.Equal([new MappingDestination("canary.v1", 80, null), new MappingDestination("canary.v2", 20, null)], a.Mappings.Single(m => m.Source == "canary").Destinations);
        var b = o.Accounts.Single(x => x.Name == "B");
        Assert.Equal(new AccountImport(ExportKind.Service, "A", "svc.x", "local.x", null, true), b.Imports[0]);
        Assert.Equal("fromA", b.Imports[1].Prefix);
        Assert.Equal(3, d.Errors.Count(e => e.Contains("not supported by Natrium yet", StringComparison.Ordinal)));
    }

    [Fact]
    public void Jetstream_operator_and_system_account_are_typed_and_refused()
    {
        var (o, d) = Map("""
            jetstream { store_dir: "/data/js", max_mem: 1GB, max_file: 10GB, key: "k", prev_key: "old", cipher: aes, sync_interval: always }
            system_account: SYS
            operator: "/etc/nats/op.jwt"
            resolver: { type: full, dir: "./jwt", allow_delete: true, interval: "2m", limit: 1000 }
            resolver_preload: { ABC: "eyJ..." }
            """);
        var js = o.JetStreamConfig!;
        Assert.Equal(("/data/js", 1L << 30, 10L << 30, "k", "old", "aes", true), (js.StoreDir, js.MaxMemoryStore, js.MaxFileStore, js.Key, js.PreviousKey, js.Cipher, js.SyncAlways));
        Assert.DoesNotContain("\"k\"", js.ToString(), StringComparison.Ordinal);
        Assert.Equal("SYS", o.SystemAccount);
        Assert.Equal(["/etc/nats/op.jwt"], o.Operator.Operators);
        Assert.Equal(("full", "./jwt", true, 1000), (o.Operator.ResolverType, o.Operator.ResolverDir, o.Operator.ResolverAllowDelete, o.Operator.ResolverLimit));
        Assert.Equal("eyJ...", o.Operator.Preload["ABC"]);
        Assert.Equal(5, d.Errors.Count(e => e.Contains("not supported by Natrium yet", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("accounts { B { imports: [ { stream: { account: A, subject: x }, prefix: p, to: y } ] } }", "a stream import can not have both a prefix and a to")]
    [InlineData("jetstream { cipher: rot13 }", "Unknown cipher \"rot13\"")]
    [InlineData("mappings: { a: [ {destination: b, weight: 80}, {destination: c, weight: 30} ] }", "weighted mapping: the weights add up to more than 100")]
    [InlineData("resolver: { type: weird }", "resolver: type must be full or cache")]
    public void Mistakes_in_them_are_errors(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Contains(d.Errors, e => e.EndsWith(expected, StringComparison.Ordinal));
    }
}
