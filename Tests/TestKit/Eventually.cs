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

    public static async Task TrueAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {expectation}");
            await Task.Delay(10);
        }
    }
}
