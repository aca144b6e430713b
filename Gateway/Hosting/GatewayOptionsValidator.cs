namespace Natrium.Gateway.Hosting;

/// Start-up checks nats-server makes on the same settings; messages name the conf key.
public static class GatewayOptionsValidator
{
    public static IReadOnlyList<string> Validate(GatewayOptions o)
    {
        var errors = new List<string>();
        if (o.Port is < 0 or > 65535)
        {
            errors.Add($"port: {o.Port} is not a valid port");
        }

        if (o.MaxPayload <= 0)
        {
            errors.Add("max_payload: must be positive");
        }

        if (o.MaxPayload > o.MaxPending)
        {
            errors.Add($"max_payload ({o.MaxPayload}) can not be higher than max_pending ({o.MaxPending})");
        }

        if (o.MaxControlLine <= 0)
        {
            errors.Add("max_control_line: must be positive");
        }

        if (o.PingInterval <= TimeSpan.Zero)
        {
            errors.Add("ping_interval: must be positive");
        }

        if (o.PingMax <= 0)
        {
            errors.Add("ping_max: must be positive");
        }

        if (o.ServerName?.Contains(' ', StringComparison.Ordinal) == true)
        {
            errors.Add("server name cannot contain spaces");
        }

        return errors;
    }
}
