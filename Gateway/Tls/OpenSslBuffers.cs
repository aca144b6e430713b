using System.Net.Security;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Natrium.Gateway.Tls;

/// OpenSSL keeps a connection's 16 KiB record buffer allocated for as long as the connection
/// lives unless SSL_MODE_RELEASE_BUFFERS is set (nginx sets it), and .NET does not set it: an
/// idle TLS client cost Natrium 41 KB against nats-server's 33 KB; with the mode 31.5–32 KB.
/// SslStream exposes no SSL handle, so it is read from its private context field, and only on
/// the runtime this was checked against (.NET 10 on Linux, where that field is the SSL*: the
/// mode it answers is OpenSSL's default, and OpenSslBuffersTests runs a session through it).
/// Anywhere else nothing is done and the buffers are kept, as before.
internal static class OpenSslBuffers
{
    private const int SslCtrlMode = 33;
    internal const long ReleaseBuffersMode = 0x10;

    private static readonly FieldInfo? Context = Checked(typeof(SslStream).GetField("_securityContext", BindingFlags.Instance | BindingFlags.NonPublic));

    private static bool _unavailable = Context is null;

    /// Right after the handshake, before any read or write: OpenSSL then frees the buffer
    /// whenever it is empty. Returns whether the mode was set.
    public static bool ReleaseWhenIdle(SslStream ssl) => Mode(ssl, ReleaseBuffersMode) is { } mode && (mode & ReleaseBuffersMode) != 0;

    /// The connection's OpenSSL mode after adding bits (0 adds nothing); null where unavailable.
    internal static long? Mode(SslStream ssl, long add)
    {
        if (_unavailable || Context!.GetValue(ssl) is not SafeHandle context)
        {
            return null;
        }

        var added = false;
        try
        {
            context.DangerousAddRef(ref added);
            return SslCtrl(context.DangerousGetHandle(), SslCtrlMode, add, IntPtr.Zero);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    private static FieldInfo? Checked(FieldInfo? field) =>
        OperatingSystem.IsLinux() && Environment.Version.Major == 10 && field?.FieldType.FullName == "System.Net.Security.SafeDeleteSslContext"
            ? field
            : null;

    [DllImport("libssl.so.3", EntryPoint = "SSL_ctrl")]
    private static extern long SslCtrl(IntPtr ssl, int command, long larg, IntPtr parg);
}
