using AeBot.Core.Commission;

namespace AeBot.Core.Tests.Capture;

public class CommissionCalculatorTests
{
    private static readonly CommissionOptions Plan = new() { BaseRate = 0.10m };

    [Fact]
    public void Below_quota_everything_is_paid_at_the_base_rate()
    {
        var r = CommissionCalculator.Calculate(Plan, 80_000m, 100_000m);
        Assert.Equal(8_000m, r.Commission);
        Assert.Equal(80m, r.AttainmentPercent);
    }

    [Fact]
    public void Each_slice_above_quota_is_paid_at_its_accelerator()
    {
        // 100k at 10 % + 50k at 15 % + 20k at 20 % = 10,000 + 7,500 + 4,000.
        var r = CommissionCalculator.Calculate(Plan, 170_000m, 100_000m);
        Assert.Equal(21_500m, r.Commission);
        Assert.Equal([100_000m, 50_000m, 20_000m], r.Bands.Select(b => b.Bookings));
    }

    [Fact]
    public void The_cap_limits_the_payout_and_says_so()
    {
        var r = CommissionCalculator.Calculate(new CommissionOptions { BaseRate = 0.10m, CapPerPeriod = 15_000m }, 170_000m, 100_000m);
        Assert.Equal(15_000m, r.Commission);
        Assert.True(r.Capped);
    }

    [Fact]
    public void Without_a_quota_the_base_rate_applies_to_all()
    {
        var r = CommissionCalculator.Calculate(Plan, 12_345.67m, null);
        Assert.Equal(1_234.57m, r.Commission);
    }
}
