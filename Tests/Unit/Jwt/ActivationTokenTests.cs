using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// Activation tokens for token_req exports (spec/jwt.md §5; nats-server Import.Validate,
/// checkActivation, isIssuerClaimTrusted).
public sealed class ActivationTokenTests
{
    private static readonly DateTimeOffset Now = JwtAuthority.Now;
    private readonly NKeyPair _exporter = NKeyPair.Create(NKeyPrefix.Account);
    private readonly NKeyPair _signingKey = NKeyPair.Create(NKeyPrefix.Account);
    private readonly NKeyPair _importer = NKeyPair.Create(NKeyPrefix.Account);

    private string Token(
        NKeyPair? signer = null, string? issuerAccount = null, string? importer = null, string subject = "priv.>",
        ExportType kind = ExportType.Service, long exp = 0, long nbf = 0, long? iat = null) =>
        JwtEncoder.Encode(
            new ActivationClaims
            {
                Subject = importer ?? _importer.PublicKey,
                IssuedAt = iat ?? JwtAuthority.IssuedAt,
                Expires = exp,
                NotBefore = nbf,
                Nats = new ActivationNats { Subject = subject, Kind = kind, IssuerAccount = issuerAccount },
            },
            signer ?? _exporter);

    private ActivationResult Verify(string? token, string subject = "priv.a", ExportKind kind = ExportKind.Service, IReadOnlyDictionary<string, long>? revocations = null) =>
        ActivationToken.Verify(
            token, _exporter.PublicKey, [_exporter.PublicKey, _signingKey.PublicKey], _importer.PublicKey, kind, subject,
            revocations ?? new Dictionary<string, long>(), Now);

    [Fact]
    public void Verify_token_issued_by_the_exporter_is_valid()
    {
        var result = Verify(Token());
        Assert.True(result.IsValid);
        Assert.Null(result.Expires);
    }

    [Fact]
    public void Verify_token_issued_by_a_signing_key_with_issuer_account_is_valid() =>
        Assert.True(Verify(Token(_signingKey, _exporter.PublicKey)).IsValid);

    [Fact]
    public void Verify_signing_key_without_issuer_account_is_wrong_issuer() =>
        Assert.Equal(ActivationStatus.WrongIssuer, Verify(Token(_signingKey)).Status);

    [Fact]
    public void Verify_issuer_account_naming_another_account_is_wrong_issuer() =>
        Assert.Equal(ActivationStatus.WrongIssuer, Verify(Token(_signingKey, _importer.PublicKey)).Status);

    [Fact]
    public void Verify_issuer_account_with_a_key_that_is_not_a_signing_key_is_wrong_issuer()
    {
        var stranger = NKeyPair.Create(NKeyPrefix.Account);
        Assert.Equal(ActivationStatus.WrongIssuer, Verify(Token(stranger, _exporter.PublicKey)).Status);
    }

    [Fact]
    public void Verify_issuer_account_that_is_not_an_account_key_is_malformed() =>
        Assert.Equal(ActivationStatus.Malformed, Verify(Token(_signingKey, "not-a-key")).Status);

    [Fact]
    public void Verify_token_for_another_importer_is_refused() =>
        Assert.Equal(ActivationStatus.WrongImporter, Verify(Token(importer: NKeyPair.Create(NKeyPrefix.Account).PublicKey)).Status);

    [Fact]
    public void Verify_kind_must_match()
    {
        Assert.Equal(ActivationStatus.WrongKind, Verify(Token(kind: ExportType.Stream)).Status);
        Assert.True(Verify(Token(kind: ExportType.Stream), kind: ExportKind.Stream).IsValid);
    }

    [Theory]
    [InlineData("priv.>", "priv.a.b", true)]
    [InlineData("priv.*", "priv.a", true)]
    [InlineData("priv.a", "priv.a", true)]
    [InlineData("priv.a", "priv.b", false)]
    [InlineData("priv.*", "priv.>", false)]
    [InlineData("priv.a", "priv.*", false)]
    public void Verify_import_subject_must_be_contained_in_the_grant(string granted, string imported, bool valid)
    {
        var status = Verify(Token(subject: granted), imported).Status;
        Assert.Equal(valid ? ActivationStatus.Valid : ActivationStatus.SubjectNotGranted, status);
    }

    [Fact]
    public void Verify_expires_at_exp_not_one_second_later()
    {
        var now = Now.ToUnixTimeSeconds();
        Assert.Equal(ActivationStatus.Expired, Verify(Token(exp: now)).Status);
        var result = Verify(Token(exp: now + 1));
        Assert.True(result.IsValid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(now + 1), result.Expires);
    }

    [Fact]
    public void Verify_before_nbf_is_not_yet_valid() =>
        Assert.Equal(ActivationStatus.NotYetValid, Verify(Token(nbf: Now.ToUnixTimeSeconds() + 10)).Status);

    [Fact]
    public void Verify_revocation_at_or_after_iat_revokes()
    {
        var token = Token(iat: 1000);
        Assert.Equal(ActivationStatus.Revoked, Verify(token, revocations: new Dictionary<string, long> { [_importer.PublicKey] = 1000 }).Status);
        Assert.Equal(ActivationStatus.Revoked, Verify(token, revocations: new Dictionary<string, long> { [_importer.PublicKey] = 2000 }).Status);
        Assert.True(Verify(token, revocations: new Dictionary<string, long> { [_importer.PublicKey] = 999 }).IsValid);
    }

    [Fact]
    public void Verify_revocation_of_all_revokes_every_importer()
    {
        var token = Token(iat: 1000);
        Assert.Equal(ActivationStatus.Revoked, Verify(token, revocations: new Dictionary<string, long> { ["*"] = 1000 }).Status);
        Assert.True(Verify(token, revocations: new Dictionary<string, long> { ["*"] = 999, ["AOTHER"] = 5000 }).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_missing_token(string? token) => Assert.Equal(ActivationStatus.Missing, Verify(token).Status);

    [Fact]
    public void Verify_garbage_and_non_activation_tokens_are_malformed()
    {
        Assert.Equal(ActivationStatus.Malformed, Verify("a.b.c").Status);
        var user = JwtAuthority.UserJwt(NKeyPair.Create(NKeyPrefix.User), _exporter);
        Assert.Equal(ActivationStatus.Malformed, Verify(user).Status);
        Assert.Equal(ActivationStatus.Malformed, Verify(Token(subject: "")).Status);
    }

    [Fact]
    public void Verify_tampered_token_is_malformed()
    {
        var token = Token();
        var parts = token.Split('.');
        var forged = TokenForge.Sign(TokenForge.DecodePayload(token).Replace("priv.>", ">", StringComparison.Ordinal), NKeyPair.Create(NKeyPrefix.Account));
        Assert.Equal(ActivationStatus.Malformed, Verify(parts[0] + "." + forged.Split('.')[1] + "." + parts[2]).Status);
    }
}
