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
using AeBot.Core.Text;
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
    Organization.IRepPreferences preferences,
    IOptions<CaptureOptions> captureOptions,
    TimeProvider clock,
    IOptions<AeBotOptions> options,
    ILogger<ConversationCore> logger) : IConversationCore
{
    public const int MaxLength = 4_000;

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        // A button carries the language of the message it was on; what it does is the rest of its payload.
        var (bare, pressedIn) = Payloads.Language(message.ActionPayload);
        message = message with { ActionPayload = bare };
        var text = message.ActionPayload is { } payload && payload.StartsWith(Payloads.Ask, StringComparison.Ordinal) ? payload[Payloads.Ask.Length..] : message.Text;
        Turn turn;
        var spoken = new Spoken(pressedIn ?? ReplyLanguage.FromCode(message.Locale) ?? ReplyLanguage.English);
        try
        {
            turn = await TurnAsync(message, text, pressedIn, spoken, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            LogTurnFailed(logger, e, message.Channel, message.From.RepId);
            turn = new Turn(new Reply([new TextBlock(T(spoken.Language, nameof(TurnTexts.SomethingWentWrong)))]) { Summary = T(spoken.Language, nameof(TurnTexts.SomethingWentWrongSummary)) },
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
        return Payloads.InLanguage(turn.Reply with { Language = spoken.Language.Code });
    }

    /// <summary>The language the turn settled on, known to the caller even when the turn fails half-way.</summary>
    private sealed class Spoken(ReplyLanguage language)
    {
        public ReplyLanguage Language { get; set; } = language;
    }

    private sealed record Turn(Reply Reply, TurnOutcome Outcome, string Intent, string Entities);

    private async Task<Turn> TurnAsync(IncomingMessage message, string text, ReplyLanguage? pressedIn, Spoken spoken, CancellationToken ct)
    {
        var viewer = await names.ViewerAsync(message.From.RepId, ct);
        // Before anyone is known, the button's language or the channel's locale is all there is to go on.
        var language = viewer?.Speaks ?? pressedIn ?? ReplyLanguage.FromCode(message.Locale) ?? ReplyLanguage.English;
        if (viewer is not null && message.Locale is { Length: > 0 } locale && locale != viewer.Language?.Locale)
        {
            // The client's locale decides until the person chooses in chat; remembered for nudges and digests.
            await preferences.NoteLocaleAsync(viewer.RepId, locale, ct);
            names.ForgetViewer(viewer.RepId);
            viewer = viewer with { Language = (viewer.Language ?? new LanguageChoice(null, null, null)) with { Locale = locale } };
            language = viewer.Speaks;
        }
        // A button is answered in the language of the message it was on, as a typed Thai message is answered in
        // Thai: unless the person chose a language in chat.
        if (viewer is not null && pressedIn is not null && viewer.Language?.Chosen is null)
            language = pressedIn with { BuddhistEra = viewer.Language?.BuddhistEra ?? pressedIn.BuddhistEra };
        spoken.Language = language;
        if (text.Length > MaxLength)
            return new Turn(new Reply([new TextBlock(T(language, nameof(TurnTexts.TooLong), text.Length.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), MaxLength.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)))]) { Summary = T(language, nameof(TurnTexts.TooLongSummary)) },
                TurnOutcome.TooLong, "too-long", "");
        if (viewer is null)
            return new Turn(new Reply([new TextBlock(T(language, nameof(TurnTexts.NotSetUp)))]) { Summary = T(language, nameof(TurnTexts.NotSetUpSummary)) },
                TurnOutcome.Refused, "unknown-user", "");

        var zone = RepTime.FindZone(viewer.TimeZoneId) ?? RepTime.FindZone(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        var now = clock.GetUtcNow();
        var key = new ConversationKey(message.Channel, message.ConversationId, viewer.RepId);
        var dialog = await dialogs.LoadAsync(key, ct);
        var expired = dialog?.State is not { } pending || now - pending.UpdatedAt > TimeSpan.FromMinutes(captureOptions.Value.DialogTimeoutMinutes);
        var c = new TurnContext(viewer, message, key, now, zone, dialog, expired) { Language = language };

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
            OwnMessage = MessageParser.IsOwnMessage(text) || reading is CommandReading or UnsupportedReading or LanguageReading,
            Understood = reading is not NotUnderstoodReading,
            // Written in Thai by someone who never chose a language: answered in Thai, the language they asked in.
            Language = reading.Thai && viewer.Language?.Chosen is null ? ReplyLanguage.Thai with { BuddhistEra = viewer.Language?.BuddhistEra ?? true } : language,
        };
        spoken.Language = c.Language;

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
                    aside = T(c.Language, nameof(TurnTexts.DroppedUnfinished), active.Unfinished(c.Language));
                    c = c with { Dialog = await dialogs.LoadAsync(key, ct) };
                }
            }
            else if (await dialogs.SaveAsync(key, active with { SetAside = true }, c.Version, ct))
            {
                aside = T(c.Language, nameof(TurnTexts.PutAside), active.Aside(c.Language));
                c = c with { Dialog = await dialogs.LoadAsync(key, ct) };
            }
        }

        var setAside = c.Active is null ? c.Pending : null;
        var turn = await DispatchAsync(c, message, text, reading, remembered?.Query, spoken, ct);
        if (reading is QueryReading or AbilityReading && turn.Outcome == TurnOutcome.Answered && await freshness.StaleAsync(ct) is { } stale)
            turn = turn with { Reply = turn.Reply with { Blocks = [.. turn.Reply.Blocks, new ContextBlock(AsOf(stale, c))] } };
        // A dialog that was waiting for "resume" and has just been replaced by a new one: say so, once.
        if (setAside is { SetAside: true } && reading is CommandReading { Kind: not (CommandKind.Cancel or CommandKind.Resume or CommandKind.Undo) }
            && (await dialogs.LoadAsync(key, ct))?.State is { SetAside: false })
            aside = T(c.Language, nameof(TurnTexts.DroppedAside), setAside.Aside(c.Language));
        return aside is null ? turn : turn with { Reply = turn.Reply with { Blocks = [.. turn.Reply.Blocks, new ContextBlock(aside)] } };
    }

    /// <summary>"HubSpot refused AeBot's token: figures as of the last successful sync, Thu, Dec 3 at 9:55."</summary>
    private static string AsOf(Crm.StaleData stale, TurnContext c) =>
        stale.LastSuccess is { } at
            ? T(c.Language, nameof(TurnTexts.StaleAsOf), stale.Problem, stale.Source, Formatting.DateFormat.DayAt(TimeZoneInfo.ConvertTime(at, c.Zone), c.Today, c.Language))
            : T(c.Language, nameof(TurnTexts.StaleNever), stale.Problem, stale.Source);

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(TurnTexts.ResourceManager, key, args);

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
                var context = new AnswerContext(c.Viewer, query, c.Today, c.Now, c.Zone, new FiscalCalendar(options.Value.FiscalYearStartMonth), options.Value.Currency, Offset: from) { Language = c.Language };
                var answer = await answers.AnswerAsync(context, ct);
                // Still the same question: a follow-up after "More" refines it.
                await store.SaveAsync(message.Channel, message.ConversationId, c.Viewer.RepId, new RememberedQuestion(query), ct);
                return new Turn(answer, TurnOutcome.Answered, "query-more", $"{query.Describe()} · from {from}");
            }
            default:
                return new Turn(new Reply([new TextBlock(T(c.Language, nameof(TurnTexts.MoreUnreadable)))]) { Summary = T(c.Language, nameof(TurnTexts.MoreUnreadableSummary)) },
                    TurnOutcome.NotUnderstood, "more-unreadable", "");
        }
    }

    private async Task<Turn> DispatchAsync(TurnContext c, IncomingMessage message, string text, Reading reading, Query? previous, Spoken spoken, CancellationToken ct)
    {
        var evidence = string.Join("|", reading.Evidence);
        switch (reading)
        {
            case LanguageReading language:
                return await LanguageAsync(c, language, spoken, ct);
            case CommandReading { Kind: CommandKind.NudgeSettings }:
                return Captured(await nudgeSettings.HandleAsync(c, text, ct));
            case CommandReading command:
                return Captured(await capture.CommandAsync(c, command.Kind, text, ct));
            case AbilityReading { Kind: AbilityKind.Thanks }:
                return new Turn(new Reply([new TextBlock(T(c.Language, nameof(TurnTexts.Thanks)))]) { Summary = T(c.Language, nameof(TurnTexts.ThanksSummary)) }, TurnOutcome.Answered, "thanks", "");
            case AbilityReading { Kind: AbilityKind.Help or AbilityKind.Greeting } help:
                return new Turn(HelpAbility.For(message.From, c.Language), TurnOutcome.Answered, help.Kind.ToString().ToLowerInvariant(), "");
            case AbilityReading ability:
                return Captured(ability.Kind switch
                {
                    AbilityKind.Brief => await briefs.BriefAsync(c, text, ct),
                    AbilityKind.MyDay => await myDay.PlanAsync(c, ct),
                    AbilityKind.Playbook => playbook.Answer(text, c.Language),
                    _ => await commission.AnswerAsync(c, text, ct),
                });
            case ChoiceReading choice:
                return new Turn(Clarify(text, choice.Ambiguity, c.Language), TurnOutcome.Clarified, "clarify", choice.Ambiguity.Kind + "=" + choice.Ambiguity.Words);
            case OutOfScopeReading outside:
            {
                var reply = new Reply([new TextBlock(T(c.Language, c.Viewer.HasTeam ? nameof(TurnTexts.OutOfScopeTeam) : nameof(TurnTexts.OutOfScopeRep), outside.Words))])
                {
                    Summary = T(c.Language, nameof(TurnTexts.OutOfScopeSummary)),
                };
                return new Turn(reply, TurnOutcome.Refused, "out-of-scope", "");
            }
            case UnsupportedReading unsupported:
                return new Turn(Unsupported(unsupported.Reason, c.Viewer, c.Language), TurnOutcome.NotUnderstood, "unsupported", unsupported.Reason.ToString());
            case QueryReading { Query: var query } read:
            {
                var context = new AnswerContext(c.Viewer, query, c.Today, c.Now, c.Zone, new FiscalCalendar(options.Value.FiscalYearStartMonth), options.Value.Currency) { Language = c.Language };
                var answer = await answers.AnswerAsync(context, ct);
                await store.SaveAsync(message.Channel, message.ConversationId, c.Viewer.RepId, new RememberedQuestion(query), ct);
                var described = query.Describe() + (evidence.Length > 0 ? " [" + evidence + "]" : "");
                return new Turn(answer, TurnOutcome.Answered, read.FollowUp ? "query-follow-up" : "query", described.Length > 1_900 ? described[..1_900] + "…" : described);
            }
            default:
                return new Turn(NotUnderstood(c.Viewer, previous is not null, c.Language), TurnOutcome.NotUnderstood, "not-understood", evidence);
        }
    }

    /// <summary>"ตอบเป็นภาษาไทย", "reply in English", "ใช้ปี ค.ศ.": stored, then confirmed in the language now in force.</summary>
    private async Task<Turn> LanguageAsync(TurnContext c, LanguageReading asked, Spoken spoken, CancellationToken ct)
    {
        await preferences.SetLanguageAsync(c.Viewer.RepId, asked.Language, asked.BuddhistEra, ct);
        names.ForgetViewer(c.Viewer.RepId);
        var was = c.Viewer.Language ?? new LanguageChoice(null, null, null);
        var choice = was with { Chosen = asked.Language ?? was.Chosen, BuddhistEra = asked.BuddhistEra ?? was.BuddhistEra };
        // The year style alone keeps the language this turn is in (a Thai request is answered in Thai).
        var language = asked.Language is not null ? ReplyLanguage.Of(choice.Chosen, choice.Locale, choice.BuddhistEra)
            : c.Language with { BuddhistEra = asked.BuddhistEra ?? c.Language.BuddhistEra };
        spoken.Language = language;
        if (asked.BuddhistEra is { } era)
        {
            var example = Formatting.DateFormat.Full(c.Today, ReplyLanguage.Thai with { BuddhistEra = era });
            var name = T(language, era ? nameof(TurnTexts.EraBuddhist) : nameof(TurnTexts.EraGregorian));
            return new Turn(new Reply([new TextBlock(T(language, nameof(TurnTexts.YearsSet), name, example))]) { Summary = T(language, nameof(TurnTexts.YearsSetSummary), name) },
                TurnOutcome.Answered, "language", era ? "years=buddhist" : "years=gregorian");
        }
        return new Turn(new Reply([new TextBlock(T(language, nameof(TurnTexts.LanguageSet))), new ActionsBlock(Suggestions(c.Viewer, language))])
            {
                Summary = T(language, nameof(TurnTexts.LanguageSetSummary)),
            }, TurnOutcome.Answered, "language", "language=" + asked.Language);
    }

    private static Reply Clarify(string text, Ambiguity ambiguity, ReplyLanguage language)
    {
        var options = ambiguity.Options.Take(8).Select(o =>
        {
            var index = text.IndexOf(ambiguity.Words, StringComparison.OrdinalIgnoreCase);
            var rewritten = index < 0 ? $"{text} {o.Name}" : text.Remove(index, ambiguity.Words.Length).Insert(index, o.Name);
            return new ReplyAction(o.Name, Payloads.Ask + rewritten);
        }).ToList();
        var kind = TurnTexts.ResourceManager.GetString("Kind_" + ambiguity.Kind, language.Culture) ?? ambiguity.Kind;
        return new Reply([new ChoiceBlock(T(language, nameof(TurnTexts.WhichOne), kind, ambiguity.Words), options)])
        {
            Summary = T(language, nameof(TurnTexts.WhichOneSummary), kind, string.Join(", ", ambiguity.Options.Take(8).Select(o => o.Name))),
        };
    }

    private static Reply NotUnderstood(Viewer viewer, bool hadQuestion, ReplyLanguage language)
    {
        var text = T(language, hadQuestion ? nameof(TurnTexts.NotUnderstoodFollowUp) : nameof(TurnTexts.NotUnderstood));
        return new Reply([new TextBlock(text), new ActionsBlock(Suggestions(viewer, language))]) { Summary = T(language, nameof(TurnTexts.NotUnderstoodSummary)) };
    }

    private static Reply Unsupported(UnsupportedReason reason, Viewer viewer, ReplyLanguage language) =>
        new([new TextBlock(UnsupportedReasons.Sentence(reason, language)), new ActionsBlock(Suggestions(viewer, language))])
        {
            Summary = UnsupportedReasons.Summary(reason, language),
        };

    private static List<ReplyAction> Suggestions(Viewer viewer, ReplyLanguage language)
    {
        ReplyAction Suggest(string label, string ask) => new(T(language, label), Payloads.Ask + T(language, ask));
        var suggestions = new List<ReplyAction>
        {
            Suggest(nameof(TurnTexts.SuggestClosesThisMonth), nameof(TurnTexts.SuggestClosesThisMonthAsk)),
            Suggest(nameof(TurnTexts.SuggestQuota), nameof(TurnTexts.SuggestQuotaAsk)),
            Suggest(nameof(TurnTexts.SuggestClosedLastQuarter), nameof(TurnTexts.SuggestClosedLastQuarterAsk)),
        };
        if (viewer.HasTeam)
            suggestions.Add(Suggest(nameof(TurnTexts.SuggestTeamByRep), nameof(TurnTexts.SuggestTeamByRepAsk)));
        return suggestions;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} for rep {RepId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channel, long repId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit record of a turn on {Channel} for rep {RepId}")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string channel, long repId);
}
