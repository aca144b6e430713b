using System.Text;
using Natrium.Contracts.Keys;
using ClientKeyPair = NATS.NKeys.KeyPair;
using PrefixByte = NATS.NKeys.PrefixByte;

namespace Natrium.Tests.Unit.Auth;

/// The NKEY encoding and challenge vectors of spec/auth.md §6–§7, cross-checked with NATS.NKeys.
public sealed class NKeyVectorTests
{
    internal const string Seed = "SUAAAAICAMCAKBQHBAEQUCYMBUHA6EARCIJRIFIWC4MBSGQ3DQOR4H776Y";
    internal const string PublicKey = "UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK";
    internal const string VectorNonce = "PXoWU7zWAMt75FY";
    internal const string SigUrl = "bnxg5G8aOV2LQdSE_lcM9clxm_fbTTZxsqQ1EpTNgJXmH6z5ezesd49kXfuNhoAqw_DmEtsGcNsJdug9wMuRDQ";
    internal const string SigStd = "bnxg5G8aOV2LQdSE/lcM9clxm/fbTTZxsqQ1EpTNgJXmH6z5ezesd49kXfuNhoAqw/DmEtsGcNsJdug9wMuRDQ==";

    private static readonly byte[] NonceBytes = Encoding.ASCII.GetBytes(VectorNonce);

    [Fact]
    public void Crc16_check_value_is_0x31C3()
    {
        Assert.Equal(0x31C3, Crc16.Compute("123456789"u8));
    }

