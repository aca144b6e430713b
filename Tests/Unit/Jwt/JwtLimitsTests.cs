using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// The input rules that differ between "absent" and "present": user limits (-1 unlimited, 0 or
/// absent zero, spec/jwt.md §6), scope templates (absent = unlimited, as Go's NewUserScope), src
/// as string or array, tiered JetStream limits, and tolerance of unknown or null fields.
public sealed class JwtLimitsTests
{
    [Theory]
    [InlineData("""{"type":"user","version":2}""", 0L)]
    [InlineData("""{"type":"user","subs":0,"data":0,"payload":0,"version":2}""", 0L)]
    [InlineData("""{"type":"user","subs":-1,"data":-1,"payload":-1,"version":2}""", -1L)]
    [InlineData("""{"type":"user","subs":7,"data":7,"payload":7,"version":2}""", 7L)]
    public void User_limits_absent_zero_and_unlimited_decode_as_written(string nats, long expected)
    {
        var user = DecodeUser(nats);
        Assert.Equal((expected, expected, expected), (user.Nats.Subs, user.Nats.Data, user.Nats.Payload));
    }

    [Fact]
    public void User_limit_zero_is_omitted_on_output_and_reads_back_zero()
    {
        var claims = new UserClaims { Subject = JwtClaimSamples.User.PublicKey, Nats = UserNats.Unlimited with { Subs = 0 } };
        var token = JwtEncoder.Encode(claims, JwtClaimSamples.Account);
        Assert.DoesNotContain("\"subs\"", TokenForge.DecodePayload(token));
        Assert.Equal((0L, -1L), (JwtDecoder.Decode<UserClaims>(token).Claims!.Nats.Subs, JwtDecoder.Decode<UserClaims>(token).Claims!.Nats.Data));
    }

    [Fact]
    public void Scope_template_absent_limits_are_unlimited_present_ones_kept()
    {
        var scope = DecodeScope("""{"pub":{"allow":["a"]},"subs":0}""");
        Assert.Equal((0L, -1L, -1L), (scope.Template.Subs, scope.Template.Data, scope.Template.Payload));
        Assert.Equal(["a"], scope.Template.Pub.Allow);
        var empty = DecodeScope("{}");
        Assert.Equal((-1L, -1L, -1L), (empty.Template.Subs, empty.Template.Data, empty.Template.Payload));
    }

    [Fact]
    public void Scope_template_is_written_with_its_limits_even_when_zero()
    {
        var account = new AccountClaims
        {
            Subject = JwtClaimSamples.Account.PublicKey,
            Nats = new AccountNats { SigningKeys = [SigningKey.Scoped(new UserScope { Key = JwtClaimSamples.ScopedSigner.PublicKey })] },
        };
        var payload = TokenForge.DecodePayload(JwtEncoder.Encode(account, JwtClaimSamples.Operator));
        Assert.Contains("""{"kind":"user_scope","key":"ADRM22RYQMSQKJL3DK42T6JGQKIM7ZARSUEYWFF2HDMYQT6RF2B4AVKG","role":"","template":{"pub":{},"sub":{},"subs":0,"data":0,"payload":0},"description":""}""", payload);
    }

    [Fact]
    public void Signing_key_of_unknown_kind_is_a_payload_error()
    {
        var nats = """{"type":"account","signing_keys":[{"kind":"other_scope","key":"A"}],"version":2}""";
        var token = TokenForge.Claim(JwtClaimSamples.Operator, JwtClaimSamples.Account.PublicKey, nats);
        Assert.Equal(JwtError.Payload, JwtDecoder.Decode<AccountClaims>(token).Error);
    }

    [Fact]
    public void Src_as_comma_separated_string_is_split_trimmed_and_lower_cased()
    {
        var user = DecodeUser("""{"type":"user","src":"10.0.0.0/8, 127.0.0.1/32,,FE80::/10,10.0.0.0/8","version":2}""");
        Assert.Equal(["10.0.0.0/8", "127.0.0.1/32", "fe80::/10"], user.Nats.Src);
    }

    [Fact]
    public void Src_as_array_is_taken_as_is_and_written_as_array()
    {
        var user = DecodeUser("""{"type":"user","src":["10.0.0.0/8","FE80::/10"],"version":2}""");
        Assert.Equal(["10.0.0.0/8", "FE80::/10"], user.Nats.Src);
        var token = JwtEncoder.Encode(user, JwtClaimSamples.Account);
        Assert.Contains("\"src\":[\"10.0.0.0/8\",\"FE80::/10\"]", TokenForge.DecodePayload(token));
    }

