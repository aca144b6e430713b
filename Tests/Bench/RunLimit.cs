using System.Diagnostics;

namespace Natrium.Bench;

// How long a scenario publishes: a message count when given, else a duration.
internal readonly record struct RunLimit(double Seconds, long? Messages)
{
    public long DurationTicks => (long)(Seconds * Stopwatch.Frequency);

    public bool Reached(long done, long startTicks) =>
        Messages is long total ? done >= total : Stopwatch.GetTimestamp() - startTicks >= DurationTicks;
}
