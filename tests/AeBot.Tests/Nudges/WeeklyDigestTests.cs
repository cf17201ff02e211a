using AeBot.Core.Conversation;
using AeBot.Core.Nudges;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AeBot.Tests.Nudges.NudgeWorld;

namespace AeBot.Tests.Nudges;

/// <summary>The weekly manager digest: Monday 08:00 in each manager's zone, the team rollup and a 1:1 pack per rep, once.</summary>
public sealed class WeeklyDigestTests : IAsyncLifetime
{
    private NudgeWorld _world = null!;

    public async Task InitializeAsync() => _world = await CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Managers_get_the_team_rollup_and_a_one_to_one_pack_per_rep_at_eight_local_on_monday_once()
    {
        var host = await _world.HostAtAsync(MondayAt(13, 5)); // 08:05 New York, 07:05 Chicago, 14:05 Berlin
        var names = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Reps.ToDictionaryAsync(r => r.Id, r => r.Name));
        var due = await WithAsync(host, sp => sp.GetRequiredService<WeeklyDigests>().DueAsync(default));
        var who = due.Select(d => names[d.RepId]).ToHashSet();
        Assert.Contains("Marcus Johnson", who);
        Assert.Contains("Jonas Weber", who);
        Assert.DoesNotContain("Elena Petrova", who); // 07:05 in Chicago
        Assert.DoesNotContain("Dana Reyes", who); // not a manager
        var early = await WithAsync(await _world.HostAtAsync(MondayAt(12, 55)), sp => sp.GetRequiredService<WeeklyDigests>().DueAsync(default));
        Assert.DoesNotContain(early, d => d.RepId == _world.Marcus); // 07:55 in New York

        Assert.Equal(DigestOutcome.Sent, await WithAsync(host, sp => sp.GetRequiredService<WeeklyDigests>().SendAsync(_world.Marcus, Monday, default)));
        Assert.Equal(DigestOutcome.AlreadyDone, await WithAsync(host, sp => sp.GetRequiredService<WeeklyDigests>().SendAsync(_world.Marcus, Monday, default)));
        var row = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.SingleAsync(o => o.ToRepId == _world.Marcus && o.Reason == WeeklyDigests.Rule));
        var reply = ReplySerializer.Deserialize(row.Body)!;
        Assert.Contains(reply.Blocks.OfType<TableBlock>(), t => t.Title == "By rep" && t.Rows.Any(r => r[0] == "Tess Tester")); // the rollup: won, quota, attainment, open
        var tess = Assert.Single(reply.Blocks.OfType<ItemListBlock>(), l => l.Title!.StartsWith("Tess Tester — 1:1 pack", StringComparison.Ordinal));
        Assert.Contains(tess.Items, i => i.Title.StartsWith("Slipped: Zenith – Slipping", StringComparison.Ordinal) && i.Detail == "pushed Mar 3, 2027 → Mar 31, 2027 → Apr 30, 2027");
        Assert.Contains(tess.Items, i => i.Title.StartsWith("Past close date: Zenith – Past close", StringComparison.Ordinal));
        Assert.Contains(tess.Items, i => i.Title == "Renewal at risk: " + AccountName && i.Detail!.Contains("no interaction logged for 30+ days", StringComparison.Ordinal));
        Assert.DoesNotContain(tess.Items, i => i.Title.Contains("Negotiation stalled", StringComparison.Ordinal)); // 8 days quiet: not stale at 14
        Assert.Contains(reply.Blocks.OfType<ContextBlock>(), c => c.Text.StartsWith("Your weekly team digest — Mondays at 08:00, because you manage", StringComparison.Ordinal));

        // The VP's packs are per direct report: each manager with their team's deals.
        var vp = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Reps.SingleAsync(r => r.Name == "Victoria Hale"));
        Assert.Equal(DigestOutcome.Sent, await WithAsync(host, sp => sp.GetRequiredService<WeeklyDigests>().SendAsync(vp.Id, Monday, default)));
        var vpReply = ReplySerializer.Deserialize((await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.SingleAsync(o => o.ToRepId == vp.Id && o.Reason == WeeklyDigests.Rule))).Body)!;
        var marcus = Assert.Single(vpReply.Blocks.OfType<ItemListBlock>(), l => l.Title!.StartsWith("Marcus Johnson and their team of", StringComparison.Ordinal));
        Assert.Contains(marcus.Items, i => i.Title.StartsWith("Slipped: ", StringComparison.Ordinal)); // his AEs' deals, not his own (he has none)
        Assert.DoesNotContain(vpReply.Blocks.OfType<ItemListBlock>(), l => l.Title!.StartsWith("Tess Tester", StringComparison.Ordinal)); // not a direct report of hers

        // A day late it is not sent; a rep gets none.
        var tuesday = await _world.HostAtAsync(MondayAt(13, 5).AddDays(1));
        Assert.Empty(await WithAsync(tuesday, sp => sp.GetRequiredService<WeeklyDigests>().DueAsync(default)));
        var jonas = due.First(d => names[d.RepId] == "Jonas Weber");
        Assert.Equal(DigestOutcome.Missed, await WithAsync(tuesday, sp => sp.GetRequiredService<WeeklyDigests>().SendAsync(jonas.RepId, jonas.LocalDate, default)));
    }
}
