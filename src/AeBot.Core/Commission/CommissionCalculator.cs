namespace AeBot.Core.Commission;

/// <summary>One band of the plan and what it pays: bookings from one attainment to the next at one rate.</summary>
public sealed record CommissionBand(string Label, decimal Bookings, decimal Rate, decimal Commission);

public sealed record CommissionResult(decimal Bookings, decimal? Quota, decimal Commission, bool Capped, IReadOnlyList<CommissionBand> Bands)
{
    public decimal? AttainmentPercent => Quota is > 0 ? Bookings / Quota.Value * 100m : null;
}

/// <summary>
/// Applies the plan: each slice of bookings is paid at the rate of the attainment band it falls in (bookings to
/// quota at the base rate, the slice from 100 % to 150 % at the first accelerator, …), then the cap. Without a
/// quota every booking is paid at the base rate. Exact decimal arithmetic, rounded to cents at the end.
/// </summary>
public static class CommissionCalculator
{
    public static CommissionResult Calculate(CommissionOptions plan, decimal bookings, decimal? quota)
    {
        var bands = new List<CommissionBand>();
        if (quota is not > 0)
        {
            var all = Round(bookings * plan.BaseRate);
            bands.Add(new CommissionBand("all bookings (no quota set)", bookings, plan.BaseRate, all));
            return Cap(plan, bookings, null, bands);
        }

        var edges = new List<(decimal From, decimal Rate, string Label)> { (0m, plan.BaseRate, "up to quota") };
        foreach (var a in plan.EffectiveAccelerators)
            edges.Add((quota.Value * a.FromAttainmentPercent / 100m, a.Rate, $"above {a.FromAttainmentPercent:0.#}% of quota"));
        for (var i = 0; i < edges.Count; i++)
        {
            var from = edges[i].From;
            var to = i + 1 < edges.Count ? edges[i + 1].From : decimal.MaxValue;
            if (bookings <= from)
                break;
            var slice = Math.Min(bookings, to) - from;
            bands.Add(new CommissionBand(edges[i].Label, slice, edges[i].Rate, Round(slice * edges[i].Rate)));
        }
        return Cap(plan, bookings, quota, bands);
    }

    private static CommissionResult Cap(CommissionOptions plan, decimal bookings, decimal? quota, List<CommissionBand> bands)
    {
        var total = bands.Sum(b => b.Commission);
        var capped = plan.CapPerPeriod is { } cap && total > cap;
        return new CommissionResult(bookings, quota, capped ? plan.CapPerPeriod!.Value : total, capped, bands);
    }

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
