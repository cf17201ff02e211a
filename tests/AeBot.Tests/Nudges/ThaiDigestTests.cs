using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Nudges;
using AeBot.Core.Text;
using AeBot.Data.Storage;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AeBot.Tests.Nudges.NudgeWorld;
using static AeBot.Tests.Nudges.ThaiNudgeTests;

namespace AeBot.Tests.Nudges;

/// <summary>
/// The daily and weekly digests of people whose stored language is Thai: written wholly in Thai but for the data's
/// names and values, listing the same deals and counts as the English version of the same day and as plain SQL,
/// with buttons that act.
/// </summary>
public sealed class ThaiDigestTests : IAsyncLifetime
{
    private static readonly DateOnly Tuesday = Monday.AddDays(1);
    private NudgeWorld _world = null!;

    public async Task InitializeAsync() => _world = await CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static IEnumerable<(string? Title, IReadOnlyList<string> Items)> Lists(Reply reply) =>
        reply.Blocks.OfType<ItemListBlock>().Select(l => (l.Title, (IReadOnlyList<string>)[.. l.Items.Select(i => i.Title.Split(" · ")[0])]));

    [Fact]
    public async Task A_thai_reps_daily_digest_is_in_thai_with_the_english_days_lists_the_deals_sql_finds_and_buttons_that_act()
    {
        // Monday: Tess reads Thai; three nudges go, three wait for Tuesday's digest — written in Thai when they were held.
        var monday = await _world.HostAtAsync(MondayAt(15, 5));
        await SpeakThaiAsync(monday, _world.Tess);
        await WithAsync(monday, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));

        // Tuesday 08:35 in New York. The same day in English first ("my day", asked by a twin who reads English).
        var tuesday = await _world.HostAtAsync(MondayAt(13, 35).AddDays(1));
        await WithAsync(tuesday, sp => sp.GetRequiredService<AeBotDbContext>().Database.ExecuteSqlAsync($"UPDATE \"Reps\" SET \"Language\" = 'en' WHERE \"Id\" = {_world.Tess}"));
        var english = await Conversation.TestHosts.AskAsync(tuesday.Services, TessEmail, "my day", "th-digest-en", at: MondayAt(13, 30).AddDays(1));
        Assert.Equal("en", english.Language);
        await SpeakThaiAsync(tuesday, _world.Tess);

        Assert.Contains((_world.Tess, Tuesday), await WithAsync(tuesday, sp => sp.GetRequiredService<DailyDigests>().DueAsync(default)));
        Assert.Equal(DigestOutcome.Sent, await WithAsync(tuesday, sp => sp.GetRequiredService<DailyDigests>().SendAsync(_world.Tess, Tuesday, default)));
        var digest = (await OutboxAsync(tuesday, _world.Tess)).Single(o => o.Reason == DailyDigests.Rule).Reply;
        ThaiText.AssertThai(digest, await NamesAsync(tuesday, _world.Tess));
        var text = ThaiText.All(digest);
        Assert.StartsWith("งานวันนี้ของคุณ Tess:", text, StringComparison.Ordinal);

        // The same lists as the English day, item for item (the held-back nudges come on top).
        var thaiLists = Lists(digest).ToList();
        var held = Assert.Single(thaiLists, l => l.Title!.StartsWith("การแจ้งเตือนที่รอส่งพร้อมสรุปประจำวัน (3)", StringComparison.Ordinal));
        Assert.All(held.Items, title => Assert.Empty(ThaiText.EnglishIn(title, [AccountName, "Zenith – Negotiation stalled", "Zenith – Slipping", "Send the security pack"])));
        Assert.Equal(Lists(english).Select(l => l.Items), thaiLists.Where(l => l != held).Select(l => l.Items));

        // What SQL finds: her overdue follow-ups and deals past their close date, each listed by name and counted.
        var overdue = (await SqlAsync(tuesday, $"SELECT \"Title\" FROM \"FollowUpTasks\" WHERE \"RepId\" = {_world.Tess} AND \"Status\" = 0 AND \"DueDate\" < '2026-12-01'")).Select(r => (string)r[0]!).ToList();
        Assert.Contains(thaiLists, l => l.Title == $"งานติดตามที่เลยกำหนด ({overdue.Count})" && l.Items.ToHashSet().SetEquals(overdue));
        var pastClose = (await SqlAsync(tuesday, $"SELECT \"Name\", \"Amount\", \"Currency\" FROM \"Opportunities\" WHERE \"OwnerId\" = {_world.Tess} AND \"StageCategory\" = 0 AND \"CloseDate\" < '2026-12-01'")).ToList();
        var pastCloseList = digest.Blocks.OfType<ItemListBlock>().Single(l => l.Title == $"ดีลที่เลยวันปิดแล้ว ({pastClose.Count})");
        Assert.Equal(pastClose.Select(r => (string)r[0]! + " · " + MoneyFormat.Compact(Money(r[1]), (string)r[2]!, ReplyLanguage.Thai)).Order(), pastCloseList.Items.Select(i => i.Title).Order());

