using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Nudges;

/// <summary>
/// Each person's own nudge settings, in chat: "nudge settings", "mute renewals for Acme", "unmute stale",
/// "digest at 8am", "quiet hours 7pm to 7am", "at most 2 nudges a day", "reset nudge settings".
/// </summary>
public sealed partial class NudgeSettingsAbility(INudgePreferenceStore store, AccountFinder understander, IOptions<NudgeOptions> options)
{
    public async Task<TurnResult> HandleAsync(TurnContext c, string text, CancellationToken ct)
    {
        var t = Normalize(Understanding.Thai.ThaiCommands.NudgeWords(text));
        var l = c.Language;
        if (MutePattern().Match(t) is { Success: true } mute)
            return await MuteAsync(c, mute, ct);
        var mine = await store.GetAsync(c.Viewer.RepId, ct);
        if (DigestPattern().Match(t) is { Success: true } digest)
        {
            if (ParseTime(digest.Groups["time"].Value) is not { } at)
                return Say(T(l, nameof(NudgeTexts.DigestTimeNotUnderstood)), T(l, nameof(NudgeTexts.DigestTimeNotUnderstoodSummary)), TurnOutcome.NotUnderstood);
            await store.SaveAsync(c.Viewer.RepId, at, mine.DailyCap, mine.QuietStart, mine.QuietEnd, ct);
            return Changed(l, T(l, nameof(NudgeTexts.DigestSet), Hm(at), c.Zone.Id), T(l, nameof(NudgeTexts.DigestSetSummary), Hm(at)));
        }
        if (QuietPattern().Match(t) is { Success: true } quiet)
        {
            if (quiet.Groups["off"].Success)
            {
                await store.SaveAsync(c.Viewer.RepId, mine.DigestTime, mine.DailyCap, TimeOnly.MinValue, TimeOnly.MinValue, ct);
                return Changed(l, T(l, nameof(NudgeTexts.QuietOff)), T(l, nameof(NudgeTexts.QuietOffSummary)));
            }
            if (ParseTime(quiet.Groups["from"].Value) is not { } from || ParseTime(quiet.Groups["to"].Value) is not { } to || from == to)
                return Say(T(l, nameof(NudgeTexts.QuietNotUnderstood)), T(l, nameof(NudgeTexts.QuietNotUnderstoodSummary)), TurnOutcome.NotUnderstood);
            await store.SaveAsync(c.Viewer.RepId, mine.DigestTime, mine.DailyCap, from, to, ct);
            return Changed(l, T(l, nameof(NudgeTexts.QuietSet), Hm(from), Hm(to), c.Zone.Id), T(l, nameof(NudgeTexts.QuietSetSummary), Hm(from), Hm(to)));
        }
        if (CapPattern().Match(t) is { Success: true } cap)
        {
            var n = int.Parse(cap.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (n > 20)
                return Say(T(l, nameof(NudgeTexts.CapTooHigh)), T(l, nameof(NudgeTexts.CapTooHighSummary)), TurnOutcome.Refused);
            await store.SaveAsync(c.Viewer.RepId, mine.DigestTime, n, mine.QuietStart, mine.QuietEnd, ct);
            return Changed(l, n == 0 ? T(l, nameof(NudgeTexts.CapZero)) : T(l, n == 1 ? nameof(NudgeTexts.Cap_One) : nameof(NudgeTexts.Cap_Other), n),
                T(l, nameof(NudgeTexts.CapSummary), n));
        }
        if (ResetPattern().IsMatch(t))
        {
            await store.SaveAsync(c.Viewer.RepId, null, null, null, null, ct);
            foreach (var m in mine.Mutes)
                await store.UnmuteAsync(c.Viewer.RepId, m.Category, m.AccountId, ct);
            return Changed(l, T(l, nameof(NudgeTexts.Reset)), T(l, nameof(NudgeTexts.ResetSummary)));
        }
        return Show(c, mine);
    }

    private TurnResult Show(TurnContext c, NudgePreferences mine)
    {
        var o = options.Value;
        var l = c.Language;
        var (start, end) = (mine.QuietStart ?? o.QuietStart, mine.QuietEnd ?? o.QuietEnd);
        string Mark(bool own) => own ? "" : T(l, nameof(NudgeTexts.DefaultMark));
        var quiet = start == end ? T(l, nameof(NudgeTexts.QuietNone)) : T(l, nameof(NudgeTexts.QuietRange), Hm(start), Hm(end));
        var facts = new List<Fact>
        {
            new(T(l, nameof(NudgeTexts.FactDailyDigest)), T(l, o.DigestWeekdaysOnly ? nameof(NudgeTexts.DigestOnWeekdays) : nameof(NudgeTexts.DigestEveryDay), Hm(mine.DigestTime ?? o.DigestTime)) + Mark(mine.DigestTime is not null)),
            new(T(l, nameof(NudgeTexts.FactNudgesADay)), T(l, nameof(NudgeTexts.AtMost), mine.DailyCap ?? o.DailyCap) + Mark(mine.DailyCap is not null)),
            new(T(l, nameof(NudgeTexts.FactQuietHours)), (o.QuietWeekends ? T(l, nameof(NudgeTexts.AndWeekends), quiet) : quiet) + Mark(mine.QuietStart is not null)),
            new(T(l, nameof(NudgeTexts.FactTimeZone)), c.Zone.Id),
            new(T(l, nameof(NudgeTexts.FactMuted)), mine.Mutes.Count == 0 ? T(l, nameof(NudgeTexts.MutedNothing)) : string.Join("; ", mine.Mutes.Select(m => Describe(m, l)))),
        };
        var rules = string.Join(", ", NudgeRules.Categories.Select(k => T(l, "RuleWord_" + k.Name.Replace('-', '_'))));
        var unmute = mine.Mutes.Take(5).Select(m => new ReplyAction(T(l, nameof(NudgeTexts.UnmuteButton), Describe(m, l)), Payloads.Ask + "unmute " + m.Category + (m.AccountName is null ? "" : " for " + m.AccountName))).ToList();
        return new TurnResult(new Reply([
            new TextBlock(T(l, nameof(NudgeTexts.SettingsTitle))),
            new FactsBlock(facts),
            .. unmute.Count > 0 ? new ReplyBlock[] { new ActionsBlock(unmute) } : [],
            new ContextBlock(T(l, nameof(NudgeTexts.SettingsHelp), rules)),
        ]) { Summary = T(l, nameof(NudgeTexts.SettingsSummary)) }, "nudge-settings", TurnOutcome.Answered);
    }

    private static string Describe(NudgeMute m, ReplyLanguage l) =>
        (NudgeRules.FindCategory(m.Category) is { } category ? Label(category, l) : m.Category) + (m.AccountName is null ? "" : T(l, nameof(NudgeTexts.ForAccount), m.AccountName));

    /// <summary>A category as a sentence names it: "renewal reminders", "การเตือนต่อสัญญา".</summary>
    private static string Label(NudgeCategory category, ReplyLanguage l) => !l.IsThai ? category.Label : T(l, category.Name switch
    {
        "renewals" => nameof(NudgeTexts.CategoryRenewals),
        "follow-ups" => nameof(NudgeTexts.CategoryFollowUps),
        "stale" => nameof(NudgeTexts.CategoryStale),
        "slipped" => nameof(NudgeTexts.CategorySlipped),
        _ => nameof(NudgeTexts.CategoryCloseDates),
    });

    private static string Hm(TimeOnly time) => time.ToString("HH\\:mm", CultureInfo.InvariantCulture);

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(NudgeTexts.ResourceManager, key, args);

    private async Task<TurnResult> MuteAsync(TurnContext c, Match m, CancellationToken ct)
    {
        var l = c.Language;
        var unmute = m.Groups["un"].Success;
        var categories = m.Groups["all"].Success ? NudgeRules.Categories.ToList() : [CategoryFor(m.Groups["what"].Value)];
        long? accountId = null;
        string? accountName = null;
        if (m.Groups["account"].Success)
        {
            var accounts = await understander.FindAccountsAsync(m.Groups["account"].Value, c.Viewer, ct);
            if (accounts.Count == 0)
                return Say(T(l, nameof(NudgeTexts.AccountNotFound), m.Groups["account"].Value.Trim()), T(l, nameof(NudgeTexts.AccountNotFoundSummary)), TurnOutcome.Refused);
            if (accounts.Count > 1 && accounts[0].Score == accounts[1].Score)
            {
                var verb = unmute ? "unmute" : "mute";
                var what = m.Groups["all"].Success ? "all" : categories[0].Name;
                return new TurnResult(new Reply([new ChoiceBlock(T(l, nameof(NudgeTexts.WhichAccount)), accounts.Take(6).Select(a =>
                    new ReplyAction(a.Entity.Name, Payloads.Ask + $"{verb} {what} for {a.Entity.Name}")).ToList())])
                    { Summary = T(l, unmute ? nameof(NudgeTexts.WhichAccountToUnmute) : nameof(NudgeTexts.WhichAccountToMute)) }, "nudge-mute", TurnOutcome.Clarified);
            }
            (accountId, accountName) = (accounts[0].Entity.Id, accounts[0].Entity.Name);
        }
        var changed = 0;
        foreach (var category in categories)
            changed += unmute
                ? await store.UnmuteAsync(c.Viewer.RepId, category.Name, accountId, ct) ? 1 : 0
                : await store.MuteAsync(c.Viewer.RepId, category.Name, accountId, ct) ? 1 : 0;
        var label = (m.Groups["all"].Success ? T(l, nameof(NudgeTexts.AllNudges)) : Label(categories[0], l))
            + (accountName is null ? "" : T(l, nameof(NudgeTexts.ForAccount), accountName));
        if (unmute)
            return changed == 0
                ? Say(T(l, nameof(NudgeTexts.NotMuted), Cap(label)), T(l, nameof(NudgeTexts.NotMutedSummary)), TurnOutcome.Answered)
                : Changed(l, T(l, nameof(NudgeTexts.Unmuted), label), T(l, nameof(NudgeTexts.UnmutedSummary), label));
        return Changed(l, changed == 0 ? T(l, nameof(NudgeTexts.AlreadyMuted), Cap(label))
                : T(l, nameof(NudgeTexts.MutedDone), label, NudgeCards.Command(l, unmute: true, m.Groups["all"].Success ? "all" : categories[0].Name, accountName)),
            T(l, nameof(NudgeTexts.MutedSummary), label));
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static NudgeCategory CategoryFor(string word) => NudgeRules.FindCategory(word switch
    {
        var w when w.StartsWith("renewal", StringComparison.Ordinal) => "renewals",
        var w when w.StartsWith("follow", StringComparison.Ordinal) => "follow-ups",
        var w when w.StartsWith("stale", StringComparison.Ordinal) => "stale",
        var w when w.StartsWith("slip", StringComparison.Ordinal) => "slipped",
        _ => "close-dates",
    })!;

    /// <summary>"8am", "8:30 am", "08:30", "17", "5pm"; null when it isn't a time of day.</summary>
    internal static TimeOnly? ParseTime(string text)
    {
        var m = TimePattern().Match(text.Trim());
        if (!m.Success)
            return null;
        if (m.Groups["word"].Success)
            return m.Groups["word"].Value == "noon" ? new TimeOnly(12, 0) : TimeOnly.MinValue;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
                return null;
            hour = hour % 12 + (m.Groups["ampm"].Value.StartsWith('p') ? 12 : 0);
        }
        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? new TimeOnly(hour, minute) : null;
    }

    private static string Normalize(string text) => text.Trim().ToLowerInvariant().Replace('’', '\'').Replace("–", "-");

    private static TurnResult Say(string text, string summary, TurnOutcome outcome) =>
        new(new Reply([new TextBlock(text)]) { Summary = summary }, "nudge-settings", outcome);

    private static TurnResult Changed(ReplyLanguage l, string text, string summary) =>
        new(new Reply([new TextBlock(text), new ActionsBlock([new ReplyAction(T(l, nameof(NudgeTexts.ButtonNudgeSettings)), Payloads.Ask + "nudge settings")])]) { Summary = summary }, "nudge-settings", TurnOutcome.Changed);

    private const string Categories = Phrasings.NudgeCategories;

    [GeneratedRegex(@"^(please\s+)?(?:(?<un>un)(?:mute|silence)|mute|silence|turn off|stop)\s+(?:(?<all>all)(?: nudges)?|(?<what>" + Categories + @"))(?:\s+(?:nudges|alerts|reminders))?(?:\s+(?:for|on|about)\s+(?<account>.+?))?\W*$")]
    private static partial Regex MutePattern();

    [GeneratedRegex(@"digest (?:at|to)\s+(?<time>.+?)\W*$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"quiet hours\s*(?:(?<off>off|none|no)|(?:from\s+)?(?<from>[\d:. apm]+?|noon|midnight)\s*(?:-|to|until|till)\s*(?<to>[\d:. apm]+?|noon|midnight))\W*$")]
    private static partial Regex QuietPattern();

    [GeneratedRegex(@"(?:at most|max|maximum|no more than|limit(?: me)? to|nudge (?:cap|limit)(?: to| of| is)?)\s+(?<n>\d{1,3})")]
    private static partial Regex CapPattern();

    [GeneratedRegex(@"^reset (my )?nudge settings")]
    private static partial Regex ResetPattern();

    [GeneratedRegex(@"^(?:(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)?|(?<word>noon)|(?<word>midnight))$")]
    private static partial Regex TimePattern();
}
