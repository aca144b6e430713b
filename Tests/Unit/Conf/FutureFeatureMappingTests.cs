using Natrium.Contracts.Accounts;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// Exports, imports, mappings, the system account and JetStream read into typed options now;
/// JetStream is refused at start until Natrium implements it.
public sealed class FutureFeatureMappingTests
{
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
        Assert.Empty(d.Errors);
    }

    [Fact]
    public void Jetstream_and_system_account_are_typed_with_the_encryption_key_kept_secret()
    {
        var (o, d) = Map("""
            jetstream { store_dir: "/data/js", max_mem: 1GB, max_file: 10GB, key: "k", prev_key: "old", cipher: aes, sync_interval: always }
            system_account: SYS
            """);
        var js = o.JetStreamConfig!;
        Assert.Equal(("/data/js", 1L << 30, 10L << 30, "k", "old", "aes", true), (js.StoreDir, js.MaxMemoryStore, js.MaxFileStore, js.Key, js.PreviousKey, js.Cipher, js.SyncAlways));
        Assert.DoesNotContain("\"k\"", js.ToString(), StringComparison.Ordinal);
        Assert.Equal("SYS", o.SystemAccount);
        Assert.Empty(d.Errors);
    }

    [Theory]
    [InlineData("accounts { B { imports: [ { stream: { account: A, subject: x }, prefix: p, to: y } ] } }", "a stream import can not have both a prefix and a to")]
    [InlineData("jetstream { cipher: Rot13 }", "Unknown cipher type: \"Rot13\"")]
    [InlineData("mappings: { a: [ {destination: b, weight: 80}, {destination: c, weight: 30} ] }", "weighted mapping: the weights add up to more than 100")]
    public void Mistakes_in_them_are_errors(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Contains(d.Errors, e => e.EndsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("accounts { A { exports: [ {stream: \"x.>\", accounts: [B]} ] }, B { }, C { imports: [ {stream: {account: A, subject: \"x.>\"}} ] } }", "Error adding stream import \"x.>\": stream import not authorized")]
    [InlineData("accounts { C { imports: [ {stream: {account: Z, subject: \"x\"}} ] } }", "\"Z\" account not defined for stream import")]
    [InlineData("accounts { D { exports: [ {service: \"loop.req\"} ], imports: [ {service: {account: E, subject: \"loop.req\"}} ] }, E { exports: [ {service: \"loop.req\"} ], imports: [ {service: {account: D, subject: \"loop.req\"}} ] } }", "Error adding service import \"loop.req\": import forms a cycle")]
    [InlineData("accounts { A { exports: [ {service: \"a.>\"} ], imports: [ {service: {account: C, subject: \"a.x\"}} ] }, B { exports: [ {service: \"a.>\"} ], imports: [ {service: {account: A, subject: \"a.>\"}} ] }, C { exports: [ {service: \"a.>\"} ], imports: [ {service: {account: B, subject: \"a.>\"}} ] } }", "Error adding service import \"a.x\": import forms a cycle")]
    public void Imports_are_checked_against_exports_at_load(string text, string expected)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            var (options, diagnostics) = ServerOptionsLoader.Load(new Natrium.Silo.Cli.CommandLineOptions { ConfigFile = path });
            Assert.Null(options);
            Assert.Contains(expected, diagnostics.Errors);
        }
        finally
        {
            File.Delete(path);
        }
    }


    [Fact]
    public void A_chain_of_service_imports_without_a_cycle_loads()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "accounts { A { exports: [ {service: \"a.req\"} ] }, B { exports: [ {service: \"a.req\"} ], imports: [ {service: {account: A, subject: \"a.req\"}} ] }, C { imports: [ {service: {account: B, subject: \"a.req\"}} ] } }");
            var (options, diagnostics) = ServerOptionsLoader.Load(new Natrium.Silo.Cli.CommandLineOptions { ConfigFile = path });
            Assert.Empty(diagnostics.Errors);
            Assert.NotNull(options);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("news.>", null, "fromA", "news.today", "fromA.news.today")]
    [InlineData("news.>", "renamed.>", null, "news.today.x", "renamed.today.x")]
    [InlineData("orders.*.*", "shipping.$2.$1", null, "orders.eu.42", "shipping.42.eu")]
    [InlineData("orders.*", "o.{{wildcard(1)}}", null, "orders.7", "o.7")]
    [InlineData("a.b", null, null, "a.b", "a.b")]
    [InlineData("part.*", "part.{{partition(3,1)}}.{{wildcard(1)}}", null, "part.a", "part.1.a")]
    [InlineData("part.*", "part.{{partition(3,1)}}.{{wildcard(1)}}", null, "part.b", "part.1.b")]
    [InlineData("part.*", "part.{{partition(3,1)}}.{{wildcard(1)}}", null, "part.c", "part.2.c")]
    public void Stream_import_subjects_transform_as_nats_does(string source, string? to, string? prefix, string subject, string expected)
    {
        Assert.Equal(expected, SubjectTransform.Create(source, to, prefix).Apply(subject));
    }

    [Theory]
    [InlineData("x.>", null, null, "B", "x.y", true)]
    [InlineData("x.>", "B", null, "B", "x.y", true)]
    [InlineData("x.>", "B", null, "C", "x.y", false)]
    [InlineData("x.y", null, null, "B", "x.>", false)]
    [InlineData("acc.*.feed", null, 2, "B", "acc.B.feed", true)]
    [InlineData("acc.*.feed", null, 2, "B", "acc.C.feed", false)]
    public void Export_authorization_follows_the_spec(string export, string? account, int? tokenPosition, string importer, string subject, bool allowed)
    {
        var exports = new[] { new AccountExport(ExportKind.Stream, export, account is null ? null : [account], ResponseType.Singleton, AccountExport.DefaultResponseThreshold, tokenPosition) };
        Assert.Equal(allowed, ExportAuthorization.IsAllowed(exports, importer, ExportKind.Stream, subject));
    }
}