        // Its buttons act: "เสร็จแล้ว" on the overdue follow-up closes it.
        var done = digest.Blocks.OfType<ItemListBlock>().Single(l => l.Title!.StartsWith("งานติดตามที่เลยกำหนด", StringComparison.Ordinal))
            .Items.Single(i => i.Title == "Call back about pricing").Actions.Single(a => a.Label == "เสร็จแล้ว");
        await Conversation.TestHosts.AskAsync(tuesday.Services, TessEmail, "", "th-digest", done.Payload, MondayAt(13, 40).AddDays(1));
        Assert.Equal(1m, await WithAsync(tuesday, sp => SqlOracle.ScalarAsync(sp.GetRequiredService<AeBotDbContext>(), $"SELECT \"Status\" FROM \"FollowUpTasks\" WHERE \"Id\" = {_world.Overdue}")));
    }

    [Fact]
    public async Task A_thai_managers_weekly_digest_is_in_thai_with_the_same_packs_as_in_english_and_the_deals_sql_finds()
    {
        var host = await _world.HostAtAsync(MondayAt(13, 5)); // 08:05 in New York
        var (_, _, english) = await WithAsync(host, sp => sp.GetRequiredService<WeeklyDigests>().PreviewAsync(_world.Marcus, Monday, default));
        await SpeakThaiAsync(host, _world.Marcus);
        Assert.Equal(DigestOutcome.Sent, await WithAsync(host, sp => sp.GetRequiredService<WeeklyDigests>().SendAsync(_world.Marcus, Monday, default)));
        var digest = (await OutboxAsync(host, _world.Marcus)).Single(o => o.Reason == WeeklyDigests.Rule).Reply;
        Assert.Equal("th", digest.Language);

        // The digest's own words (the rollup inside it is the team answer's, written by the answers in the same language).
        var names = new List<string>();
        foreach (var sql in new[] { "SELECT \"Name\" FROM \"Reps\"", "SELECT \"Name\" FROM \"Accounts\"", "SELECT \"Name\" FROM \"Products\"", "SELECT \"Name\" FROM \"Opportunities\"", "SELECT DISTINCT \"Stage\" FROM \"Opportunities\"" })
            names.AddRange((await SqlAsync(host, sql)).Select(r => (string)r[0]!));
        names.AddRange(names.Where(n => n.Contains(' ', StringComparison.Ordinal)).Select(n => n.Split(' ')[0]).ToList());
        var rollupEnd = digest.Blocks.ToList().FindIndex(b => b is ItemListBlock);
        var own = digest.Blocks.Where((b, i) => i == 0 || i >= rollupEnd).SelectMany(ThaiText.Visible).Append(digest.Summary);
        var english_ = ThaiText.EnglishIn(string.Join("\n", own), names);
        Assert.True(english_.Count == 0, "English left: " + string.Join(", ", english_.Distinct()) + "\n" + string.Join("\n", own));

        // The same packs, item for item, as the English digest of the same morning.
        // A pack's item is "Slipped: {deal} · {amount}": the deal after the kind, whatever words name the kind.
        static IEnumerable<IEnumerable<string>> Deals(Reply r) => Lists(r).Select(l => l.Items.Select(i => i.Split(": ", 2)[^1]));
        Assert.Equal(Deals(english!), Deals(digest));
        var tess = digest.Blocks.OfType<ItemListBlock>().Single(l => l.Title!.StartsWith("Tess Tester — สรุปสำหรับคุย 1:1", StringComparison.Ordinal));

        // What SQL finds for Tess: her open deals past their close date and the slipping one, by name.
        var pastClose = (await SqlAsync(host, $"SELECT \"Name\" FROM \"Opportunities\" WHERE \"OwnerId\" = {_world.Tess} AND \"StageCategory\" = 0 AND \"CloseDate\" < '2026-11-30'")).Select(r => (string)r[0]!).ToList();
        Assert.NotEmpty(pastClose);
        Assert.All(pastClose, name => Assert.Contains(tess.Items, i => i.Title.StartsWith("เลยวันปิด: " + name, StringComparison.Ordinal)));
        Assert.Contains(tess.Items, i => i.Title.StartsWith("เลื่อนบ่อย: Zenith – Slipping", StringComparison.Ordinal) && i.Detail == "เลื่อนวันปิด 3 มี.ค. 2570 → 31 มี.ค. 2570 → 30 เม.ย. 2570");
        var contract = (await SqlAsync(host, $"SELECT \"AnnualValue\", \"Currency\" FROM \"Contracts\" WHERE \"Id\" = {_world.RenewalIn20}")).Single();
        Assert.Contains(tess.Items, i => i.Title == "สัญญาเสี่ยงหลุด: " + AccountName && SqlOracle.Shows(i.Detail!, MoneyFormat.Exact(Money(contract[0]), (string)contract[1]!)));
        Assert.Contains(digest.Blocks.OfType<ContextBlock>(), c => c.Text.StartsWith("สรุปทีมประจำสัปดาห์ — ส่งทุกวันจันทร์ เวลา 08:00 น.", StringComparison.Ordinal));
    }
}
