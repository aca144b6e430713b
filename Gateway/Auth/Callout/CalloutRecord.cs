namespace Natrium.Gateway.Auth.Callout;

/// A callout's duration (ms) and outcome ("allowed" or the failure reason), for events.
internal sealed record CalloutRecord(double DurationMs, string Outcome);
