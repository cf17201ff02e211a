using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
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
        if (MutePattern().Match(t) is { Success: true } mute)
            return await MuteAsync(c, mute, ct);
        var mine = await store.GetAsync(c.Viewer.RepId, ct);
        if (DigestPattern().Match(t) is { Success: true } digest)
        {
            if (ParseTime(digest.Groups["time"].Value) is not { } at)
                return Say("I didn't catch the time — try \"digest at 8am\" or \"digest at 07:30\".", "Digest time not understood", TurnOutcome.NotUnderstood);
            await store.SaveAsync(c.Viewer.RepId, at, mine.DailyCap, mine.QuietStart, mine.QuietEnd, ct);
            return Changed($"Done — your daily digest now comes at **{at:HH\\:mm}** ({c.Zone.Id}) on weekdays.", $"Digest time set to {at:HH\\:mm}");
        }
        if (QuietPattern().Match(t) is { Success: true } quiet)
        {
            if (quiet.Groups["off"].Success)
            {
                await store.SaveAsync(c.Viewer.RepId, mine.DigestTime, mine.DailyCap, TimeOnly.MinValue, TimeOnly.MinValue, ct);
                return Changed("Done — no quiet hours: nudges can come at any time of day (weekends stay quiet).", "Quiet hours off");
            }
            if (ParseTime(quiet.Groups["from"].Value) is not { } from || ParseTime(quiet.Groups["to"].Value) is not { } to || from == to)
                return Say("Tell me when quiet hours start and end, e.g. \"quiet hours 7pm to 7am\" (or \"quiet hours off\").", "Quiet hours not understood", TurnOutcome.NotUnderstood);
            await store.SaveAsync(c.Viewer.RepId, mine.DigestTime, mine.DailyCap, from, to, ct);
            return Changed($"Done — quiet hours **{from:HH\\:mm}–{to:HH\\:mm}** ({c.Zone.Id}). Anything due then waits for your next digest.", $"Quiet hours set to {from:HH\\:mm}-{to:HH\\:mm}");
        }
        if (CapPattern().Match(t) is { Success: true } cap)
        {
            var n = int.Parse(cap.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (n > 20)
                return Say("The most I'll send is 20 nudges a day — pick a number from 0 to 20.", "Cap out of range", TurnOutcome.Refused);
            await store.SaveAsync(c.Viewer.RepId, mine.DigestTime, n, mine.QuietStart, mine.QuietEnd, ct);
            return Changed(n == 0
                ? "Done — no nudges during the day; everything waits for your daily digest."
                : $"Done — at most **{n}** nudge{(n == 1 ? "" : "s")} a day; the rest wait for your next digest.", $"Daily cap set to {n}");
        }
        if (ResetPattern().IsMatch(t))
        {
            await store.SaveAsync(c.Viewer.RepId, null, null, null, null, ct);
            foreach (var m in mine.Mutes)
                await store.UnmuteAsync(c.Viewer.RepId, m.Category, m.AccountId, ct);
            return Changed("Done — your nudge settings are back to the company defaults.", "Nudge settings reset");
        }
        return Show(c, mine);
    }

    private TurnResult Show(TurnContext c, NudgePreferences mine)
    {
        var o = options.Value;
        var (start, end) = (mine.QuietStart ?? o.QuietStart, mine.QuietEnd ?? o.QuietEnd);
        string Mark(bool own) => own ? "" : " (default)";
        var facts = new List<Fact>
        {
            new("Daily digest", $"{mine.DigestTime ?? o.DigestTime:HH\\:mm}{(o.DigestWeekdaysOnly ? " on weekdays" : " every day")}{Mark(mine.DigestTime is not null)}"),
            new("Nudges a day", $"at most {mine.DailyCap ?? o.DailyCap}{Mark(mine.DailyCap is not null)}"),
            new("Quiet hours", (start == end ? "none" : $"{start:HH\\:mm}–{end:HH\\:mm}") + (o.QuietWeekends ? ", and weekends" : "") + Mark(mine.QuietStart is not null)),
            new("Time zone", c.Zone.Id),
            new("Muted", mine.Mutes.Count == 0 ? "nothing" : string.Join("; ", mine.Mutes.Select(Describe))),
        };
        var rules = string.Join(", ", NudgeRules.Categories.Select(k => k.Name));
        var unmute = mine.Mutes.Take(5).Select(m => new ReplyAction("Unmute " + Describe(m), Payloads.Ask + "unmute " + m.Category + (m.AccountName is null ? "" : " for " + m.AccountName))).ToList();
        return new TurnResult(new Reply([
            new TextBlock("**Your nudge settings**"),
            new FactsBlock(facts),
            .. unmute.Count > 0 ? new ReplyBlock[] { new ActionsBlock(unmute) } : [],
            new ContextBlock($"Change them by saying: \"digest at 8am\", \"quiet hours 7pm to 7am\", \"at most 2 nudges a day\", \"mute renewals for Acme\", \"unmute stale\", \"reset nudge settings\". Rules: {rules}."),
        ]) { Summary = "Nudge settings" }, "nudge-settings", TurnOutcome.Answered);
    }

    private static string Describe(NudgeMute m) =>
        (NudgeRules.FindCategory(m.Category)?.Label ?? m.Category) + (m.AccountName is null ? "" : " for " + m.AccountName);

    private async Task<TurnResult> MuteAsync(TurnContext c, Match m, CancellationToken ct)
    {
        var unmute = m.Groups["un"].Success;
        var categories = m.Groups["all"].Success ? NudgeRules.Categories.ToList() : [CategoryFor(m.Groups["what"].Value)];
        long? accountId = null;
        string? accountName = null;
        if (m.Groups["account"].Success)
        {
            var accounts = await understander.FindAccountsAsync(m.Groups["account"].Value, c.Viewer, ct);
            if (accounts.Count == 0)
                return Say($"I can't find an account called \"{m.Groups["account"].Value.Trim()}\" among yours, so nothing was changed.", "Mute: account not found", TurnOutcome.Refused);
            if (accounts.Count > 1 && accounts[0].Score == accounts[1].Score)
            {
                var verb = unmute ? "unmute" : "mute";
                var what = m.Groups["all"].Success ? "all" : categories[0].Name;
                return new TurnResult(new Reply([new ChoiceBlock("Which account?", accounts.Take(6).Select(a =>
                    new ReplyAction(a.Entity.Name, Payloads.Ask + $"{verb} {what} for {a.Entity.Name}")).ToList())]) { Summary = "Which account to " + verb }, "nudge-mute", TurnOutcome.Clarified);
            }
            (accountId, accountName) = (accounts[0].Entity.Id, accounts[0].Entity.Name);
        }
        var changed = 0;
        foreach (var category in categories)
            changed += unmute
                ? await store.UnmuteAsync(c.Viewer.RepId, category.Name, accountId, ct) ? 1 : 0
                : await store.MuteAsync(c.Viewer.RepId, category.Name, accountId, ct) ? 1 : 0;
        var scope = accountName is null ? "" : " for " + accountName;
        var label = m.Groups["all"].Success ? "all nudges" : categories[0].Label;
        if (unmute)
            return changed == 0
                ? Say($"{Cap(label)}{scope} weren't muted — nothing to change. Say \"nudge settings\" to see what is.", "Unmute: nothing muted", TurnOutcome.Answered)
                : Changed($"Done — {label}{scope} are back on.", $"Unmuted {label}{scope}");
        return Changed(changed == 0 ? $"{Cap(label)}{scope} were already muted." : $"Done — no more {label}{scope}. They still show in your daily digest; say \"unmute {(m.Groups["all"].Success ? "all" : categories[0].Name)}{scope}\" to undo.",
            $"Muted {label}{scope}");
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

    private static TurnResult Changed(string text, string summary) =>
        new(new Reply([new TextBlock(text), new ActionsBlock([new ReplyAction("Nudge settings", Payloads.Ask + "nudge settings")])]) { Summary = summary }, "nudge-settings", TurnOutcome.Changed);

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