    [Fact]
    public void Seed_vector_decodes_to_user_role_and_bytes_0_to_31()
    {
        Assert.True(NKeySeed.TryDecode(Seed, out var role, out var raw));
        Assert.Equal(NKeyPrefix.User, role);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), raw);
    }

    [Fact]
    public void Seed_encode_of_vector_bytes_reproduces_the_text()
    {
        var raw = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(Seed, NKeySeed.Encode(NKeyPrefix.User, raw));
    }

    [Theory]
    [InlineData(NKeyPrefix.User, "SU")]
    [InlineData(NKeyPrefix.Account, "SA")]
    [InlineData(NKeyPrefix.Operator, "SO")]
    [InlineData(NKeyPrefix.Server, "SN")]
    [InlineData(NKeyPrefix.Cluster, "SC")]
    [InlineData(NKeyPrefix.Curve, "SX")]
    public void Seed_encode_each_role_round_trips_with_its_letters(NKeyPrefix role, string start)
    {
        var text = NKeySeed.Encode(role, new byte[32]);
        Assert.StartsWith(start, text);
        Assert.Equal(NKeySeed.EncodedLength, text.Length);
        Assert.True(NKeySeed.TryDecode(text, out var decoded, out _));
        Assert.Equal(role, decoded);
    }

    [Fact]
    public void Seed_with_flipped_character_fails_crc()
    {
        var broken = Seed[..10] + (Seed[10] == 'A' ? 'B' : 'A') + Seed[11..];
        Assert.False(NKeySeed.TryDecode(broken, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SUAAAA")]
    [InlineData("suaaaaicamcakbqhbaequcymbuha6earcijrifiwc4mbsgq3dqor4h776y")]
    [InlineData(PublicKey)]
    [InlineData("SUAAAAICAMCAKBQHBAEQUCYMBUHA6EARCIJRIFIWC4MBSGQ3DQOR4H776Y1")]
    public void Seed_malformed_text_is_rejected(string text)
    {
        Assert.False(NKeySeed.TryDecode(text, out _, out _));
    }

    [Fact]
    public void Seed_of_private_role_is_rejected()
    {
        // Hand-build a seed whose role bits say "private key" (P), which no seed may carry.
        var raw = new byte[36];
        raw[0] = (byte)((byte)NKeyPrefix.Seed | (0x78 >> 5));
        raw[1] = (byte)((0x78 & 0x1F) << 3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(34), Crc16.Compute(raw.AsSpan(0, 34)));
        Assert.False(NKeySeed.TryDecode(Base32.Encode(raw), out _, out _));
    }

    [Fact]
    public void KeyPair_from_vector_seed_derives_vector_public_key()
    {
        using var pair = NKeyPair.FromSeed(Seed);
        Assert.Equal(PublicKey, pair.PublicKey);
        Assert.Equal(NKeyPrefix.User, pair.Role);
        Assert.Equal(Seed, pair.EncodeSeed());
    }

    [Fact]
    public void KeyPair_sign_of_vector_nonce_gives_vector_signature_in_both_encodings()
    {
        using var pair = NKeyPair.FromSeed(Seed);
        var sig = pair.Sign(NonceBytes);
        Assert.Equal(SigUrl, Convert.ToBase64String(sig).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        Assert.Equal(SigStd, Convert.ToBase64String(sig));
    }

    [Fact]
    public void KeyPair_from_curve_or_invalid_seed_is_refused()
    {
        Assert.False(NKeyPair.TryFromSeed(NKeySeed.Encode(NKeyPrefix.Curve, new byte[32]), out _));
        Assert.Throws<FormatException>(() => NKeyPair.FromSeed("SUNOTASEED"));
    }

    [Theory]
    [InlineData(SigUrl)]
    [InlineData(SigStd)]
    public void Verify_vector_signature_in_either_encoding_succeeds(string sig)
    {
        Assert.True(NKeySignature.Verify(PublicKey, NonceBytes, sig));
    }

    [Fact]
    public void Verify_null_inputs_fail_without_throwing()
    {
        Assert.False(NKeySignature.Verify(PublicKey, NonceBytes, (string)null!));
        Assert.False(NKeySignature.Verify(null!, NonceBytes, SigUrl));
    }

    [Fact]
    public void Verify_signature_over_other_nonce_fails()
    {
        Assert.False(NKeySignature.Verify(PublicKey, "PXoWU7zWAMt75FZ"u8, SigUrl));
    }

    [Fact]
    public void Verify_signature_from_other_key_fails()
    {
        using var other = NKeyPair.Create(NKeyPrefix.User);
        Assert.False(NKeySignature.Verify(other.PublicKey, NonceBytes, SigUrl));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("bnxg5G8aOV2LQdSE_lcM9clxm_fbTTZxsqQ1EpTNgJXmH6z5ezesd49kXfuNhoAqw_DmEtsGcNsJdug9wMuRDQ==")]
    [InlineData("bnxg5G8aOV2LQdSE/lcM9clxm/fbTTZxsqQ1EpTNgJXmH6z5ezesd49kXfuNhoAqw/DmEtsGcNsJdug9wMuRDQ")]
    [InlineData("bnxg5G8aOV2LQdSE_lcM9clxm_fbTTZxsqQ1EpTNgJXmH6z5ezesd49kXfuNhoAqw_DmEtsGcNsJdug9wMuR")]
    public void Verify_malformed_signature_fails(string sig)
    {
        Assert.False(NKeySignature.Verify(PublicKey, NonceBytes, sig));
    }

    [Theory]
    [InlineData("")]
    [InlineData(Seed)]
    [InlineData("UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKA")]
    public void Verify_with_invalid_public_key_fails(string nkey)
    {
        Assert.False(NKeySignature.Verify(nkey, NonceBytes, SigUrl));
    }

    [Fact]
    public void Verify_real_client_signature_from_nats_nkeys_succeeds()
    {
        using var client = ClientKeyPair.CreatePair(PrefixByte.User);
        var nonce = "BXldHpf-reZ32-I"u8.ToArray();
        var sig = new byte[64];
        client.Sign(nonce, sig);
        Assert.True(NKeySignature.Verify(client.GetPublicKey(), nonce, Convert.ToBase64String(sig)));
        Assert.False(NKeySignature.Verify(client.GetPublicKey(), "BXldHpf-reZ32-J"u8, Convert.ToBase64String(sig)));
    }

    [Fact]
    public void KeyPair_agrees_with_nats_nkeys_on_public_key_and_signature()
    {
        using var ours = NKeyPair.Create(NKeyPrefix.Account);
        using var theirs = ClientKeyPair.FromSeed(ours.EncodeSeed());
        Assert.Equal(theirs.GetPublicKey(), ours.PublicKey);
        var sig = ours.Sign(NonceBytes);
        Assert.True(theirs.Verify(NonceBytes, sig));
    }
}
