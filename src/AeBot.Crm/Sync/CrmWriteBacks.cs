using System.Globalization;
using System.Text.Json;
using AeBot.Core.Conversation;
using AeBot.Core.Crm;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Interactions;
using AeBot.Core.Reminders;
using AeBot.Core.Text;
using AeBot.Crm.Sources;
using AeBot.Data.Crm;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AeBot.Crm.Sync;

/// <summary>
/// Sends what reps changed in chat to the CRM, exactly once: each change of the bot's change log becomes one
/// <see cref="CrmWriteBackRow"/> (picked up in order, by position), and each of its steps — the activity, its
/// follow-up tasks, the deal's fields — is recorded as done the moment the CRM confirms it. An attempt is counted
/// (and saved) before anything is sent, so an attempt whose outcome is unknown (a timeout, a crash before the
/// bookkeeping) is followed by a look in the CRM for what it may already have created, never a second copy.
/// </summary>
internal sealed partial class CrmWriteBacks(
    AeBotDbContext db, ChatChangeFeed feed, ICrmSource source, ICrmWriter writer, CrmOptions options, TimeProvider clock, ILogger logger)
{
    internal const string Pending = "pending", Sent = "sent", Conflict = "conflict", Dropped = "dropped", Failed = "failed";
    private const string FeedCursor = "chat-changes";
    private const int MaxAttempts = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Picks up the chat changes made since the last run, in order, as write-back rows.</summary>
    public async Task<int> PickUpAsync(CancellationToken ct)
    {
        var provider = source.Provider;
        var now = clock.GetUtcNow();
        var cursor = await db.CrmCursors.FirstOrDefaultAsync(c => c.Provider == provider && c.ObjectType == FeedCursor, ct);
        if (cursor is null)
        {
            // A CRM connected today gets today's changes on: what was logged before it was connected stays in AeBot.
            db.CrmCursors.Add(new CrmCursorRow { Provider = provider, ObjectType = FeedCursor, Position = await feed.LatestAsync(ct), UpdatedAt = now });
            await db.SaveChangesAsync(ct);
            return 0;
        }
        var picked = 0;
        // Ids are handed out when a change is inserted, but transactions commit in any order (PostgreSQL): a change
        // with a lower id may become visible after a higher one was picked up. So each run looks again at the last
        // stretch before the position; what already has its row is skipped (unique per change).
        var from = Math.Max(0, (cursor.Position ?? 0) - TrailingChanges);
        while (true)
        {
            var changes = await feed.AfterAsync(from, 200, ct);
            if (changes.Count == 0)
                break;
            var ids = changes.Select(c => c.ChangeId).ToList();
            var known = (await db.CrmWriteBacks.Where(w => w.Provider == provider && ids.Contains(w.BotChangeId)).Select(w => w.BotChangeId).ToListAsync(ct)).ToHashSet();
            foreach (var change in changes.Where(c => !known.Contains(c.ChangeId)))
            {
                if (await PayloadAsync(change, ct) is { } payload)
                {
                    db.CrmWriteBacks.Add(new CrmWriteBackRow
                    {
                        Provider = provider, BotChangeId = change.ChangeId, RepId = change.RepId, Kind = change.Kind,
                        Payload = JsonSerializer.Serialize(payload, Json), CreatedAt = now, State = Pending,
                    });
                    picked++;
                }
            }
            // The rows and the new position in one save: a crash here picks the same changes up again, never twice.
            from = changes[^1].ChangeId;
            cursor.Position = Math.Max(cursor.Position ?? 0, from);
            cursor.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        picked += await ReverseUndoneAsync(provider, now, ct);
        return picked;
    }

    private const int TrailingChanges = 200;

    /// <summary>
    /// A change already written to the CRM and then undone in chat, taken back there as a write-back of its own: its
    /// deal fields go back to what they were (checked against what AeBot wrote, like any other), the call, meeting,
    /// note or e-mail it created and the follow-up tasks it created that chat has removed again are deleted, and an
    /// edited interaction or a follow-up marked done or snoozed is sent as it is again now.
    /// </summary>
    private async Task<int> ReverseUndoneAsync(string provider, DateTimeOffset now, CancellationToken ct)
    {
        var undone = await (from w in db.CrmWriteBacks
                            join c in db.BotChanges on w.BotChangeId equals c.Id
                            where w.Provider == provider && w.State == Sent && w.BotChangeId > 0 && c.UndoneAt != null
                                && !db.CrmWriteBacks.Any(r => r.Provider == provider && r.BotChangeId == -w.BotChangeId)
                            select new { w.BotChangeId, w.RepId, w.Payload, c.UndoneAt }).ToListAsync(ct);
        var added = 0;
        foreach (var u in undone)
        {
            var sent = JsonSerializer.Deserialize<WriteBackPayload>(u.Payload, Json) ?? new WriteBackPayload();
            // A reminder undone is cancelled (or back where it was): its CRM task is set to what the reminder is now.
            var payload = new WriteBackPayload
            {
                DealId = sent.DealId, ChangedAt = u.UndoneAt, SyncInteractionId = sent.SyncInteractionId, SyncTaskIds = [.. sent.SyncTaskIds], ReminderId = sent.ReminderId,
            };
            var change = (await feed.AfterAsync(u.BotChangeId - 1, 1, ct)).FirstOrDefault(c => c.ChangeId == u.BotChangeId);
            if (sent.Written.Count > 0 && change?.Deal is { } d)
            {
                foreach (var field in sent.Written.Keys)
                {
                    payload.Fields[field] = field switch
                    {
                        nameof(CrmDealField.Stage) => d.StageBefore,
                        nameof(CrmDealField.CloseDate) => CrmFieldValues.Date(d.CloseBefore),
                        nameof(CrmDealField.Amount) => CrmFieldValues.Money(d.AmountBefore),
                        nameof(CrmDealField.NextStep) => d.NextStepBefore,
                        nameof(CrmDealField.LossReason) => d.LossBefore,
                        _ => null,
                    };
                }
                payload.Expected = new(sent.Written);
            }
            // What the change created in the CRM and chat has removed again: a logged interaction undone is gone, and
            // with it its follow-up; a won deal's untouched hand-off tasks go with the win.
            if (sent.Done.TryGetValue("activity", out var activity) && activity.Length > 0 && sent.InteractionId is { } interactionId
                && !await db.Interactions.AnyAsync(i => i.Id == interactionId, ct))
                payload.Delete[activity] = sent.ActivityKind ?? nameof(CrmActivityKind.Note);
            foreach (var taskId in sent.TaskIds)
            {
                if (!sent.Done.TryGetValue("task:" + taskId.ToString(CultureInfo.InvariantCulture), out var task) || task.Length == 0)
                    continue;
                if (await db.FollowUpTasks.AnyAsync(t => t.Id == taskId, ct))
                    payload.SyncTaskIds.Add(taskId);
                else
                    payload.Delete[task] = nameof(CrmActivityKind.Task);
            }
            if (payload.Fields.Count == 0 && payload.Delete.Count == 0 && payload.SyncInteractionId is null && payload.SyncTaskIds.Count == 0 && payload.ReminderId is null)
                continue;
            db.CrmWriteBacks.Add(new CrmWriteBackRow
            {
                Provider = provider, BotChangeId = -u.BotChangeId, RepId = u.RepId, Kind = "undo",
                Payload = JsonSerializer.Serialize(payload, Json), CreatedAt = now, State = Pending,
            });
            added++;
        }
        if (added > 0)
            await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// What to send for a change, with what the CRM held (as AeBot last saw it) for each deal field it changes: the
    /// write-back later compares the CRM's value with that, not with whatever a read between now and then saw.
    /// </summary>
    private async Task<WriteBackPayload?> PayloadAsync(ChatChange change, CancellationToken ct)
    {
        var payload = Payload(change);
        if (payload is null || payload.Fields.Count == 0 || payload.DealId is not { } dealId)
            return payload;
        var fields = await db.CrmRecords.AsNoTracking()
            .Where(r => r.Provider == source.Provider && r.ObjectType == CrmLinks.Deals && r.LocalId == dealId && r.DeletedAt == null)
            .Select(r => r.Fields).FirstOrDefaultAsync(ct);
        var seen = CrmFieldValues.Parse(fields);
        foreach (var name in payload.Fields.Keys)
        {
            var field = Enum.Parse<CrmDealField>(name);
            if (seen.Has(field))
                payload.Expected[name] = seen.Get(field);
        }
        return payload;
    }

    private WriteBackPayload? Payload(ChatChange change)
    {
        if (change.Undone)
            return null;
        // A logged interaction can move its deal's next step too: both kinds carry the deal's before and after.
        var fields = new Dictionary<string, string?>();
        if (change.Deal is { } d)
        {
            if (d.StageBefore != d.StageAfter)
                fields[nameof(CrmDealField.Stage)] = d.StageAfter;
            if (d.CloseBefore != d.CloseAfter)
                fields[nameof(CrmDealField.CloseDate)] = CrmFieldValues.Date(d.CloseAfter);
            if (d.AmountBefore != d.AmountAfter)
                fields[nameof(CrmDealField.Amount)] = CrmFieldValues.Money(d.AmountAfter);
            if (d.NextStepBefore != d.NextStepAfter)
                fields[nameof(CrmDealField.NextStep)] = d.NextStepAfter;
            if (d.LossBefore != d.LossAfter)
                fields[nameof(CrmDealField.LossReason)] = d.LossAfter;
        }
        switch (change.Kind)
        {
            case "log":
                return change.InteractionId is null ? null
                    : new WriteBackPayload { InteractionId = change.InteractionId, TaskIds = [.. change.TaskIds], DealId = change.DealId, Fields = fields, ChangedAt = change.At };
            case "deal":
                return fields.Count == 0 && change.TaskIds.Count == 0 ? null
                    : new WriteBackPayload { DealId = change.DealId, Fields = fields, TaskIds = [.. change.TaskIds], ChangedAt = change.At };
            case "edit":
                // The interaction's text as it is now; a follow-up the edit gave it is created, one it changed is updated.
                return change.InteractionId is null ? null
                    : new WriteBackPayload
                    {
                        SyncInteractionId = change.InteractionId, TaskIds = [.. change.TaskIds],
                        SyncTaskIds = change.FollowUpId is { } changed && !change.TaskIds.Contains(changed) ? [changed] : [], ChangedAt = change.At,
                    };
            case "followup":
                // Marked done or snoozed: the CRM task is set to what the follow-up is now.
                return change.FollowUpId is not { } followUp ? null : new WriteBackPayload { SyncTaskIds = [followUp], ChangedAt = change.At };
            case "reminder":
                // Set or snoozed: the rep's own CRM task is set to what the reminder is now (Crm:WriteReminders).
                return options.WriteReminders && change.ReminderId is { } reminder ? new WriteBackPayload { ReminderId = reminder, ChangedAt = change.At } : null;
            default:
                return null;
        }
    }

    /// <summary>Sends every due write-back, oldest first. A refused token stops the lot (it is rethrown for the run to report).</summary>
    public async Task PushAsync(CrmLinks links, CrmSyncReport report, CancellationToken ct)
    {
        var provider = source.Provider;
        IReadOnlyList<CrmStage>? stages = null;
        var now = clock.GetUtcNow();
        var due = await db.CrmWriteBacks.Where(w => w.Provider == provider && w.State == Pending && (w.NextAttemptAt == null || w.NextAttemptAt <= now))
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            var row = await db.CrmWriteBacks.FirstAsync(w => w.Id == id, ct);
            var payload = JsonSerializer.Deserialize<WriteBackPayload>(row.Payload, Json) ?? new WriteBackPayload();
            // A reminder's write-back sends what the reminder is now, whatever was undone: it is not dropped.
            if (row.BotChangeId > 0 && payload.Done.Count == 0 && payload.ReminderId is null
                && await db.BotChanges.AnyAsync(c => c.Id == row.BotChangeId && c.UndoneAt != null, ct))
            {
                // Undone in chat before it went out: nothing to send, nothing to take back.
                row.State = Dropped;
                row.SettledAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                report.WritesDropped++;
                continue;
            }
            // Counted before sending: if this process dies mid-call, the next attempt knows to look first.
            var retry = row.Attempts > 0;
            row.Attempts++;
            await db.SaveChangesAsync(ct);
            try
            {
                if (payload.InteractionId is { } interactionId && !payload.Done.ContainsKey("activity"))
                {
                    var (crmId, kind) = await SendActivityAsync(row, links, interactionId, retry, ct);
                    payload.Done["activity"] = crmId ?? "";
                    payload.ActivityKind = kind?.ToString();
                    await SaveStepAsync(row, payload, ct);
                }
                foreach (var taskId in payload.TaskIds.Where(t => !payload.Done.ContainsKey("task:" + t)))
                {
                    var crmId = await SendTaskAsync(row, links, taskId, payload.DealId, retry, ct);
                    payload.Done["task:" + taskId] = crmId ?? "";
                    await SaveStepAsync(row, payload, ct);
                }
                if (payload.SyncInteractionId is { } edited && !payload.Done.ContainsKey("update"))
                {
                    payload.Done["update"] = await UpdateActivityAsync(row, links, edited, ct) ?? "";
                    await SaveStepAsync(row, payload, ct);
                }
                // Its links, a step of its own: an edit that moved the interaction to another deal moves the activity.
                if (payload.SyncInteractionId is { } moved && !payload.Done.ContainsKey("links"))
                {
                    payload.Done["links"] = await RelinkActivityAsync(links, moved, ct) ?? "";
                    await SaveStepAsync(row, payload, ct);
                }
                foreach (var taskId in payload.SyncTaskIds.Distinct().Where(t => !payload.Done.ContainsKey("taskupdate:" + t)).ToList())
                {
                    payload.Done["taskupdate:" + taskId] = await UpdateTaskAsync(row, links, taskId, ct) ?? "";
                    await SaveStepAsync(row, payload, ct);
                }
                foreach (var (crmId, kind) in payload.Delete.Where(d => !payload.Done.ContainsKey("delete:" + d.Key)).ToList())
                {
                    await writer.DeleteActivityAsync(Enum.Parse<CrmActivityKind>(kind), crmId, ct);
                    // Gone from the CRM because AeBot took it back: its link is closed, so reading the deletion changes nothing.
                    var gone = clock.GetUtcNow();
                    await db.CrmRecords.Where(r => r.Provider == source.Provider && (r.ObjectType == CrmLinks.Activities || r.ObjectType == CrmLinks.Tasks)
                            && r.CrmId == crmId && r.DeletedAt == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeletedAt, gone), ct);
                    payload.Done["delete:" + crmId] = crmId;
                    await SaveStepAsync(row, payload, ct);
                }
                if (payload.ReminderId is { } reminderId && !payload.Done.ContainsKey("reminder"))
                {
                    payload.Done["reminder"] = await SyncReminderAsync(row, links, reminderId, retry, ct) ?? "";
                    await SaveStepAsync(row, payload, ct);
                }
                if (payload.Fields.Count > 0 && !payload.Done.ContainsKey("deal"))
                {
                    stages ??= await source.ReadStagesAsync(ct);
                    var (conflicts, wrote) = await SendDealAsync(row, links, payload, stages, ct);
                    if (conflicts.Count > 0)
                    {
                        payload.Conflicts = conflicts;
                        row.Payload = JsonSerializer.Serialize(payload, Json);
                        row.State = Conflict;
                        await AskAsync(row, payload, conflicts, stages, ct);
                        await db.SaveChangesAsync(ct);
                        report.WritesConflicted++;
                        continue;
                    }
                    payload.Done["deal"] = wrote ? "written" : "";
                }
                row.Payload = JsonSerializer.Serialize(payload, Json);
                var sentSomething = payload.Done.Values.Any(v => v.Length > 0);
                row.State = sentSomething ? Sent : Dropped;
                row.SettledAt = clock.GetUtcNow();
                row.LastError = null;
                await db.SaveChangesAsync(ct);
                if (sentSomething)
                    report.WritesSent++;
                else
                    report.WritesDropped++;
            }
            catch (CrmAuthException)
            {
                // Not this write's fault: it waits, uncounted, for a working token.
                row.Attempts--;
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
            catch (CrmThrottledException e)
            {
                row.Attempts--;
                row.NextAttemptAt = clock.GetUtcNow() + e.RetryAfter;
                row.LastError = Clip(e.Message);
                await db.SaveChangesAsync(CancellationToken.None);
                report.WritesWaiting++;
            }
            catch (CrmLimitException e)
            {
                row.Attempts--;
                row.NextAttemptAt = e.RetryAt ?? clock.GetUtcNow().AddHours(1);
                row.LastError = Clip(e.Message);
                await db.SaveChangesAsync(CancellationToken.None);
                report.WritesWaiting++;
                break; // the allowance is spent for everything else too
            }
            catch (Exception e) when (e is CrmException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                var permanent = e is CrmException { Retryable: false } || row.Attempts >= MaxAttempts;
                row.LastError = Clip(e.Message);
                if (permanent)
                {
                    row.State = Failed;
                    row.SettledAt = clock.GetUtcNow();
                    report.WritesFailed++;
                    LogFailed(logger, row.Id, row.BotChangeId, e.Message);
                }
                else
                {
                    // 1, 4, 16, 64… minutes: a CRM having a bad hour is not hammered.
                    row.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Pow(4, row.Attempts - 1));
                    report.WritesWaiting++;
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
    }

    private async Task SaveStepAsync(CrmWriteBackRow row, WriteBackPayload payload, CancellationToken ct)
    {
        row.Payload = JsonSerializer.Serialize(payload, Json);
        await db.SaveChangesAsync(ct);
    }

    private static string Key(CrmWriteBackRow row, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"aebot-{row.BotChangeId}-{step}");

    /// <summary>The logged call/meeting/note as a CRM activity; null when there is nothing left to send (undone).</summary>
    private async Task<(string? CrmId, CrmActivityKind? Kind)> SendActivityAsync(CrmWriteBackRow row, CrmLinks links, long interactionId, bool retry, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().Include(i => i.Contacts).Include(i => i.Account)
            .FirstOrDefaultAsync(i => i.Id == interactionId, ct);
        if (interaction is null)
            return (null, null); // undone before it went out
        var (kind, subject, body) = Describe(interaction);
        if (await links.CrmIdAsync(CrmLinks.Activities, interactionId, ct) is { } known)
            return (known, kind);
        var contactIds = new List<string>();
        foreach (var c in interaction.Contacts)
        {
            if (await links.CrmIdAsync(CrmLinks.Contacts, c.ContactId, ct) is { } crmContact)
                contactIds.Add(crmContact);
        }
        var write = new CrmActivityWrite(Key(row, "activity"), kind, interaction.OccurredAt, subject, body,
            await links.CrmIdAsync(CrmLinks.Users, interaction.RepId, ct),
            await links.CrmIdAsync(CrmLinks.Deals, interaction.OpportunityId, ct),
            await links.CrmIdAsync(CrmLinks.Companies, interaction.AccountId, ct), contactIds, null);
        var crmId = (retry ? await writer.FindActivityAsync(write, ct) : null) ?? await writer.CreateActivityAsync(write, ct);
        // Linked at once: when the next read brings it back, it is this interaction, not someone else's new call.
        await LinkAsync(links, CrmLinks.Activities, crmId, interactionId, ct);
        return (crmId, kind);
    }

    /// <summary>
    /// What an interaction is in the CRM: a call, meeting, e-mail (HubSpot's emails; Salesforce's Task of subtype Email)
    /// or note, its subject and its text with the objections and next step.
    /// </summary>
    private static CrmActivityKind KindOf(InteractionType type) => type switch
    {
        InteractionType.Call => CrmActivityKind.Call,
        InteractionType.Meeting => CrmActivityKind.Meeting,
        InteractionType.Email => CrmActivityKind.Email,
        _ => CrmActivityKind.Note,
    };

    private static (CrmActivityKind Kind, string Subject, string Body) Describe(Interaction interaction)
    {
        var kind = KindOf(interaction.Type);
        var noun = kind switch { CrmActivityKind.Call => "Call", CrmActivityKind.Meeting => "Meeting", CrmActivityKind.Email => "Email", _ => "Note" };
        var subject = interaction.Account is { } account ? $"{noun} with {account.Name}" : noun;
        var body = interaction.Summary;
        if (interaction.Objections is { Length: > 0 } objections)
            body += "\nObjections: " + objections;
        if (interaction.NextStep is { Length: > 0 } next)
            body += "\nNext step: " + next + (interaction.NextStepDue is { } due ? " (" + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")" : "");
        return (kind, subject, body);
    }

    /// <summary>An edited interaction's activity set to what it says now; null when the CRM has none of it.</summary>
    private async Task<string?> UpdateActivityAsync(CrmWriteBackRow row, CrmLinks links, long interactionId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().Include(i => i.Account).FirstOrDefaultAsync(i => i.Id == interactionId, ct);
        if (interaction is null || await links.CrmIdAsync(CrmLinks.Activities, interactionId, ct) is not { } crmId)
            return null; // gone since, or never in the CRM (logged before it was connected)
        var (kind, subject, body) = Describe(interaction);
        await writer.UpdateActivityAsync(crmId, new CrmActivityUpdate(Key(row, "update"), kind, subject, body), ct);
        return crmId;
    }

    /// <summary>
    /// An interaction's activity pointed at the deal, company and contacts the interaction has now (an edit may have
    /// moved it to another deal); null when the CRM has none of it, or no longer has it.
    /// </summary>
    private async Task<string?> RelinkActivityAsync(CrmLinks links, long interactionId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().Include(i => i.Contacts).FirstOrDefaultAsync(i => i.Id == interactionId, ct);
        if (interaction is null || await links.CrmIdAsync(CrmLinks.Activities, interactionId, ct) is not { } crmId)
            return null;
        var contactIds = new List<string>();
        foreach (var c in interaction.Contacts)
        {
            if (await links.CrmIdAsync(CrmLinks.Contacts, c.ContactId, ct) is { } crmContact)
                contactIds.Add(crmContact);
        }
        var target = new CrmActivityLinks(
            await links.CrmIdAsync(CrmLinks.Deals, interaction.OpportunityId, ct), await links.CrmIdAsync(CrmLinks.Companies, interaction.AccountId, ct), contactIds);
        return await writer.SetActivityLinksAsync(KindOf(interaction.Type), crmId, target, ct) ? crmId : null;
    }

    /// <summary>
    /// A reminder as the rep's own CRM task, set to what the reminder is now: created (owned by the rep, due when the
    /// reminder is, associated with nothing — a reminder names no account or deal AeBot could tell apart from its
    /// words), moved when it is snoozed, deleted when it is cancelled. Null when there is nothing in the CRM to keep
    /// (cancelled before it went out, or a rep the CRM has no user for: a task would be nobody's).
    /// </summary>
    private async Task<string?> SyncReminderAsync(CrmWriteBackRow row, CrmLinks links, long reminderId, bool retry, CancellationToken ct)
    {
        var reminder = await db.Reminders.AsNoTracking().Include(r => r.Rep).FirstOrDefaultAsync(r => r.Id == reminderId, ct);
        var known = await links.CrmIdAsync(CrmLinks.Reminders, reminderId, ct);
        if (reminder is null || reminder.Status == ReminderStatus.Cancelled)
        {
            if (known is null)
                return null;
            await writer.DeleteActivityAsync(CrmActivityKind.Task, known, ct);
            var gone = clock.GetUtcNow();
            await db.CrmRecords.Where(r => r.Provider == source.Provider && r.ObjectType == CrmLinks.Reminders && r.CrmId == known && r.DeletedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeletedAt, gone), ct);
            return known;
        }
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(reminder.Rep?.TimeZoneId ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(reminder.DueAt, zone).DateTime);
        var key = Key(row, "reminder-" + reminderId.ToString(CultureInfo.InvariantCulture));
        if (known is not null)
        {
            await writer.UpdateActivityAsync(known, new CrmActivityUpdate(key, CrmActivityKind.Task, reminder.Text, reminder.Text, day, DueAt: reminder.DueAt), ct);
            return known;
        }
        if (await links.CrmIdAsync(CrmLinks.Users, reminder.RepId, ct) is not { } owner)
            return null;
        var write = new CrmActivityWrite(key, CrmActivityKind.Task, reminder.CreatedAt, reminder.Text, reminder.Text, owner, null, null, [], day, reminder.DueAt);
        var crmId = (retry ? await writer.FindActivityAsync(write, ct) : null) ?? await writer.CreateActivityAsync(write, ct);
        await LinkAsync(links, CrmLinks.Reminders, crmId, reminderId, ct);
        return crmId;
    }

    /// <summary>
    /// A follow-up's CRM task set to what it is now: done or not, and due on its due date — or, snoozed, on the day
    /// (in the rep's zone) it comes back. Null when the CRM has no task of it.
    /// </summary>
    private async Task<string?> UpdateTaskAsync(CrmWriteBackRow row, CrmLinks links, long taskId, CancellationToken ct)
    {
        var task = await db.FollowUpTasks.AsNoTracking().Include(t => t.Rep).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || await links.CrmIdAsync(CrmLinks.Tasks, taskId, ct) is not { } crmId)
            return null;
        var due = task.DueDate;
        if (task.Status == FollowUpStatus.Open && task.SnoozedUntil is { } until)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(task.Rep?.TimeZoneId ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
            due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(until, zone).DateTime);
        }
        await writer.UpdateActivityAsync(crmId, new CrmActivityUpdate(Key(row, "task-" + taskId.ToString(CultureInfo.InvariantCulture)), CrmActivityKind.Task,
            task.Title, task.Title, due, task.Status == FollowUpStatus.Done), ct);
        return crmId;
    }

    private async Task<string?> SendTaskAsync(CrmWriteBackRow row, CrmLinks links, long taskId, long? dealId, bool retry, CancellationToken ct)
    {
        var task = await db.FollowUpTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || task.Status == FollowUpStatus.Cancelled)
            return null;
        if (await links.CrmIdAsync(CrmLinks.Tasks, taskId, ct) is { } known)
            return known;
        var write = new CrmActivityWrite(Key(row, "task-" + taskId.ToString(CultureInfo.InvariantCulture)), CrmActivityKind.Task, task.CreatedAt, task.Title, task.Title,
            await links.CrmIdAsync(CrmLinks.Users, task.RepId, ct),
            await links.CrmIdAsync(CrmLinks.Deals, task.OpportunityId ?? dealId, ct),
            await links.CrmIdAsync(CrmLinks.Companies, task.AccountId, ct), [], task.DueDate);
        var crmId = (retry ? await writer.FindActivityAsync(write, ct) : null) ?? await writer.CreateActivityAsync(write, ct);
        await LinkAsync(links, CrmLinks.Tasks, crmId, taskId, ct);
        return crmId;
    }

    private async Task LinkAsync(CrmLinks links, string type, string crmId, long localId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = await db.CrmRecords.FirstOrDefaultAsync(r => r.Provider == source.Provider && r.ObjectType == type && r.CrmId == crmId, ct);
        links.Link(row, type, crmId, localId, now, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Writes the deal's changed fields the CRM should take; returns the fields (with the CRM's value) that someone
    /// changed in the CRM since AeBot last saw them and that the CRM owns — those wait for the rep's answer.
    /// </summary>
    private async Task<(Dictionary<string, string?> Conflicts, bool Wrote)> SendDealAsync(CrmWriteBackRow row, CrmLinks links, WriteBackPayload payload,
        IReadOnlyList<CrmStage> stages, CancellationToken ct)
    {
        var conflicts = new Dictionary<string, string?>();
        var dealCrmId = await links.CrmIdAsync(CrmLinks.Deals, payload.DealId, ct);
        if (dealCrmId is null)
            return (conflicts, false); // a deal the CRM never had: nothing to write
        var local = await db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.Id == payload.DealId, ct);
        var link = await db.CrmRecords.FirstAsync(r => r.Provider == source.Provider && r.ObjectType == CrmLinks.Deals && r.CrmId == dealCrmId, ct);
        var seen = CrmFieldValues.Parse(link.Fields);
        var current = await writer.ReadDealFieldsAsync(dealCrmId, ct);
        var pipeline = seen.Get(CrmDealField.Stage) is { } seenStage ? stages.FirstOrDefault(s => s.Id == seenStage)?.PipelineId : null;

        var writes = new Dictionary<CrmDealField, string?>();
        foreach (var (name, localValue) in payload.Fields)
        {
            var field = Enum.Parse<CrmDealField>(name);
            var ours = localValue;
            if (field == CrmDealField.Stage)
            {
                // By label in the deal's own pipeline first; a deal marked won or lost in chat whose label the CRM
                // spells differently ("Closed Won", "Closed won") takes its pipeline's won or lost stage.
                var inOrder = stages.OrderBy(s => s.PipelineId == pipeline ? 0 : 1).ToList();
                var stage = inOrder.FirstOrDefault(s => string.Equals(s.Label, localValue, StringComparison.OrdinalIgnoreCase))
                    ?? (local is { StageCategory: Core.Opportunities.StageCategory.Won } && local.Stage == localValue ? inOrder.FirstOrDefault(s => s.IsWon) : null)
                    ?? (local is { StageCategory: Core.Opportunities.StageCategory.Lost } && local.Stage == localValue ? inOrder.FirstOrDefault(s => s.IsClosed && !s.IsWon) : null)
                    ?? throw new CrmRejectedException($"the stage '{localValue}' is in none of {source.Provider}'s deal pipelines", 400);
                ours = stage.Id;
            }
            current.TryGetValue(field, out var theirs);
            if (Same(field, theirs, ours))
                continue; // already so
            // What the CRM held when the change was made in chat (snapshot at pick-up), else as last read.
            var known = payload.Expected.TryGetValue(name, out var expected) || seen.Has(field);
            if (!payload.Expected.ContainsKey(name))
                expected = seen.Get(field);
            var changedThere = known && !Same(field, theirs, expected);
            if (changedThere && !payload.Forced.Contains(name))
            {
                switch (options.OwnerOf(field))
                {
                    case FieldOwner.Crm:
                        conflicts[name] = theirs;
                        continue;
                    case FieldOwner.LastWriter:
                        // The later change wins: a CRM change a read has already seen carries its record's stamp; one
                        // not yet read cannot be ordered against the chat change, so the rep is asked.
                        var crmAt = Same(field, seen.Get(field), theirs) ? seen.At(field) : null;
                        if (crmAt is null || payload.ChangedAt is null)
                        {
                            conflicts[name] = theirs;
                            continue;
                        }
                        if (crmAt > payload.ChangedAt)
                            continue; // the CRM's is the later change: it stands
                        break;
                }
            }
            writes[field] = ours;
        }
        if (conflicts.Count > 0)
            return (conflicts, false); // nothing of this change goes out until the rep has answered: it was one decision
        if (writes.Count > 0)
            await writer.UpdateDealAsync(dealCrmId, writes, ct);
        foreach (var (field, value) in writes)
            payload.Written[field.ToString()] = value;
        // What the CRM holds now is what AeBot wrote: reading it back is not someone else's change.
        var now = clock.GetUtcNow();
        foreach (var (field, value) in writes)
            seen.Set(field, value, now);
        link.Fields = seen.Serialize();
        await db.SaveChangesAsync(ct);
        return (conflicts, writes.Count > 0);
    }

    private static bool Same(CrmDealField field, string? a, string? b)
    {
        (a, b) = (CrmFieldValues.Clip(a), CrmFieldValues.Clip(b));
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
            return string.IsNullOrEmpty(a) && string.IsNullOrEmpty(b);
        if (field == CrmDealField.Amount && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
            return x == y;
        if (field == CrmDealField.CloseDate)
            return a[..Math.Min(10, a.Length)] == b[..Math.Min(10, b.Length)];
        return string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal);
    }

    /// <summary>"Acme's close date changed in HubSpot to Jan 20 since you asked; keep Jan 20 or set Jan 15?"</summary>
    private async Task AskAsync(CrmWriteBackRow row, WriteBackPayload payload, Dictionary<string, string?> conflicts, IReadOnlyList<CrmStage> stages, CancellationToken ct)
    {
        var deal = await db.Opportunities.AsNoTracking().Include(o => o.Account).FirstOrDefaultAsync(o => o.Id == payload.DealId, ct);
        var rep = await db.Reps.AsNoTracking().FirstOrDefaultAsync(r => r.Id == row.RepId, ct);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(rep?.TimeZoneId ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        // The question is worded in Core, in the rep's language; a stage goes there by its label.
        var fields = conflicts.Select(c => new CrmConflictField(c.Key,
            c.Key == nameof(CrmDealField.Stage) && c.Value is { } theirs ? stages.FirstOrDefault(s => s.Id == theirs)?.Label ?? theirs : c.Value,
            payload.Fields[c.Key])).ToList();
        var language = ReplyLanguage.Of(rep?.Language, rep?.Locale, rep?.BuddhistEra);
        var reply = CrmConflictQuestion.Reply(language, source.Provider, deal?.Account?.Name, deal?.Name, deal?.Currency ?? options.Currency, today, fields, row.Id);
        db.Outbox.Add(Data.Capture.OutboxMessenger.Row(new ProactiveMessage(row.RepId, "crm-conflict", reply), clock.GetUtcNow()));
    }

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..999] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "CRM write-back {Id} (chat change {ChangeId}) failed for good: {Error}")]
    private static partial void LogFailed(ILogger logger, long id, long changeId, string error);
}

