using AeBot.Core.Organization;
using AeBot.Core.Time;

namespace AeBot.Core.Tests.Time;

public class RepTimeTests
{
    [Fact]
    public void Today_is_the_reps_own_date()
    {
        // 02:30 UTC on the 1st is still the evening of the 31st in New York.
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 1, 1, 2, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2025, 12, 31), clock.Today(new Rep { Name = "NY", TimeZoneId = "America/New_York" }));
        Assert.Equal(new DateOnly(2026, 1, 1), clock.Today(new Rep { Name = "Berlin", TimeZoneId = "Europe/Berlin" }));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_UTC()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 1, 1, 2, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 1, 1), clock.Today(new Rep { Name = "x", TimeZoneId = "Mars/Olympus" }));
    }

    [Fact]
    public void Fixed_clock_reads_the_configured_instant_in_UTC()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.Parse("2026-11-28T09:00:00+01:00"));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }
}
