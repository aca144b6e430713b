using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// An account JWT's exports, imports, mappings and JetStream switch in config mode's shape
/// (spec/jwt.md §4, spec/accounts.md §4–§6).
public sealed class JwtAccountConfigCompilerTests
{
    private const string Exporter = "AEXPORTER";

    [Fact]
    public void Export_public_service_has_no_accounts_and_default_threshold()
    {
        var export = JwtAccountConfigCompiler.ToExport(new Export { Subject = "svc.>", Type = ExportType.Service });
        Assert.Equal(
            (ExportKind.Service, "svc.>", (IReadOnlyList<string>?)null, ResponseType.Singleton, TimeSpan.FromMinutes(2), (int?)null),
            (export.Kind, export.Subject, export.Accounts, export.ResponseType, export.ResponseThreshold, export.AccountTokenPosition));
        Assert.False(export.TokenRequired);
        Assert.Empty(export.Revocations);
    }

    [Fact]
    public void Export_token_req_requires_a_token_and_keeps_revocations()
    {
        var export = JwtAccountConfigCompiler.ToExport(new Export
        {
            Subject = "priv.>",
            Type = ExportType.Stream,
            TokenRequired = true,
            Revocations = new Dictionary<string, long> { ["AIMPORTER"] = 42 },
        });
        Assert.Equal(ExportKind.Stream, export.Kind);
        Assert.True(export.TokenRequired);
        Assert.NotNull(export.Accounts);
        Assert.Empty(export.Accounts);
        Assert.Equal(42, export.Revocations["AIMPORTER"]);

        // Config mode's rule refuses such an export to every importer: there are no tokens there.
        Assert.False(ExportAuthorization.IsAllowed([export], "AIMPORTER", ExportKind.Stream, "priv.x"));
    }

    [Theory]
    [InlineData(null, ResponseType.Singleton)]
    [InlineData("Singleton", ResponseType.Singleton)]
    [InlineData("Stream", ResponseType.Stream)]
    [InlineData("Chunked", ResponseType.Chunked)]
    public void Export_response_type_maps(string? jwtType, ResponseType expected) =>
        Assert.Equal(expected, JwtAccountConfigCompiler.ToExport(new Export { Subject = "s", Type = ExportType.Service, ResponseType = jwtType }).ResponseType);

    [Fact]
    public void Export_response_threshold_is_nanoseconds()
    {
        var export = JwtAccountConfigCompiler.ToExport(new Export { Subject = "s", Type = ExportType.Service, ResponseThreshold = 5_000_000_000 });
        Assert.Equal(TimeSpan.FromSeconds(5), export.ResponseThreshold);
    }

    [Fact]
    public void Export_account_token_position_is_kept()
    {
        var export = JwtAccountConfigCompiler.ToExport(new Export { Subject = "acc.*.feed", Type = ExportType.Stream, AccountTokenPosition = 2 });
        Assert.Equal(2, export.AccountTokenPosition);
        Assert.Null(JwtAccountConfigCompiler.ToExport(new Export { Subject = "acc.*.feed", Type = ExportType.Stream }).AccountTokenPosition);
    }

