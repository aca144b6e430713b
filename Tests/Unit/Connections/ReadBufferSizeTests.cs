using Natrium.Gateway.Connections;

namespace Natrium.Tests.Unit.Connections;

/// The read buffer's size follows the traffic as nats-server's does: doubled by a read that
/// fills it, halved only after a run of short reads, always within [Min, Max].
public sealed class ReadBufferSizeTests
{
    [Fact]
    public void Full_reads_double_it_up_to_the_maximum()
    {
        var size = new ReadBufferSize();
        Assert.Equal(ReadBufferSize.Min, size.Current);
        for (var i = 0; i < 20; i++)
        {
            size.Observe(size.Current);
        }

        Assert.Equal(ReadBufferSize.Max, size.Current);
    }

    [Fact]
    public void Only_a_run_of_short_reads_halves_it_and_never_below_the_minimum()
    {
        var size = new ReadBufferSize();
        size.Observe(1 << 20); // a large message pending
        Assert.Equal(2 * ReadBufferSize.Min, size.Current);

        for (var i = 0; i < 63; i++)
        {
            size.Observe(10);
        }

        size.Observe(size.Current / 2); // a medium read breaks the run
        for (var i = 0; i < 63; i++)
        {
            size.Observe(10);
        }

        Assert.Equal(2 * ReadBufferSize.Min, size.Current);
        size.Observe(10);
        Assert.Equal(ReadBufferSize.Min, size.Current);

        for (var i = 0; i < 1000; i++)
        {
            size.Observe(0);
        }

        Assert.Equal(ReadBufferSize.Min, size.Current);
    }
}
