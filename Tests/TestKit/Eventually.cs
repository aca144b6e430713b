namespace Natrium.Tests.TestKit;

/// Waits for a condition instead of sleeping; the failure says what was expected and seen.
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string expectation, Func<string>? seen = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {expectation}" + (seen is null ? string.Empty : $"; seen: {seen()}"));
            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null, Func<string>? seen = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {expectation}" + (seen is null ? string.Empty : $"; seen: {seen()}"));
            await Task.Delay(10);
        }
    }

    /// Reads messages from a subscription until one, parsed, satisfies the condition; fails
    /// after the timeout with what was seen.
    public static async Task<T> ReadAsync<T>(NATS.Client.Core.INatsSub<string> sub, Func<string, T> parse, Func<T, bool> wanted, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var msg = await sub.Msgs.ReadAsync(cts.Token);
                seen.Add(msg.Data ?? string.Empty);
                var parsed = parse(msg.Data ?? string.Empty);
                if (wanted(parsed))
                {
                    return parsed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no wanted message within the timeout; seen: {string.Join(" | ", seen)}");
            throw;
        }
    }
}

