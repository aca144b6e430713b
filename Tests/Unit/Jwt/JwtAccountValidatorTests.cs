using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// The validation nats-server 2.9.10 (jwt v2.3.0) runs on account JWTs; each refused account
/// makes its users' logins fail (spec/jwt.md §4 last paragraph).
public sealed class JwtAccountValidatorTests
{
    private static readonly string Self = NKeyPair.Create(NKeyPrefix.Account).PublicKey;
    private static readonly string Other = NKeyPair.Create(NKeyPrefix.Account).PublicKey;

    private static string? Validate(AccountNats nats) => JwtAccountValidator.Validate(new AccountClaims { Subject = Self, Nats = nats });

    private static AccountNats With(params Export[] exports) => JwtAuthority.Open with { Exports = exports };

    private static AccountNats With(params Import[] imports) => JwtAuthority.Open with { Imports = imports };

    private static Export Service(string subject) => new() { Subject = subject, Type = ExportType.Service };

    [Fact]
    public void Validate_nsc_style_account_passes() => Assert.Null(Validate(JwtAuthority.Open));

    [Fact]
    public void Validate_exports_with_absent_exports_limit_are_refused()
    {
        // Seen on 2.9.10: "the account contains more exports than allowed by the operator" and
        // the account's user got Authorization Violation.
        Assert.Equal(JwtAccountValidator.TooManyExports, Validate(With(Service("svc.a")) with { Limits = JwtAuthority.Unlimited with { Exports = 0 } }));
        Assert.Null(Validate(With(Service("svc.a")) with { Limits = JwtAuthority.Unlimited with { Exports = 1 } }));
    }

    [Fact]
    public void Validate_imports_with_absent_imports_limit_are_refused()
    {
        var nats = With(new Import { Account = Other, Subject = "svc.a", Type = ExportType.Service });
        Assert.Equal(JwtAccountValidator.TooManyImports, Validate(nats with { Limits = JwtAuthority.Unlimited with { Imports = 0 } }));
        Assert.Null(Validate(nats));
    }

    [Fact]
    public void Validate_wildcard_export_needs_wildcards_when_exports_are_limited()
    {
        // Seen on 2.9.10: svc.* with exports 5 and no wildcards → refused; with exports -1 the
        // wildcard rule does not run at all and the account loads.
        var limited = With(Service("svc.*")) with { Limits = JwtAuthority.Unlimited with { Exports = 5, WildcardExports = false } };
        Assert.Equal(JwtAccountValidator.WildcardExports, Validate(limited));
        Assert.Null(Validate(limited with { Limits = limited.Limits with { WildcardExports = true } }));
        Assert.Null(Validate(limited with { Limits = limited.Limits with { Exports = -1 } }));
    }

    [Fact]
    public void Validate_blank_tier_is_refused()
    {
        var tiers = new Dictionary<string, JetStreamLimits> { [""] = new() { DiskStorage = 1 } };
        Assert.Equal(JwtAccountValidator.BlankTier, Validate(JwtAuthority.Open with { Limits = JwtAuthority.Unlimited with { TieredLimits = tiers } }));
    }

    [Theory]
    [InlineData("a b", true)]
    [InlineData("a", false)]
    [InlineData("", true)]
    public void Validate_default_publish_permission_cannot_carry_a_queue(string entry, bool refused)
    {
        var nats = JwtAuthority.Open with { DefaultPermissions = new JwtPermissions { Pub = new Permission { Allow = [entry] } } };
        Assert.Equal(refused ? JwtAccountValidator.BadDefaultPermissions : null, Validate(nats));
    }

    [Theory]
    [InlineData("a q", false)]
    [InlineData("a q r", true)]
    [InlineData("a ", true)]
    public void Validate_default_subscribe_permission_may_carry_one_queue(string entry, bool refused)
    {
        var nats = JwtAuthority.Open with { DefaultPermissions = new JwtPermissions { Sub = new Permission { Deny = [entry] } } };
        Assert.Equal(refused ? JwtAccountValidator.BadDefaultPermissions : null, Validate(nats));
    }

    [Theory]
    [InlineData("new.>", JwtAccountValidator.WildcardMappingDestination)]
    [InlineData("new.*", JwtAccountValidator.WildcardMappingDestination)]
    [InlineData("new.$1", null)]
    [InlineData("new x", JwtAccountValidator.BadMappingSubject)]
    public void Validate_mapping_destinations_cannot_hold_wildcards(string destination, string? expected)
    {
        // Seen on 2.9.10: mapping old.> → new.> refused ("is not allowed to contains wildcard"),
        // old.* → new.$1 loads.
        var nats = JwtAuthority.Open with { Mappings = new Dictionary<string, IReadOnlyList<WeightedMapping>> { ["old.*"] = [new WeightedMapping { Subject = destination }] } };
        Assert.Equal(expected, Validate(nats));
    }