    [Fact]
    public void Scoped_user_shape_is_recognised_as_having_no_permissions_or_limits()
    {
        Assert.True(DecodeUser("""{"type":"user","issuer_account":"A","tags":["x"],"version":2}""").Nats.HasNoPermissionsOrLimits);
        Assert.True(DecodeUser("""{"type":"user","pub":{},"sub":{},"subs":0,"version":2}""").Nats.HasNoPermissionsOrLimits);
        Assert.False(DecodeUser("""{"type":"user","subs":-1,"version":2}""").Nats.HasNoPermissionsOrLimits);
        Assert.False(DecodeUser("""{"type":"user","resp":{"max":0,"ttl":0},"version":2}""").Nats.HasNoPermissionsOrLimits);
        Assert.False(DecodeUser("""{"type":"user","bearer_token":true,"version":2}""").Nats.HasNoPermissionsOrLimits);
    }

    [Fact]
    public void Tiered_limits_zero_the_flat_jetstream_limits_on_decode()
    {
        var nats = """{"type":"account","limits":{"conn":-1,"mem_storage":-1,"streams":3,"tiered_limits":{"R1":{"disk_storage":1024,"streams":-1},"R3":{}}},"version":2}""";
        var account = DecodeAccount(nats).Nats.Limits;
        Assert.Equal((0L, 0L, -1L), (account.MemoryStorage, account.Streams, account.Conn));
        Assert.Equal(1024, account.TieredLimits["R1"].DiskStorage);
        Assert.True(account.IsJetStreamEnabled);
        Assert.False(account.TieredLimits["R3"].IsEnabled);
    }

    [Theory]
    [InlineData("""{"type":"account","version":2}""", false)]
    [InlineData("""{"type":"account","limits":{"mem_storage":-1},"version":2}""", true)]
    [InlineData("""{"type":"account","limits":{"disk_storage":5},"version":2}""", true)]
    [InlineData("""{"type":"account","limits":{"tiered_limits":{"R1":{"streams":1}}},"version":2}""", false)]
    public void JetStream_is_enabled_iff_some_storage_is_not_zero(string nats, bool enabled)
    {
        Assert.Equal(enabled, DecodeAccount(nats).Nats.Limits.IsJetStreamEnabled);
    }

    [Fact]
    public void Unknown_fields_null_values_and_other_name_case_are_tolerated()
    {
        var user = DecodeUser("""{"type":"user","future":{"x":[1,2]},"pub":null,"src":null,"Subs":-1,"locale":"","version":2}""");
        Assert.Equal(-1, user.Nats.Subs);
        Assert.True(user.Nats.Pub.IsEmpty);
        Assert.Empty(user.Nats.Src);
    }

    [Fact]
    public void Sampling_headers_is_read_in_any_case_and_unknown_words_fail()
    {
        var ok = """{"type":"account","exports":[{"subject":"s","type":"service","service_latency":{"sampling":"HEADERS","results":"r"}}],"version":2}""";
        Assert.Equal(ServiceLatency.Headers, DecodeAccount(ok).Nats.Exports[0].Latency!.Sampling);
        var bad = TokenForge.Claim(JwtClaimSamples.Operator, JwtClaimSamples.Account.PublicKey, ok.Replace("HEADERS", "most"));
        Assert.Equal(JwtError.Payload, JwtDecoder.Decode<AccountClaims>(bad).Error);
    }

    private static UserClaims DecodeUser(string nats)
    {
        var result = JwtDecoder.Decode<UserClaims>(TokenForge.Claim(JwtClaimSamples.Account, JwtClaimSamples.User.PublicKey, nats));
        Assert.True(result.IsValid, result.Message);
        return result.Claims;
    }

    private static AccountClaims DecodeAccount(string nats)
    {
        var result = JwtDecoder.Decode<AccountClaims>(TokenForge.Claim(JwtClaimSamples.Operator, JwtClaimSamples.Account.PublicKey, nats));
        Assert.True(result.IsValid, result.Message);
        return result.Claims;
    }

    private static UserScope DecodeScope(string template)
    {
        var nats = $$"""{"type":"account","signing_keys":[{"kind":"user_scope","key":"AK","template":{{template}}}],"version":2}""";
        return DecodeAccount(nats).Nats.SigningKeys[0].Scope!;
    }
}