/// <summary>What a write-back sends and how far it got. Stored as JSON on its row: never rename the properties.</summary>
internal sealed class WriteBackPayload
{
    public long? InteractionId { get; set; }
    public List<long> TaskIds { get; set; } = [];
    public long? DealId { get; set; }

    /// <summary>Deal field → the value set in chat (AeBot's terms: a stage by its label).</summary>
    public Dictionary<string, string?> Fields { get; set; } = [];

    /// <summary>Steps done (activity, task:{id}, deal) → the CRM id created ("" when nothing was needed).</summary>
    public Dictionary<string, string> Done { get; set; } = [];

    /// <summary>Fields the CRM changed meanwhile → the CRM's value, while the rep is asked.</summary>
    public Dictionary<string, string?>? Conflicts { get; set; }

    /// <summary>Fields the rep chose to set anyway.</summary>
    public HashSet<string> Forced { get; set; } = [];

    /// <summary>Field → the CRM's value when the change was made in chat (CRM terms): what "changed in the CRM since" is measured from.</summary>
    public Dictionary<string, string?> Expected { get; set; } = [];

    /// <summary>Field → the value written to the CRM (CRM terms), for taking it back on an undo.</summary>
    public Dictionary<string, string?> Written { get; set; } = [];

    /// <summary>When the change was made in chat (for last-writer fields).</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>The kind of activity the interaction became in the CRM (Call, Meeting, Note, Email), for taking it back.</summary>
    public string? ActivityKind { get; set; }

    /// <summary>An edited interaction whose CRM activity is set to what it says now.</summary>
    public long? SyncInteractionId { get; set; }

    /// <summary>Follow-ups whose CRM tasks are set to what they are now (done, snoozed, retitled).</summary>
    public List<long> SyncTaskIds { get; set; } = [];

    /// <summary>A reminder whose CRM task is set to what the reminder is now (created, moved, or deleted when cancelled).</summary>
    public long? ReminderId { get; set; }

    /// <summary>CRM activities to delete (CRM id → kind): what an undone change had created.</summary>
    public Dictionary<string, string> Delete { get; set; } = [];
}
