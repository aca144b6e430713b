using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// ExportAuthorization's JWT entry point (spec/accounts.md §3, spec/jwt.md §5): the same subject
/// coverage as config mode, plus activation tokens for token_req exports.
public sealed class ExportAuthorizationJwtTests
{
    private readonly JwtAuthority _authority = new();
    private readonly NKeyPair _exporterKey = NKeyPair.Create(NKeyPrefix.Account);
    private readonly NKeyPair _signingKey = NKeyPair.Create(NKeyPrefix.Account);
    private readonly NKeyPair _importer = NKeyPair.Create(NKeyPrefix.Account);

    private JwtAccount Exporter(params Export[] exports) =>
        _authority.Account(_exporterKey, JwtAuthority.Open with { Exports = exports, SigningKeys = [SigningKey.Plain(_signingKey.PublicKey)] });

    private string Token(string subject, NKeyPair? signer = null, string? issuerAccount = null, long exp = 0, ExportType kind = ExportType.Service) =>
        JwtEncoder.Encode(
            new ActivationClaims
            {
                Subject = _importer.PublicKey,
                IssuedAt = JwtAuthority.IssuedAt,
                Expires = exp,
                Nats = new ActivationNats { Subject = subject, Kind = kind, IssuerAccount = issuerAccount },
            },
            signer ?? _exporterKey);

    private ImportAuthorization Authorize(JwtAccount exporter, string subject, string? token = null, ExportKind kind = ExportKind.Service, string? importer = null) =>
        ExportAuthorization.Authorize(exporter, importer ?? _importer.PublicKey, kind, subject, token, JwtAuthority.Now);

    [Fact]
    public void Authorize_public_export_needs_no_token()
    {
        var result = Authorize(Exporter(new Export { Subject = "svc.>", Type = ExportType.Service }), "svc.a");
        Assert.Equal(ImportAuthorization.Public, result);
    }

    [Fact]
    public void Authorize_subject_not_covered_is_not_exported()
    {
        var exporter = Exporter(new Export { Subject = "svc.a", Type = ExportType.Service });
        Assert.Equal(ImportAuthorization.NotExported, Authorize(exporter, "svc.b"));
        Assert.Equal(ImportAuthorization.NotExported, Authorize(exporter, "svc.*"));
        Assert.Equal(ImportAuthorization.NotExported, Authorize(exporter, "svc.a", kind: ExportKind.Stream));
    }

    [Fact]
    public void Authorize_token_required_export_with_valid_token_reports_its_expiry()
    {
        var exp = JwtAuthority.Now.ToUnixTimeSeconds() + 600;
        var exporter = Exporter(new Export { Subject = "priv.>", Type = ExportType.Service, TokenRequired = true });
        var result = Authorize(exporter, "priv.a", Token("priv.>", exp: exp));
        Assert.True(result.IsAllowed);
        Assert.Equal(ActivationStatus.Valid, result.Activation);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), result.ActivationExpires);
    }

    [Fact]
    public void Authorize_token_from_exporter_signing_key_is_accepted()
    {
        var exporter = Exporter(new Export { Subject = "priv.>", Type = ExportType.Service, TokenRequired = true });
        Assert.True(Authorize(exporter, "priv.a", Token("priv.>", _signingKey, _exporterKey.PublicKey)).IsAllowed);
    }

    [Fact]
    public void Authorize_token_required_export_without_token_is_refused_silently()
    {
        // Seen on 2.9.10: without a token the import is just inactive (requests get no responders).
        var result = Authorize(Exporter(new Export { Subject = "priv.>", Type = ExportType.Service, TokenRequired = true }), "priv.a");
        Assert.False(result.IsAllowed);
        Assert.Equal(ActivationStatus.Missing, result.Activation);
    }

    [Fact]
    public void Authorize_revoked_activation_is_refused()
    {
        var exporter = Exporter(new Export
        {
            Subject = "priv.>",
            Type = ExportType.Service,
            TokenRequired = true,
            Revocations = new Dictionary<string, long> { [_importer.PublicKey] = JwtAuthority.IssuedAt },
        });
        var result = Authorize(exporter, "priv.a", Token("priv.>"));
        Assert.False(result.IsAllowed);
        Assert.Equal(ActivationStatus.Revoked, result.Activation);
    }

    [Fact]
    public void Authorize_expired_activation_is_refused()
    {
        var exporter = Exporter(new Export { Subject = "priv.>", Type = ExportType.Service, TokenRequired = true });
        var result = Authorize(exporter, "priv.a", Token("priv.>", exp: JwtAuthority.Now.ToUnixTimeSeconds()));
        Assert.Equal(new ImportAuthorization(false, ActivationStatus.Expired, null), result);
    }

    [Fact]
    public void Authorize_account_token_position_decides_before_the_token()
    {
        var exporter = Exporter(new Export { Subject = "acc.*.feed", Type = ExportType.Stream, AccountTokenPosition = 2, TokenRequired = true });
        Assert.Equal(ImportAuthorization.Public, Authorize(exporter, $"acc.{_importer.PublicKey}.feed", kind: ExportKind.Stream));
        Assert.False(Authorize(exporter, "acc.ASOMEONEELSE.feed", kind: ExportKind.Stream).IsAllowed);
    }

    [Fact]
    public void Authorize_any_covering_export_may_admit()
    {
        var exporter = new[]
        {
            JwtAccountConfigCompiler.ToExport(new Export { Subject = "a.*.c", Type = ExportType.Service, TokenRequired = true }),
            JwtAccountConfigCompiler.ToExport(new Export { Subject = "a.b.*", Type = ExportType.Service }),
        };
        var result = ExportAuthorization.Authorize(exporter, _exporterKey.PublicKey, [_exporterKey.PublicKey], _importer.PublicKey, ExportKind.Service, "a.b.c", null, JwtAuthority.Now);
        Assert.Equal(ImportAuthorization.Public, result);
    }

    [Fact]
    public void IsAllowed_config_mode_is_unchanged()
    {
        var exports = new[]
        {
            new AccountExport(ExportKind.Service, "pub.>", null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
            new AccountExport(ExportKind.Service, "listed.>", ["B"], ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
            new AccountExport(ExportKind.Service, "token.>", [], ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
            new AccountExport(ExportKind.Stream, "acc.*.x", null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, 2),
        };
        Assert.True(ExportAuthorization.IsAllowed(exports, "C", ExportKind.Service, "pub.a"));
        Assert.True(ExportAuthorization.IsAllowed(exports, "B", ExportKind.Service, "listed.a"));
        Assert.False(ExportAuthorization.IsAllowed(exports, "C", ExportKind.Service, "listed.a"));
        Assert.False(ExportAuthorization.IsAllowed(exports, "B", ExportKind.Service, "token.a"));
        Assert.True(ExportAuthorization.IsAllowed(exports, "C", ExportKind.Stream, "acc.C.x"));
        Assert.False(ExportAuthorization.IsAllowed(exports, "C", ExportKind.Stream, "acc.D.x"));
    }
}
