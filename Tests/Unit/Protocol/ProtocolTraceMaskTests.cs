using Natrium.Gateway.Connections;

namespace Natrium.Tests.Unit.Protocol;

/// CONNECT in the protocol trace: secrets masked, the rest as sent; nothing of a CONNECT the
/// trace cannot parse (it may hold a password).
public sealed class ProtocolTraceMaskTests
{
    [Theory]
    [InlineData("{\"user\":\"a\",\"pass\":\"s3cret\"}", "{\"user\":\"a\",\"pass\":\"[REDACTED]\"}")]
    [InlineData("{\"auth_token\":\"t\",\"jwt\":\"eyJ\",\"sig\":\"x\"}", "{\"auth_token\":\"[REDACTED]\",\"jwt\":\"[REDACTED]\",\"sig\":\"x\"}")]
    [InlineData("{\"name\":\"ü\",\"verbose\":false}", "{\"name\":\"ü\",\"verbose\":false}")]
    [InlineData("{\"pass\":\"s3cret\"", "{[REDACTED]}")]
    [InlineData("[\"pass\"]", "[\"pass\"]")]
    public void Connect_secrets_are_masked(string json, string traced) =>
        Assert.Equal(traced, ProtocolTrace.MaskSecrets(System.Text.Encoding.UTF8.GetBytes(json)));
}