    [Fact]
    public void Validate_mapping_weights_over_one_hundred_are_refused()
    {
        var nats = JwtAuthority.Open with
        {
            Mappings = new Dictionary<string, IReadOnlyList<WeightedMapping>> { ["c"] = [new WeightedMapping { Subject = "v1", Weight = 80 }, new WeightedMapping { Subject = "v2" }] },
        };
        Assert.Equal(JwtAccountValidator.MappingWeights, Validate(nats));
    }

    [Fact]
    public void Validate_signing_key_must_be_an_account_key()
    {
        var nats = JwtAuthority.Open with { SigningKeys = [SigningKey.Plain(NKeyPair.Create(NKeyPrefix.User).PublicKey)] };
        Assert.Equal(JwtAccountValidator.BadSigningKey, Validate(nats));
        var scoped = JwtAuthority.Open with { SigningKeys = [SigningKey.Scoped(new UserScope { Key = "nope" })] };
        Assert.Equal(JwtAccountValidator.BadSigningKey, Validate(scoped));
    }

    [Theory]
    [InlineData("https://example.com/acc", true)]
    [InlineData("not a url", false)]
    [InlineData("file:///etc", false)]
    public void Validate_info_url_needs_scheme_and_host(string url, bool valid) =>
        Assert.Equal(valid ? null : JwtAccountValidator.BadInfo, Validate(JwtAuthority.Open with { InfoUrl = url }));

    [Fact]
    public void Validate_export_type_must_be_stream_or_service() =>
        Assert.Equal(JwtExportValidator.BadType, Validate(With(new Export { Subject = "a" })));

    [Fact]
    public void Validate_export_response_type_rules()
    {
        Assert.Equal(JwtExportValidator.BadResponseType, Validate(With(Service("a") with { ResponseType = "singleton" })));
        Assert.Equal(JwtExportValidator.BadResponseType, Validate(With(new Export { Subject = "a", Type = ExportType.Stream, ResponseType = "Stream" })));
        Assert.Null(Validate(With(Service("a") with { ResponseType = "Chunked" })));
    }

    [Fact]
    public void Validate_export_latency_rules()
    {
        var latency = new ServiceLatency { Sampling = 50, Results = "lat.results" };
        Assert.Null(Validate(With(Service("a") with { Latency = latency })));
        Assert.Equal(JwtExportValidator.BadLatency, Validate(With(new Export { Subject = "a", Type = ExportType.Stream, Latency = latency })));
        Assert.Equal(JwtExportValidator.BadLatency, Validate(With(Service("a") with { Latency = latency with { Sampling = 101 } })));
        Assert.Equal(JwtExportValidator.BadLatency, Validate(With(Service("a") with { Latency = latency with { Results = "lat.*" } })));
    }

