using AeBot.Core.Conversation;
using AeBot.Core.Sales;
using AeBot.Core.Time;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Help;

/// <summary>
/// The first thing a person sees (the web chat's landing, a new conversation): a greeting for their time of day and
/// a few questions to click, chosen for their role and for the day in their own time zone — the week ahead on a
/// Monday, what closes and where quota stands at the end of a month, the forecast near the end of a quarter.
/// </summary>
public sealed class Greetings(ISalesData data, TimeProvider clock, IOptions<AeBotOptions> options)
{
    public const int MaxExamples = 6;

    /// <summary>The greeting for a rep now; null when they are unknown or inactive.</summary>
    public async Task<Reply?> ForAsync(long repId, CancellationToken cancellationToken)
    {
        var viewer = await data.ViewerAsync(repId, cancellationToken);
        if (viewer is null)
            return null;
        var zone = RepTime.FindZone(viewer.TimeZoneId) ?? RepTime.FindZone(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        return For(viewer, TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone), new FiscalCalendar(options.Value.FiscalYearStartMonth));
    }

    /// <summary>The greeting at <paramref name="local"/>, the viewer's own wall-clock time.</summary>
    public static Reply For(Viewer viewer, DateTimeOffset local, FiscalCalendar fiscal)
    {
        var first = viewer.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? viewer.Name;
        var today = DateOnly.FromDateTime(local.DateTime);
        var (questions, why) = Examples(viewer.HasTeam, today, fiscal);
        var hello = local.Hour switch { < 5 => "Hi", < 12 => "Good morning", < 18 => "Good afternoon", _ => "Good evening" };
        var text = $"{hello}, {first}! I'm AeBot. {why} Click one to ask it, or type your own question — \"help\" shows everything I do.";
        return new Reply([new TextBlock(text), new ActionsBlock(questions.Select(q => new ReplyAction(q, Payloads.Ask + q)).ToList())])
        {
            Summary = $"Greeting with {questions.Count} example questions",
        };
    }

    /// <summary>4–6 questions, the day's first; each one the core answers from the data (a test asks every one of them).</summary>
    internal static (IReadOnlyList<string> Questions, string Why) Examples(bool manager, DateOnly today, FiscalCalendar fiscal)
    {
        var quarter = fiscal.ThisQuarter(today);
        var monthEnd = today.AddDays(1 - today.Day).AddMonths(1).AddDays(-1);
        var picks = new List<string>();
        string why;
        if (quarter.To.DayNumber - today.DayNumber < 14)
        {
            why = $"The quarter ends {quarter.To:MMM d} — here's where it stands.";
            picks.AddRange(manager
                ? ["team forecast this quarter", "who is behind quota?", "what does my team close this month?"]
                : ["forecast this quarter", "how am I tracking vs quota?", "what closes this month?"]);
        }
        else if (monthEnd.DayNumber - today.DayNumber < 7)
        {
            why = $"The month ends {monthEnd:MMM d} — time to close what you can.";
            picks.AddRange(manager
                ? ["what does my team close this month?", "how is my team tracking vs quota?", "who is behind quota?"]
                : ["what closes this month?", "how am I tracking vs quota?", "deals past their close date"]);
        }
        else if (today.DayOfWeek == DayOfWeek.Monday)
        {
            why = "A new week — here's what's ahead.";
            picks.AddRange(manager
                ? ["what does my team close this week?", "slipped deals on my team", "who is behind quota?"]
                : ["my day", "what closes this week?", "stale deals"]);
        }
        else
        {
            why = manager ? "Here's what managers ask me most." : "Here's what reps ask me most.";
        }
        // The rest of a day's list: the everyday questions of the role, none twice.
        IEnumerable<string> everyday = manager
            ? ["team pipeline by rep this quarter", "how is my team tracking vs quota?", "stale deals on my team", "who has the best win rate this quarter?", "team forecast this quarter", "who is behind quota?"]
            : ["my day", "how am I tracking vs quota?", "what closes this month?", "biggest open deals", "stale deals", "what did I close last quarter?"];
        foreach (var question in everyday)
            if (picks.Count < 5 && !picks.Contains(question))
                picks.Add(question);
        return (picks, why);
    }
}
