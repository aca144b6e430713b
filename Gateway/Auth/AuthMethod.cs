namespace Natrium.Gateway.Auth;

/// Which configured method let a client in (for logs, /connz and events).
internal enum AuthMethod
{
    None,
    Nkey,
    NoAuthUser,
    Certificate,
    UserPassword,
    Token,
    SingleUser,
    Jwt,
    Callout,
}