    [Fact]
    public void Validate_export_threshold_rules()
    {
        Assert.Equal(JwtExportValidator.BadThreshold, Validate(With(Service("a") with { ResponseThreshold = -1 })));
        Assert.Equal(JwtExportValidator.BadThreshold, Validate(With(new Export { Subject = "a", Type = ExportType.Stream, ResponseThreshold = 5 })));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    public void Validate_export_subject_must_be_non_empty_without_spaces(string subject) =>
        Assert.Equal(JwtExportValidator.BadSubject, Validate(With(Service(subject))));

    [Theory]
    [InlineData("acc.x", 1u)]
    [InlineData("acc.*", 3u)]
    [InlineData("acc.*", 1u)]
    public void Validate_account_token_position_must_point_at_a_star(string subject, uint position) =>
        Assert.Equal(JwtExportValidator.BadTokenPosition, Validate(With(Service(subject) with { AccountTokenPosition = position })));

    [Fact]
    public void Validate_overlapping_exports_of_one_kind_are_refused()
    {
        // Seen on 2.9.10: service exports svc.> and svc.a → 'service export subject "svc.>"
        // already exports "svc.a"', user refused.
        Assert.Equal(JwtExportValidator.Overlapping, Validate(With(Service("svc.>"), Service("svc.a"))));
        Assert.Equal(JwtExportValidator.Overlapping, Validate(With(Service("svc.a"), Service("svc.a"))));
        Assert.Null(Validate(With(Service("svc.>"), new Export { Subject = "svc.a", Type = ExportType.Stream })));
    }

    [Fact]
    public void Validate_import_rules()
    {
        var service = new Import { Account = Other, Subject = "svc.a", Type = ExportType.Service };
        Assert.Equal(JwtImportValidator.BadType, Validate(With(service with { Type = ExportType.Unknown })));
        Assert.Equal(JwtImportValidator.NoAccount, Validate(With(service with { Account = null })));
        Assert.Equal(JwtImportValidator.BadSubject, Validate(With(service with { Subject = "svc a" })));
        Assert.Equal(JwtImportValidator.LocalSubjectAndTo, Validate(With(service with { LocalSubject = "l.a", To = "x" })));
        Assert.Equal(JwtImportValidator.ShareOnStream, Validate(With(service with { Type = ExportType.Stream, Share = true })));
        Assert.Null(Validate(With(service with { Share = true })));
    }

    [Theory]
    [InlineData("svc.*", "loc.$1", true)]
    [InlineData("svc.*", "loc.*", true)]
    [InlineData("svc.*", "loc.$2", false)]
    [InlineData("svc.*", "loc", false)]
    [InlineData("svc.>", "loc.>", true)]
    [InlineData("svc.>", "loc.x", false)]
    public void Validate_local_subject_must_fit_the_subject(string subject, string local, bool valid)
    {
        var nats = With(new Import { Account = Other, Subject = subject, LocalSubject = local, Type = ExportType.Stream });
        Assert.Equal(valid ? null : JwtImportValidator.BadLocalSubject, Validate(nats));
    }

    [Fact]
    public void Validate_overlapping_service_imports_are_refused()
    {
        var a = new Import { Account = Other, Subject = "svc.>", Type = ExportType.Service };
        var b = new Import { Account = Self, Subject = "svc.a", Type = ExportType.Service };
        Assert.Equal(JwtImportValidator.OverlappingServices, Validate(With(a, b)));

        // Local subjects decide: the same remote subject under two local names is fine.
        var c = new Import { Account = Other, Subject = "svc.a", LocalSubject = "one.a", Type = ExportType.Service };
        var d = new Import { Account = Other, Subject = "svc.a", LocalSubject = "two.a", Type = ExportType.Service };
        Assert.Null(Validate(With(c, d)));

        // Streams never overlap in this sense.
        var e = new Import { Account = Other, Subject = "svc.>", Type = ExportType.Stream };
        Assert.Null(Validate(With(a, e)));
    }

    [Fact]
    public void Validate_import_token_that_does_not_match_refuses_the_account()
    {
        var exporter = NKeyPair.Create(NKeyPrefix.Account);
        var token = JwtEncoder.Encode(
            new ActivationClaims { Subject = Self, Nats = new ActivationNats { Subject = "priv.a", Kind = ExportType.Service } }, exporter);
        var good = new Import { Account = exporter.PublicKey, Subject = "priv.a", Type = ExportType.Service, Token = token };
        Assert.Null(Validate(With(good)));
        Assert.Equal(JwtImportValidator.BadToken, Validate(With(good with { Subject = "priv.b" })));
        Assert.Equal(JwtImportValidator.BadToken, Validate(With(good with { Account = Other })));
        Assert.Equal(JwtImportValidator.BadToken, Validate(With(good with { Type = ExportType.Stream })));
        Assert.Equal(JwtImportValidator.BadToken, Validate(With(good with { Token = "garbage" })));
    }

    [Fact]
    public void Validate_expired_import_token_does_not_refuse_the_account()
    {
        var exporter = NKeyPair.Create(NKeyPrefix.Account);
        var token = JwtEncoder.Encode(
            new ActivationClaims { Subject = Self, Expires = 1, Nats = new ActivationNats { Subject = "priv.a", Kind = ExportType.Service } }, exporter);
        Assert.Null(Validate(With(new Import { Account = exporter.PublicKey, Subject = "priv.a", Type = ExportType.Service, Token = token })));
    }

    [Fact]
    public void Validate_legacy_service_to_is_what_the_token_must_grant()
    {
        var exporter = NKeyPair.Create(NKeyPrefix.Account);
        var token = JwtEncoder.Encode(
            new ActivationClaims { Subject = Self, Nats = new ActivationNats { Subject = "svc.x", Kind = ExportType.Service } }, exporter);
        Assert.Null(Validate(With(new Import { Account = exporter.PublicKey, Subject = "local.x", To = "svc.x", Type = ExportType.Service, Token = token })));
    }

    [Theory]
    [InlineData("a.>", true)]
    [InlineData("*.a", true)]
    [InlineData("a.*.b", true)]
    [InlineData("*", true)]
    [InlineData("a.b>", false)]
    [InlineData("a*", false)]
    public void JwtSubject_has_wildcards_as_the_library_spots_them(string subject, bool expected) =>
        Assert.Equal(expected, JwtSubject.HasWildcards(subject));

    [Theory]
    [InlineData("a.b", "a.*", true)]
    [InlineData("a.*", "a.*", true)]
    [InlineData("a.b.c", "a.>", true)]
    [InlineData("a", "a.>", false)]
    [InlineData("a.b", "a.b.c", false)]
    [InlineData("a.b.c", "a.b", false)]
    public void JwtSubject_is_contained_in(string subject, string other, bool expected) =>
        Assert.Equal(expected, JwtSubject.IsContainedIn(subject, other));
}
