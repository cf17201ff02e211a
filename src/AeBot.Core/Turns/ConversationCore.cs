using System.Diagnostics;
using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Briefs;
using AeBot.Core.Capture;
using AeBot.Core.Commission;
using AeBot.Core.Conversation;
using AeBot.Core.Help;
using AeBot.Core.MyDay;
using AeBot.Core.Nudges;
using AeBot.Core.Playbook;
using AeBot.Core.Work;
using AeBot.Core.Dialogs;
using AeBot.Core.Sales;
using AeBot.Core.Time;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Turns;

/// <summary>
/// The one conversation core every channel talks to: understands the message, checks what the asker may see,
/// answers from the data with provenance, remembers the question for follow-ups, and records the turn.
/// It never throws at a channel: every failure becomes a polite reply and an audit record.
/// </summary>
public sealed partial class ConversationCore(
    MessageParser parser,
    NameCatalog names,
    IConversationStore store,
    IAuditLog audit,
    QueryAnswers answers,
    CaptureAbilities capture,
    BriefAbility briefs,
    MyDayAbility myDay,
    Nudges.WeeklyDigests weeklyDigests,
    PlaybookAbility playbook,
    CommissionAbility commission,
    NudgeSettingsAbility nudgeSettings,
    IDialogStore dialogs,
    Crm.IDataFreshness freshness,
    IOptions<CaptureOptions> captureOptions,
    TimeProvider clock,
    IOptions<AeBotOptions> options,
    ILogger<ConversationCore> logger) : IConversationCore
{
    public const int MaxLength = 4_000;

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var text = message.ActionPayload is { } payload && payload.StartsWith(Payloads.Ask, StringComparison.Ordinal) ? payload[Payloads.Ask.Length..] : message.Text;
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
        var key = new ConversationKey(message.Channel, message.ConversationId, viewer.RepId);
        var dialog = await dialogs.LoadAsync(key, ct);
        var expired = dialog?.State is not { } pending || now - pending.UpdatedAt > TimeSpan.FromMinutes(captureOptions.Value.DialogTimeoutMinutes);
        var c = new TurnContext(viewer, message, key, now, zone, dialog, expired);

        // Buttons act on what they carry; "2" typed picks the second choice the waiting dialog offered.
        var payload = message.ActionPayload is { } p && !p.StartsWith(Payloads.Ask, StringComparison.Ordinal) ? p : null;
        if (payload is null && c.Active is { Choices.Count: > 0 } offered && int.TryParse(text.Trim(), out var n) && n >= 1 && n <= offered.Choices.Count)
            payload = offered.Choices[n - 1];
        if (payload is not null && payload.StartsWith(Payloads.More, StringComparison.Ordinal))
            return await MoreAsync(c, message, payload, ct);
        if (payload is not null)
            return Captured(await capture.ButtonAsync(c, payload, ct));

        // One parse, one typed reading; then exactly one ability answers it.
        var remembered = await store.LoadAsync(message.Channel, message.ConversationId, viewer.RepId, ct);
        var reading = await parser.ReadAsync(text, viewer, c.Today, remembered?.Query, ct);
        c = c with
        {
            OwnMessage = MessageParser.IsOwnMessage(text) || reading is CommandReading or UnsupportedReading,
            Understood = reading is not NotUnderstoodReading,
        };

        // A waiting dialog takes only what fits its question; anything else is a turn of its own, and the dialog
        // is set aside with one line (never asked again in place of an answer).
        string? aside = null;
        if (c.Active is { } active && reading is not CommandReading { Kind: CommandKind.Cancel or CommandKind.Resume })
        {
            if (await capture.AnswerAsync(c, active, text, ct) is { } answered)
                return Captured(answered);
            var replaces = reading is CommandReading { Kind: CommandKind.Log or CommandKind.MarkWon or CommandKind.MarkLost or CommandKind.UpdateDeal or CommandKind.Remind };
            if (replaces)
            {
                // Dropped for real before the new command runs: a "yes" meant for the old change must find nothing.
                if (await dialogs.ClearAsync(key, c.Version, ct))
                {
                    aside = $"I've dropped the unfinished {active.Unfinished()} to do this.";
                    c = c with { Dialog = await dialogs.LoadAsync(key, ct) };
                }
            }
            else if (await dialogs.SaveAsync(key, active with { SetAside = true }, c.Version, ct))
            {
                aside = $"I've put {active.Aside()} aside — say \"resume\" to finish it.";
                c = c with { Dialog = await dialogs.LoadAsync(key, ct) };
            }
        }

        var setAside = c.Active is null ? c.Pending : null;
        var turn = await DispatchAsync(c, message, text, reading, remembered?.Query, ct);
        if (reading is QueryReading or AbilityReading && turn.Outcome == TurnOutcome.Answered && await freshness.StaleAsync(ct) is { } stale)
            turn = turn with { Reply = turn.Reply with { Blocks = [.. turn.Reply.Blocks, new ContextBlock(AsOf(stale, c))] } };
        // A dialog that was waiting for "resume" and has just been replaced by a new one: say so, once.
        if (setAside is { SetAside: true } && reading is CommandReading { Kind: not (CommandKind.Cancel or CommandKind.Resume or CommandKind.Undo) }
            && (await dialogs.LoadAsync(key, ct))?.State is { SetAside: false })
            aside = $"I've dropped {setAside.Aside()}, which I had put aside.";
        return aside is null ? turn : turn with { Reply = turn.Reply with { Blocks = [.. turn.Reply.Blocks, new ContextBlock(aside)] } };
    }

    /// <summary>"HubSpot refused AeBot's token: figures as of the last successful sync, Thu, Dec 3 at 9:55."</summary>
    private static string AsOf(Crm.StaleData stale, TurnContext c) =>
        stale.LastSuccess is { } at
            ? $"{stale.Problem}: figures as of the last successful {stale.Source} sync, {Formatting.DateFormat.DayAt(TimeZoneInfo.ConvertTime(at, c.Zone), c.Today)}."
            : $"{stale.Problem}: no {stale.Source} sync has worked yet, so figures are from what AeBot had before.";

    private static Turn Captured(TurnResult t) => new(t.Reply, t.Outcome, t.Intent, t.Entities);

    /// <summary>"More" under a shortened list: the next page of the same question (or "my day" list), for whoever pressed it.</summary>
    private async Task<Turn> MoreAsync(TurnContext c, IncomingMessage message, string payload, CancellationToken ct)
    {
        switch (MorePages.Read(payload))
        {
            case { Section: { } section, Offset: var offset } when section.StartsWith(Nudges.WeeklyDigests.SectionPrefix, StringComparison.Ordinal):
                return Captured(await weeklyDigests.PageAsync(c, section, offset, ct));
            case { Section: { } section, Offset: var offset }:
                return Captured(await myDay.PageAsync(c, section, offset, ct));
            case { Query: { } query, Offset: var from }:
            {
                var context = new AnswerContext(c.Viewer, query, c.Today, c.Now, c.Zone, new FiscalCalendar(options.Value.FiscalYearStartMonth), options.Value.Currency, Offset: from);
                var answer = await answers.AnswerAsync(context, ct);
                // Still the same question: a follow-up after "More" refines it.
                await store.SaveAsync(message.Channel, message.ConversationId, c.Viewer.RepId, new RememberedQuestion(query), ct);
                return new Turn(answer, TurnOutcome.Answered, "query-more", $"{query.Describe()} · from {from}");
            }
            default:
                return new Turn(new Reply([new TextBlock("I can't read that \"More\" button any more — please ask the question again.")]) { Summary = "Unreadable More button" },
                    TurnOutcome.NotUnderstood, "more-unreadable", "");
        }
    }

    private async Task<Turn> DispatchAsync(TurnContext c, IncomingMessage message, string text, Reading reading, Query? previous, CancellationToken ct)
    {
        var evidence = string.Join("|", reading.Evidence);
        switch (reading)
        {
            case CommandReading { Kind: CommandKind.NudgeSettings }:
                return Captured(await nudgeSettings.HandleAsync(c, text, ct));
            case CommandReading command:
                return Captured(await capture.CommandAsync(c, command.Kind, text, ct));
            case AbilityReading { Kind: AbilityKind.Thanks }:
                return new Turn(new Reply([new TextBlock("You're welcome! Ask me anytime.")]) { Summary = "You're welcome" }, TurnOutcome.Answered, "thanks", "");
            case AbilityReading { Kind: AbilityKind.Help or AbilityKind.Greeting } help:
                return new Turn(HelpAbility.For(message.From), TurnOutcome.Answered, help.Kind.ToString().ToLowerInvariant(), "");
            case AbilityReading ability:
                return Captured(ability.Kind switch
                {
                    AbilityKind.Brief => await briefs.BriefAsync(c, text, ct),
                    AbilityKind.MyDay => await myDay.PlanAsync(c, ct),
                    AbilityKind.Playbook => playbook.Answer(text),
                    _ => await commission.AnswerAsync(c, text, ct),
                });
            case ChoiceReading choice:
                return new Turn(Clarify(text, choice.Ambiguity), TurnOutcome.Clarified, "clarify", choice.Ambiguity.Kind + "=" + choice.Ambiguity.Words);
            case OutOfScopeReading outside:
            {
                var scope = c.Viewer.HasTeam ? "you and your team" : "you";
                var reply = new Reply([new TextBlock($"I can't show \"{outside.Words}\" — I don't see them among the people, teams and accounts you can see. I can show figures for {scope} and your accounts{(c.Viewer.HasTeam ? "" : " — ask about your own numbers")}.")])
                {
                    Summary = "Refused: outside the asker's scope or unknown",
                };
                return new Turn(reply, TurnOutcome.Refused, "out-of-scope", "");
            }
            case UnsupportedReading unsupported:
                return new Turn(Unsupported(unsupported.What, c.Viewer), TurnOutcome.NotUnderstood, "unsupported", unsupported.What);
            case QueryReading { Query: var query } read:
            {
                var context = new AnswerContext(c.Viewer, query, c.Today, c.Now, c.Zone, new FiscalCalendar(options.Value.FiscalYearStartMonth), options.Value.Currency);
                var answer = await answers.AnswerAsync(context, ct);
                await store.SaveAsync(message.Channel, message.ConversationId, c.Viewer.RepId, new RememberedQuestion(query), ct);
                var described = query.Describe() + (evidence.Length > 0 ? " [" + evidence + "]" : "");
                return new Turn(answer, TurnOutcome.Answered, read.FollowUp ? "query-follow-up" : "query", described.Length > 1_900 ? described[..1_900] + "…" : described);
            }
            default:
                return new Turn(NotUnderstood(c.Viewer, previous is not null), TurnOutcome.NotUnderstood, "not-understood", evidence);
        }
    }

    private static Reply Clarify(string text, Ambiguity ambiguity)
    {
        var options = ambiguity.Options.Take(8).Select(o =>
        {
            var index = text.IndexOf(ambiguity.Words, StringComparison.OrdinalIgnoreCase);
            var rewritten = index < 0 ? $"{text} {o.Name}" : text.Remove(index, ambiguity.Words.Length).Insert(index, o.Name);
            return new ReplyAction(o.Name, Payloads.Ask + rewritten);
        }).ToList();
        return new Reply([new ChoiceBlock($"Which {ambiguity.Kind} do you mean by \"{ambiguity.Words}\"?", options)])
        {
            Summary = $"Which {ambiguity.Kind}: {string.Join(", ", ambiguity.Options.Take(8).Select(o => o.Name))}?",
        };
    }

    private static Reply NotUnderstood(Viewer viewer, bool hadQuestion)
    {
        var suggestions = Suggestions(viewer);
        var text = "I didn't understand that. I answer questions about your pipeline, results, quota and forecast, log calls and meetings, update deals and set reminders — try one of these, or type \"help\"."
            + (hadQuestion ? " To change your last question, name what should change, e.g. \"and last quarter?\" or \"by product\"." : "");
        return new Reply([new TextBlock(text), new ActionsBlock(suggestions)]) { Summary = "Not understood; suggested questions" };
    }

    private static Reply Unsupported(string what, Viewer viewer) =>
        new([new TextBlock($"I can't {what} — that's outside what I do. I can answer questions about your deals and numbers, brief you on an account, log what happened and set reminders."),
            new ActionsBlock(Suggestions(viewer))]) { Summary = "Unsupported request: " + what };

    private static List<ReplyAction> Suggestions(Viewer viewer)
    {
        var suggestions = new List<ReplyAction>
        {
            new("What closes this month?", Payloads.Ask + "what closes this month?"),
            new("How am I tracking vs quota?", Payloads.Ask + "how am I tracking vs quota?"),
            new("What did I close last quarter?", Payloads.Ask + "what did I close last quarter?"),
        };
        if (viewer.HasTeam)
            suggestions.Add(new ReplyAction("Team pipeline by rep", Payloads.Ask + "team pipeline by rep this quarter"));
        return suggestions;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} for rep {RepId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channel, long repId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit record of a turn on {Channel} for rep {RepId}")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string channel, long repId);
}
