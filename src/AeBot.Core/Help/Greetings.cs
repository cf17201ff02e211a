using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Sales;
using AeBot.Core.Text;
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
    public Task<Reply?> ForAsync(long repId, CancellationToken cancellationToken) => ForAsync(repId, null, cancellationToken);

    /// <summary>
    /// The same, in <paramref name="whenUnknown"/> (the web chat's browser language) when AeBot knows none of the
    /// person's: no choice in chat and no Teams/Slack locale. Nothing is stored: a browser is not the person's client.
    /// </summary>
    public async Task<Reply?> ForAsync(long repId, ReplyLanguage? whenUnknown, CancellationToken cancellationToken)
    {
        var viewer = await data.ViewerAsync(repId, cancellationToken);
        if (viewer is null)
            return null;
        if (whenUnknown is not null && viewer.Language?.Chosen is null && viewer.Language?.Locale is null)
            viewer = viewer with { Language = new LanguageChoice(null, whenUnknown.Code, viewer.Language?.BuddhistEra) };
        var zone = RepTime.FindZone(viewer.TimeZoneId) ?? RepTime.FindZone(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        return For(viewer, TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone), new FiscalCalendar(options.Value.FiscalYearStartMonth));
    }

    /// <summary>The greeting at <paramref name="local"/>, the viewer's own wall-clock time, in the language they read.</summary>
    public static Reply For(Viewer viewer, DateTimeOffset local, FiscalCalendar fiscal)
    {
        var language = viewer.Speaks;
        var first = viewer.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? viewer.Name;
        var today = DateOnly.FromDateTime(local.DateTime);
        var (questions, why) = Examples(viewer.HasTeam, today, fiscal, language);
        var hello = local.Hour switch
        {
            < 5 => nameof(HelpTexts.Greeting_Night),
            < 12 => nameof(HelpTexts.Greeting_Morning),
            < 18 => nameof(HelpTexts.Greeting_Afternoon),
            _ => nameof(HelpTexts.Greeting_Evening),
        };
        var text = HelpAbility.T(language, hello, first, why);
        return Payloads.InLanguage(new Reply([new TextBlock(text), new ActionsBlock(questions.Select(q => new ReplyAction(q, Payloads.Ask + q)).ToList())])
        {
            Summary = HelpAbility.T(language, nameof(HelpTexts.Greeting_Summary), questions.Count),
            Language = language.Code,
        });
    }

    internal static (IReadOnlyList<string> Questions, string Why) Examples(bool manager, DateOnly today, FiscalCalendar fiscal) =>
        Examples(manager, today, fiscal, ReplyLanguage.English);

    /// <summary>4–6 questions, the day's first; each one the core answers from the data (a test asks every one of them).</summary>
    internal static (IReadOnlyList<string> Questions, string Why) Examples(bool manager, DateOnly today, FiscalCalendar fiscal, ReplyLanguage language)
    {
        var quarter = fiscal.ThisQuarter(today);
        var monthEnd = today.AddDays(1 - today.Day).AddMonths(1).AddDays(-1);
        var picks = new List<string>();
        string why;
        if (quarter.To.DayNumber - today.DayNumber < 14)
        {
            why = HelpAbility.T(language, nameof(HelpTexts.Greeting_QuarterEnds), Day(quarter.To, today, language));
            picks.AddRange(manager
                ? [nameof(HelpTexts.Q_TeamForecast), nameof(HelpTexts.Q_BehindQuota), nameof(HelpTexts.Q_TeamClosesThisMonth)]
                : [nameof(HelpTexts.Q_ForecastThisQuarter), nameof(HelpTexts.Q_TrackingVsQuota), nameof(HelpTexts.Q_ClosesThisMonth)]);
        }
        else if (monthEnd.DayNumber - today.DayNumber < 7)
        {
            why = HelpAbility.T(language, nameof(HelpTexts.Greeting_MonthEnds), Day(monthEnd, today, language));
            picks.AddRange(manager
                ? [nameof(HelpTexts.Q_TeamClosesThisMonth), nameof(HelpTexts.Q_TeamVsQuota), nameof(HelpTexts.Q_BehindQuota)]
                : [nameof(HelpTexts.Q_ClosesThisMonth), nameof(HelpTexts.Q_TrackingVsQuota), nameof(HelpTexts.Q_PastCloseDate)]);
        }
        else if (today.DayOfWeek == DayOfWeek.Monday)
        {
            why = HelpAbility.T(language, nameof(HelpTexts.Greeting_NewWeek));
            picks.AddRange(manager
                ? [nameof(HelpTexts.Q_TeamClosesThisWeek), nameof(HelpTexts.Q_TeamSlipped), nameof(HelpTexts.Q_BehindQuota)]
                : [nameof(HelpTexts.Q_MyDay), nameof(HelpTexts.Q_ClosesThisWeek), nameof(HelpTexts.Q_Stale)]);
        }
        else
        {
            why = HelpAbility.T(language, manager ? nameof(HelpTexts.Greeting_ManagersAsk) : nameof(HelpTexts.Greeting_RepsAsk));
        }
        // The rest of a day's list: the everyday questions of the role, none twice.
        IEnumerable<string> everyday = manager
            ? [nameof(HelpTexts.Q_TeamPipelineByRep), nameof(HelpTexts.Q_TeamVsQuota), nameof(HelpTexts.Q_TeamStale), nameof(HelpTexts.Q_BestWinRate), nameof(HelpTexts.Q_TeamForecast), nameof(HelpTexts.Q_BehindQuota)]
            : [nameof(HelpTexts.Q_MyDay), nameof(HelpTexts.Q_TrackingVsQuota), nameof(HelpTexts.Q_ClosesThisMonth), nameof(HelpTexts.Q_BiggestOpen), nameof(HelpTexts.Q_Stale), nameof(HelpTexts.Q_ClosedLastQuarter)];
        foreach (var question in everyday)
            if (picks.Count < 5 && !picks.Contains(question))
                picks.Add(question);
        return (picks.Select(k => HelpAbility.T(language, k)).ToList(), why);
    }

    /// <summary>"Dec 31" as the greeting always wrote it in English; "31 ธ.ค." in Thai.</summary>
    private static string Day(DateOnly date, DateOnly today, ReplyLanguage language) =>
        language.IsThai ? DateFormat.Short(date, today, language) : date.ToString("MMM d", System.Globalization.CultureInfo.CurrentCulture);
}