    [Fact]
    public void Import_stream_plain()
    {
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "news.>", Type = ExportType.Stream, Token = "tok" });
        Assert.Equal(new AccountImport(ExportKind.Stream, Exporter, "news.>", null, null, false) { Token = "tok" }, import);
    }

    [Fact]
    public void Import_stream_local_subject_is_a_transform()
    {
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "news.*", LocalSubject = "mine.$1", Type = ExportType.Stream });
        Assert.Equal("news.*", import.Subject);
        Assert.Equal("mine.$1", import.To);
        Assert.Null(import.Prefix);
        Assert.Equal("mine.today", SubjectTransform.Create(import.Subject, import.To, import.Prefix).Apply("news.today"));
    }

    [Theory]
    [InlineData("fromA")]
    [InlineData("fromA.")]
    public void Import_stream_legacy_to_is_a_prefix(string to)
    {
        // nats-server AddStreamImportWithClaim: `to` is a prefix, a trailing dot not doubled.
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "news.>", To = to, Type = ExportType.Stream });
        Assert.Equal("fromA", import.Prefix);
        Assert.Null(import.To);
        Assert.Equal("fromA.news.today", SubjectTransform.Create(import.Subject, import.To, import.Prefix).Apply("news.today"));
    }

    [Fact]
    public void Import_service_local_subject_is_what_the_importer_publishes_on()
    {
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "svc.x", LocalSubject = "local.x", Type = ExportType.Service, Share = true });
        Assert.Equal(new AccountImport(ExportKind.Service, Exporter, "svc.x", "local.x", null, true), import);
    }

    [Fact]
    public void Import_service_legacy_to_is_the_exporters_subject()
    {
        // Seen on 2.9.10: import {subject: local.x, to: svc.x} → a request on local.x arrived
        // as svc.x in the exporter; {subject: svc.x, to: local.x} against export svc.x → nothing.
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "local.x", To = "svc.x", Type = ExportType.Service });
        Assert.Equal("svc.x", import.Subject);
        Assert.Equal("local.x", import.To);
    }

    [Fact]
    public void Import_service_plain_keeps_the_subject()
    {
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "svc.x", Type = ExportType.Service });
        Assert.Equal(new AccountImport(ExportKind.Service, Exporter, "svc.x", null, null, false), import);
    }

    [Theory]
    [InlineData("svc.*.*", "loc.*.*", "svc.*.*", "loc.A.B", "svc.A.B")]
    [InlineData("svc.*.*", "loc.$1.$2", "svc.*.*", "loc.A.B", "svc.A.B")]
    [InlineData("svc.*.*", "loc.$2.$1", "svc.$2.$1", "loc.A.B", "svc.B.A")]
    [InlineData("svc.*.*.*", "loc.$2.$3.$1", "svc.$2.$3.$1", "loc.A.B.C", "svc.B.C.A")]
    [InlineData("svc.*.x.>", "loc.$1.>", "svc.*.x.>", "loc.A.y.z", "svc.A.x.y.z")]
    public void Import_service_local_subject_wildcards_route_as_nats_server_does(
        string subject, string local, string expectedSubject, string published, string delivered)
    {
        // Seen on 2.9.10: local_subject loc.$2.$1 for svc.*.* turned a request on loc.A.B into
        // svc.B.A; loc.$2.$3.$1 for svc.*.*.* turned loc.A.B.C into svc.B.C.A.
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = subject, LocalSubject = local, Type = ExportType.Service });
        Assert.Equal(expectedSubject, import.Subject);
        Assert.DoesNotContain("$", import.To!, StringComparison.Ordinal);
        Assert.Equal(delivered, SubjectTransform.Create(import.To!, import.Subject, null).Apply(published));
    }

    [Fact]
    public void Import_service_reordered_subject_is_still_authorized_by_the_wildcard_export()
    {
        var import = JwtAccountConfigCompiler.ToImport(new Import { Account = Exporter, Subject = "svc.*.*", LocalSubject = "loc.$2.$1", Type = ExportType.Service });
        var exports = new[] { JwtAccountConfigCompiler.ToExport(new Export { Subject = "svc.*.*", Type = ExportType.Service }) };
        Assert.True(ExportAuthorization.IsAllowed(exports, "AIMPORTER", ExportKind.Service, import.Subject));
        var narrower = new[] { JwtAccountConfigCompiler.ToExport(new Export { Subject = "svc.a.*", Type = ExportType.Service }) };
        Assert.False(ExportAuthorization.IsAllowed(narrower, "AIMPORTER", ExportKind.Service, import.Subject));
    }

    [Fact]
    public void Compile_mappings_weight_zero_is_one_hundred()
    {
        var claims = new AccountClaims
        {
            Subject = "AACCOUNT",
            Nats = new AccountNats
            {
                Mappings = new Dictionary<string, IReadOnlyList<WeightedMapping>>
                {
                    ["old.*"] = [new WeightedMapping { Subject = "new.$1" }],
                    ["canary"] = [new WeightedMapping { Subject = "v1", Weight = 80, Cluster = "c1" }, new WeightedMapping { Subject = "v2", Weight = 20 }],
                },
            },
        };
        var config = JwtAccountConfigCompiler.Compile(claims);
        Assert.Equal("AACCOUNT", config.Name);
        var old = Assert.Single(config.Mappings, m => m.Source == "old.*");
        Assert.Equal(new MappingDestination("new.$1", 100, null), Assert.Single(old.Destinations));
        var canary = Assert.Single(config.Mappings, m => m.Source == "canary");
        Assert.Equal([new MappingDestination("v1", 80, "c1"), new MappingDestination("v2", 20, null)], canary.Destinations);
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(-1, 0, true)]
    [InlineData(0, 1024, true)]
    public void Compile_jetstream_is_on_when_storage_is_not_zero(long memory, long disk, bool expected)
    {
        var claims = new AccountClaims { Subject = "A", Nats = new AccountNats { Limits = new OperatorLimits { MemoryStorage = memory, DiskStorage = disk } } };
        Assert.Equal(expected, JwtAccountConfigCompiler.Compile(claims).JetStream);
    }

    [Fact]
    public void Compile_jetstream_is_on_for_a_tier_with_storage()
    {
        var tiers = new Dictionary<string, JetStreamLimits> { ["R1"] = new() { DiskStorage = -1 } };
        var claims = new AccountClaims { Subject = "A", Nats = new AccountNats { Limits = new OperatorLimits { TieredLimits = tiers } } };
        Assert.True(JwtAccountConfigCompiler.Compile(claims).JetStream);
        var off = new Dictionary<string, JetStreamLimits> { ["R1"] = new() { Streams = 3 } };
        Assert.False(JwtAccountConfigCompiler.Compile(claims with { Nats = new AccountNats { Limits = new OperatorLimits { TieredLimits = off } } }).JetStream);
    }

    [Fact]
    public void Compile_exports_and_imports_keep_their_order()
    {
        var claims = new AccountClaims
        {
            Subject = "A",
            Nats = new AccountNats
            {
                Exports = [new Export { Subject = "b", Type = ExportType.Stream }, new Export { Subject = "a", Type = ExportType.Service }],
                Imports = [new Import { Account = Exporter, Subject = "z", Type = ExportType.Service }, new Import { Account = Exporter, Subject = "y", Type = ExportType.Stream }],
            },
        };
        var config = JwtAccountConfigCompiler.Compile(claims);
        Assert.Equal(["b", "a"], config.Exports.Select(e => e.Subject));
        Assert.Equal(["z", "y"], config.Imports.Select(i => i.Subject));
    }
}
