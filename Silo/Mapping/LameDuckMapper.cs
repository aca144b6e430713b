using Natrium.Silo.Conf;
using Natrium.Silo.LameDuck;

namespace Natrium.Silo.Mapping;

/// lame_duck_duration and lame_duck_grace_period: Go duration strings only, with nats-server
/// 2.9.10's texts for a bad value, a duration under 30 s and a negative grace period.
internal static class LameDuckMapper
{
    public static LameDuckOptions Apply(LameDuckOptions options, ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var text = ConfReading.String(entry, diagnostics);
        if (text is null)
        {
            return options;
        }

        var key = entry.Key.ToLowerInvariant();
        if (!ConfDuration.TryParse(text, out var duration))
        {
            diagnostics.Error(entry.KeyPosition, $"error parsing {key}: time: invalid duration \"{text}\"");
            return options;
        }

        if (key == "lame_duck_duration")
        {
            if (duration < LameDuckOptions.MinimumDuration)
            {
                diagnostics.Error(entry.KeyPosition, $"invalid lame_duck_duration of {ConfDuration.Format(duration)}, minimum is 30 seconds");
                return options;
            }

            return options with { Duration = duration };
        }

        if (duration < TimeSpan.Zero)
        {
            diagnostics.Error(entry.KeyPosition, "invalid lame_duck_grace_period, needs to be positive");
            return options;
        }

        return options with { GracePeriod = duration };
    }
}
