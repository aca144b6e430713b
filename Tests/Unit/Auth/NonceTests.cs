using System.Buffers.Text;
using Natrium.Gateway.Auth;

namespace Natrium.Tests.Unit.Auth;

public sealed class NonceTests
{
    [Fact]
    public void Nonce_create_is_15_base64url_chars_of_11_bytes()
    {
        var nonce = Nonce.Create();
        Assert.Equal(Nonce.Length, nonce.Length);
        Assert.Matches("^[A-Za-z0-9_-]{15}$", nonce);
        Assert.Equal(Nonce.RandomBytes, Base64Url.DecodeFromChars(nonce).Length);
    }

    [Fact]
    public void Nonce_create_twice_differs()
    {
        var nonces = Enumerable.Range(0, 100).Select(_ => Nonce.Create()).ToHashSet();
        Assert.Equal(100, nonces.Count);
    }
}
