using System.Diagnostics;
using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Capture;
using AeBot.Core.Dialogs;
using AeBot.Core.Sales;
using AeBot.Core.Time;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Conversation;

/// <summary>
/// The one conversation core every channel talks to: understands the message, checks what the asker may see,
/// answers from the data with provenance, remembers the question for follow-ups, and records the turn.
/// It never throws at a channel: every failure becomes a polite reply and an audit record.
/// </summary>
public sealed partial class ConversationCore(
    Understander understander,
    NameCatalog names,
    IConversationStore store,
    IAuditLog audit,
    PipelineAnswers pipeline,
    ResultsAnswers results,
    QuotaAnswers quota,
    TeamAnswers team,
    CaptureAbilities capture,
    IDialogStore dialogs,
    IOptions<CaptureOptions> captureOptions,
    TimeProvider clock,
    IOptions<AeBotOptions> options,
    ILogger<ConversationCore> logger) : IConversationCore
{
    public const int MaxLength = 4_000;
    public const string AskPrefix = "ask:";

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var text = message.ActionPayload is { } payload && payload.StartsWith(AskPrefix, StringComparison.Ordinal) ? payload[AskPrefix.Length..] : message.Text;
        Turn turn;
        try
        {
            turn = await TurnAsync(message, text, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            LogTurnFailed(logger, e, message.Channel, message.From.RepId);
            turn = new Turn(new Reply([new TextBlock("Sorry — something went wrong on my side while answering that. Please try again in a moment.")]) { Summary = "Error" },
                TurnOutcome.Failed, "error", "");
        }

        try
        {
            var logged = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
            await audit.RecordAsync(new AuditRecord(message.ReceivedAt, message.From.RepId, message.Channel, message.ConversationId, logged,
                turn.Intent, turn.Entities, turn.Reply.Summary, (int)stopwatch.ElapsedMilliseconds, turn.Outcome), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Losing an audit line must not lose the answer; the log says so loudly.
            LogAuditFailed(logger, e, message.Channel, message.From.RepId);
        }
        return turn.Reply;
    }

    private sealed record Turn(Reply Reply, TurnOutcome Outcome, string Intent, string Entities);

    private async Task<Turn> TurnAsync(IncomingMessage message, string text, CancellationToken ct)
    {
        if (text.Length > MaxLength)
            return new Turn(new Reply([new TextBlock($"That message is too long for me ({text.Length:#,0} characters; I read up to {MaxLength:#,0}). Please ask one question at a time.")]) { Summary = "Message too long" },
                TurnOutcome.TooLong, "too-long", "");

        var viewer = await names.ViewerAsync(message.From.RepId, ct);
        if (viewer is null)
            return new Turn(new Reply([new TextBlock("You're not set up in AeBot yet (or your account is inactive). Ask your admin to add you.")]) { Summary = "Unknown or inactive user" },
                TurnOutcome.Refused, "unknown-user", "");

        var zone = RepTime.FindZone(viewer.TimeZoneId) ?? RepTime.FindZone(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        // Commands, buttons and dialogs first: "logged a call about the forecast" is a log entry, not a question.
        var key = new ConversationKey(message.Channel, message.ConversationId, viewer.RepId);
        var dialog = await dialogs.LoadAsync(key, ct);
        var expired = dialog?.State is not { } pending || now - pending.UpdatedAt > TimeSpan.FromMinutes(captureOptions.Value.DialogTimeoutMinutes);
        var turnContext = new TurnContext(viewer, message, key, now, zone, dialog, expired);
        if (await capture.TryHandleAsync(turnContext, text, message.ActionPayload, ct) is { } captured)
            return new Turn(captured.Reply, captured.Outcome, captured.Intent, captured.Entities);

        var turn = await QuestionAsync(message, text, viewer, zone, now, today, ct);
        // A question asked in the middle of a dialog is answered; the dialog keeps its place and says so.
        return turn with { Reply = CaptureAbilities.WithReminder(turn.Reply, turnContext.Active) };
    }

    private async Task<Turn> QuestionAsync(IncomingMessage message, string text, Sales.Viewer viewer, TimeZoneInfo zone, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var remembered = await store.LoadAsync(message.Channel, message.ConversationId, viewer.RepId, ct);
        var u = await understander.UnderstandAsync(text, viewer, today, remembered?.ToUnderstanding(), ct);
        var intentName = u.Intent.ToString();
        var entities = u.Describe();

        if (u.Intent == Intent.Greeting && u.Evidence.Any(e => e.StartsWith("thank", StringComparison.Ordinal)))
            return new Turn(new Reply([new TextBlock("You're welcome! Ask me anytime.")]) { Summary = "You're welcome" }, TurnOutcome.Answered, intentName, entities);
        if (u.Intent is Intent.Help or Intent.Greeting && u.Score >= 1)
            return new Turn(HelpAbility.For(message.From), TurnOutcome.Answered, intentName, entities);

        if (u.Ambiguity is { } ambiguity)
            return new Turn(Clarify(text, ambiguity), TurnOutcome.Clarified, intentName, entities);

        if (u.Unmatched is { } name)
        {
            var scope = viewer.HasTeam ? "you and your team" : "you";
            var reply = new Reply([new TextBlock($"I don't see \"{name}\" among the people and accounts you can see. I can show figures for {scope} and your accounts{(viewer.HasTeam ? "" : " — ask about your own numbers")}.")])
            {
                Summary = "Refused: outside the asker's scope or unknown",
            };
            return new Turn(reply, TurnOutcome.Refused, intentName, entities);
        }

        if (u.Intent == Intent.Unknown || u.Score < Understander.ConfidentScore && !u.Evidence.Contains("follow-up of the previous question"))
            return new Turn(NotUnderstood(viewer), TurnOutcome.NotUnderstood, intentName, entities);

        var context = new AnswerContext(viewer, u, today, now, zone, new FiscalCalendar(options.Value.FiscalYearStartMonth), options.Value.Currency);
        var answer = u.Intent switch
        {
            Intent.Pipeline => await pipeline.PipelineAsync(context, ct),
            Intent.BiggestDeals => await pipeline.BiggestAsync(context, ct),
            Intent.PastDue => await pipeline.PastDueAsync(context, ct),
            Intent.Stale => await pipeline.StaleAsync(context, ct),
            Intent.Slipped => await pipeline.SlippedAsync(context, ct),
            Intent.Won => await results.WonAsync(context, ct),
            Intent.Lost => await results.LostAsync(context, ct),
            Intent.WinRate => await results.WinRateAsync(context, ct),
            Intent.AverageDealSize => await results.AverageDealAsync(context, ct),
            Intent.SalesCycle => await results.CycleAsync(context, ct),
            Intent.TopAccounts => await results.TopAsync(context, DealGrouping.Account, ct),
            Intent.TopProducts => await results.TopAsync(context, DealGrouping.Product, ct),
            Intent.Quota => await quota.QuotaAsync(context, ct),
            Intent.WhatIf => await quota.WhatIfAsync(context, ct),
            Intent.Forecast => await quota.ForecastAsync(context, ct),
            Intent.TeamRollup => await team.RollupAsync(context, ct),
            Intent.BehindQuota => await team.BehindAsync(context, ct),
            Intent.BestWinRate => await team.BestWinRateAsync(context, ct),
            _ => NotUnderstood(viewer),
        };
        await store.SaveAsync(message.Channel, message.ConversationId, viewer.RepId, RememberedQuestion.Of(u), ct);
        return new Turn(answer, TurnOutcome.Answered, intentName, entities);
    }

    private static Reply Clarify(string text, Ambiguity ambiguity)
    {
        var options = ambiguity.Options.Take(8).Select(o =>
        {
            var index = text.IndexOf(ambiguity.Words, StringComparison.OrdinalIgnoreCase);
            var rewritten = index < 0 ? $"{text} {o.Name}" : text.Remove(index, ambiguity.Words.Length).Insert(index, o.Name);
            return new ReplyAction(o.Name, AskPrefix + rewritten);
        }).ToList();
        return new Reply([new ChoiceBlock($"Which {ambiguity.Kind} do you mean by \"{ambiguity.Words}\"?", options)])
        {
            Summary = $"Which {ambiguity.Kind}: {string.Join(", ", ambiguity.Options.Take(8).Select(o => o.Name))}?",
        };
    }

    private static Reply NotUnderstood(Viewer viewer)
    {
        var suggestions = new List<ReplyAction>
        {
            new("What closes this month?", AskPrefix + "what closes this month?"),
            new("How am I tracking vs quota?", AskPrefix + "how am I tracking vs quota?"),
            new("What did I close last quarter?", AskPrefix + "what did I close last quarter?"),
        };
        if (viewer.HasTeam)
            suggestions.Add(new ReplyAction("Team pipeline by rep", AskPrefix + "team pipeline by rep this quarter"));
        return new Reply([new TextBlock("I'm not sure what you're asking. I answer questions about pipeline, results, quota and forecast — try one of these, or type \"help\"."), new ActionsBlock(suggestions)])
        {
            Summary = "Not understood; suggested questions",
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} for rep {RepId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channel, long repId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit record of a turn on {Channel} for rep {RepId}")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string channel, long repId);
}
