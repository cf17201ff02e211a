using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Core.Accounts;
using AeBot.Core.Capture;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Reminders;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;
using AeBot.Data.Sales;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using AeBot.Core.Work;
using AeBot.Core.Conversation;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Data.Capture;

/// <summary>
/// <see cref="ISalesWrites"/> over EF Core. Each change is one transaction that also writes a <see cref="BotChangeRow"/>
/// with its before- and after-image, so "undo" can put back exactly what was there — and see when something has
/// changed it again since; nothing is half-written. The row's id is what the change's Undo button carries.
/// </summary>
internal sealed class EfSalesWrites(AeBotDbContext db, IWorkData work, TimeProvider clock) : ISalesWrites
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<Written<LoggedInteraction>?> LogInteractionAsync(Viewer viewer, InteractionDraft draft, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await Access.VisibleAccounts(db, viewer).FirstOrDefaultAsync(a => a.Id == draft.AccountId, cancellationToken);
        if (account is null)
            return null;
        Opportunity? deal = null;
        if (draft.OpportunityId is { } dealId)
        {
            deal = await Access.WritableDeals(db, viewer).FirstOrDefaultAsync(o => o.Id == dealId && o.AccountId == account.Id, cancellationToken);
            if (deal is null)
                return null;
        }
        var now = clock.GetUtcNow();

        var contacts = await ContactsAsync(account, draft.ContactNames, now, cancellationToken);
        var interaction = new Interaction
        {
            Type = draft.Type,
            OccurredAt = draft.OccurredAt,
            RepId = viewer.RepId,
            AccountId = account.Id,
            OpportunityId = deal?.Id,
            Summary = Clip(draft.Summary, 4000),
            Objections = draft.Objections.Count == 0 ? null : Clip(string.Join('\n', draft.Objections.Select(o => o.Text)), 2000),
            NextStep = draft.NextStep is null ? null : Clip(draft.NextStep, 1000),
            NextStepDue = draft.NextStepDue,
            CreatedAt = now,
            Contacts = contacts.Select(c => new InteractionContact { Contact = c.Contact }).ToList(),
        };
        db.Interactions.Add(interaction);
        var objections = draft.Objections.Select(o => new Objection
        {
            Interaction = interaction,
            OpportunityId = deal?.Id,
            AccountId = account.Id,
            Text = Clip(o.Text, 1000),
            Topic = o.Topic,
            RaisedAt = draft.OccurredAt,
        }).ToList();
        db.Objections.AddRange(objections);
        FollowUpTask? followUp = null;
        if (draft.NextStep is not null)
        {
            followUp = new FollowUpTask
            {
                RepId = viewer.RepId,
                AccountId = account.Id,
                OpportunityId = deal?.Id,
                Interaction = interaction,
                Title = Clip(draft.NextStep, 1000),
                DueDate = draft.NextStepDue,
                Status = FollowUpStatus.Open,
                CreatedAt = now,
            };
            db.FollowUpTasks.Add(followUp);
        }
        DealSnapshot? before = null;
        if (deal is not null)
        {
            before = DealSnapshot.Of(deal);
            deal.LastEngagedAt = deal.LastEngagedAt is { } last && last > draft.OccurredAt ? last : draft.OccurredAt;
            if (draft.NextStep is not null)
            {
                deal.NextStep = Clip(draft.NextStep, 1000);
                deal.NextStepDue = draft.NextStepDue;
            }
            deal.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);

        var changeId = await RecordAsync(viewer, now, $"the {draft.Type.ToString().ToLowerInvariant()} logged with {account.Name}", new UndoRecord
        {
            Kind = UndoRecord.Log,
            InteractionId = interaction.Id,
            InteractionAfter = InteractionSnapshot.Of(interaction, followUp),
            CreatedContactIds = contacts.Where(c => c.Created).Select(c => c.Contact.Id).ToList(),
            ObjectionIds = objections.Select(o => o.Id).ToList(),
            FollowUpId = followUp?.Id,
            FollowUpAfter = followUp is null ? null : FollowUpSnapshot.Of(followUp),
            DealId = deal?.Id,
            Deal = before,
            DealAfter = deal is null ? null : DealSnapshot.Of(deal),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new(new LoggedInteraction(interaction.Id, interaction.Type, account.Id, account.Name, deal?.Id, deal?.Name,
            contacts.Select(c => new ContactRef(c.Contact.Id, c.Contact.Name, c.Created)).ToList(),
            interaction.Summary, draft.Objections, interaction.NextStep, interaction.NextStepDue, followUp?.Id, interaction.OccurredAt), changeId);
    }

    /// <summary>Existing contacts by full name, then by a unique first name ("Dana" → Dana Whitfield); new ones created.</summary>
    private async Task<List<(Contact Contact, bool Created)>> ContactsAsync(Account account, IReadOnlyList<string> names, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<(Contact, bool)>();
        if (names.Count == 0)
            return result;
        var existing = await db.Contacts.Where(c => c.AccountId == account.Id).ToListAsync(cancellationToken);
        foreach (var raw in names.Distinct(StringComparer.OrdinalIgnoreCase).Take(10))
        {
            var name = Clip(raw.Trim(), 200);
            var match = existing.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var byFirst = EntityMatcher.Find(name, existing.Select(c => new NamedRef(c.Id, c.Name)).ToList(), allowFirstName: true);
                if (byFirst.Count == 1)
                    match = existing.First(c => c.Id == byFirst[0].Entity.Id);
            }
            if (match is not null)
            {
                if (!result.Any(r => r.Item1 == match))
                    result.Add((match, false));
                continue;
            }
            var created = new Contact { AccountId = account.Id, Name = name, CreatedAt = now };
            db.Contacts.Add(created);
            existing.Add(created);
            result.Add((created, true));
        }
        return result;
    }

    public async Task<Written<LoggedInteraction>?> EditInteractionAsync(Viewer viewer, long interactionId, InteractionEdit edit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the rep who logged an interaction edits it.
        var interaction = await db.Interactions.Include(i => i.Account).Include(i => i.Opportunity).Include(i => i.Contacts).ThenInclude(c => c.Contact)
            .FirstOrDefaultAsync(i => i.Id == interactionId && i.RepId == viewer.RepId, cancellationToken);
        if (interaction is null)
            return null;
        var followUp = await FollowUpOfAsync(interaction.Id, cancellationToken);
        var before = InteractionSnapshot.Of(interaction, followUp);
        var now = clock.GetUtcNow();
        if (edit.OpportunityId is { } dealId)
        {
            var deal = await Access.WritableDeals(db, viewer).FirstOrDefaultAsync(o => o.Id == dealId && o.AccountId == interaction.AccountId, cancellationToken);
            if (deal is null)
                return null;
            interaction.Opportunity = deal;
            interaction.OpportunityId = deal.Id;
        }
        if (edit.ClearDeal)
        {
            interaction.OpportunityId = null;
            interaction.Opportunity = null;
        }
        if (edit.Summary is { } summary)
            interaction.Summary = Clip(summary, 4000);
        if (edit.NextStep is { } step)
        {
            interaction.NextStep = Clip(step, 1000);
            interaction.NextStepDue = edit.NextStepDue ?? interaction.NextStepDue;
        }
        else if (edit.NextStepDue is { } due)
        {
            interaction.NextStepDue = due;
        }
        long? createdTask = null;
        if (interaction.NextStep is not null)
        {
            if (followUp is null)
            {
                followUp = new FollowUpTask { RepId = viewer.RepId, AccountId = interaction.AccountId, Interaction = interaction, Title = interaction.NextStep, Status = FollowUpStatus.Open, CreatedAt = now };
                db.FollowUpTasks.Add(followUp);
            }
            followUp.Title = interaction.NextStep;
            followUp.DueDate = interaction.NextStepDue;
            followUp.OpportunityId = interaction.OpportunityId;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (before.FollowUpTitle is null && followUp is not null)
            createdTask = followUp.Id;
        var changeId = await RecordAsync(viewer, now, $"the edit of what you logged with {interaction.Account?.Name}", new UndoRecord
        {
            Kind = UndoRecord.Edit,
            InteractionId = interaction.Id,
            Interaction = before,
            InteractionAfter = InteractionSnapshot.Of(interaction, followUp),
            FollowUpId = followUp?.Id,
            TaskIds = createdTask is { } t ? [t] : [],
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var objections = await db.Objections.AsNoTracking().Where(o => o.InteractionId == interaction.Id).Select(o => new ObjectionNote(o.Text, o.Topic)).ToListAsync(cancellationToken);
        return new(new LoggedInteraction(interaction.Id, interaction.Type, interaction.AccountId ?? 0, interaction.Account?.Name ?? "—", interaction.OpportunityId, interaction.Opportunity?.Name,
            interaction.Contacts.Select(c => new ContactRef(c.ContactId, c.Contact?.Name ?? "", false)).ToList(), interaction.Summary, objections,
            interaction.NextStep, interaction.NextStepDue, followUp?.Id, interaction.OccurredAt), changeId);
    }

    public async Task<Written<DealUpdate>?> UpdateDealAsync(Viewer viewer, DealChange change, CancellationToken cancellationToken)
    {
        var stages = await work.StagesAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deal = await Access.WritableDeals(db, viewer).Include(o => o.Account).Include(o => o.Owner).FirstOrDefaultAsync(o => o.Id == change.DealId, cancellationToken);
        if (deal is null)
            return null;
        var beforeRef = Ref(deal);
        var before = DealSnapshot.Of(deal);
        var now = clock.GetUtcNow();

        switch (change.Outcome)
        {
            case StageCategory.Won:
                deal.Stage = change.Stage is { } won && stages.Any(s => s.Name == won && s.Category == StageCategory.Won) ? won
                    : stages.FirstOrDefault(s => s.Category == StageCategory.Won)?.Name ?? "Closed Won";
                deal.StageCategory = StageCategory.Won;
                deal.Probability = 100;
                deal.ForecastCategory = ForecastCategory.Closed;
                deal.CloseDate = change.CloseDate ?? deal.CloseDate;
                deal.LossReason = null;
                break;
            case StageCategory.Lost:
                deal.Stage = change.Stage is { } lost && stages.Any(s => s.Name == lost && s.Category == StageCategory.Lost) ? lost
                    : stages.FirstOrDefault(s => s.Category == StageCategory.Lost)?.Name ?? "Closed Lost";
                deal.StageCategory = StageCategory.Lost;
                deal.Probability = 0;
                deal.ForecastCategory = ForecastCategory.Omitted;
                deal.CloseDate = change.CloseDate ?? deal.CloseDate;
                deal.LossReason = change.LossReason is null ? null : Clip(change.LossReason, 500);
                break;
            default:
                if (change.Stage is { } stage)
                {
                    var info = stages.FirstOrDefault(s => s.Name.Equals(stage, StringComparison.OrdinalIgnoreCase));
                    deal.Stage = info?.Name ?? stage;
                    deal.StageCategory = info?.Category ?? StageCategory.Open;
                    if (info?.Probability is { } p)
                        deal.Probability = p;
                }
                if (change.Amount is { } amount)
                    deal.Amount = amount;
                if (change.CloseDate is { } close)
                    deal.CloseDate = close;
                if (change.NextStep is { } step)
                {
                    deal.NextStep = Clip(step, 1000);
                    deal.NextStepDue = change.NextStepDue;
                }
                break;
        }
        deal.UpdatedAt = now;

        OpportunityHistory? history = null;
        if (deal.Stage != before.Stage || deal.StageCategory != before.Category || deal.CloseDate != before.CloseDate || deal.Amount != before.Amount || deal.Probability != before.Probability)
        {
            history = new OpportunityHistory
            {
                OpportunityId = deal.Id, ChangedAt = now, ChangedByRepId = viewer.RepId, Stage = deal.Stage, StageCategory = deal.StageCategory,
                CloseDate = deal.CloseDate, Amount = deal.Amount, Probability = deal.Probability,
            };
            db.OpportunityHistory.Add(history);
        }
        var tasks = (change.TasksOnWin ?? []).Select(t => new FollowUpTask
        {
            RepId = t.AssigneeRepId, AccountId = deal.AccountId, OpportunityId = deal.Id, Title = Clip(t.Title, 1000), DueDate = t.DueDate, Status = FollowUpStatus.Open, CreatedAt = now,
        }).ToList();
        db.FollowUpTasks.AddRange(tasks);
        await db.SaveChangesAsync(cancellationToken);

        var what = change.Outcome switch { StageCategory.Won => "marking it won", StageCategory.Lost => "marking it lost", _ => "the change" };
        var changeId = await RecordAsync(viewer, now, $"{what} on {deal.Name}", new UndoRecord
        {
            Kind = UndoRecord.Deal_, DealId = deal.Id, Deal = before, DealAfter = DealSnapshot.Of(deal), HistoryId = history?.Id, TaskIds = tasks.Select(t => t.Id).ToList(),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(new DealUpdate(beforeRef, Ref(deal), tasks.Select(t => t.Id).ToList()), changeId);
    }

    public Task<Written<FollowUpRef>?> CompleteFollowUpAsync(Viewer viewer, long followUpId, CancellationToken cancellationToken) =>
        ChangeFollowUpAsync(viewer, followUpId, "done", (f, now) =>
        {
            f.Status = FollowUpStatus.Done;
            f.CompletedAt = now;
        }, cancellationToken);

    public Task<Written<FollowUpRef>?> SnoozeFollowUpAsync(Viewer viewer, long followUpId, DateTimeOffset until, CancellationToken cancellationToken) =>
        ChangeFollowUpAsync(viewer, followUpId, "snoozed", (f, _) => f.SnoozedUntil = until, cancellationToken);

    private async Task<Written<FollowUpRef>?> ChangeFollowUpAsync(Viewer viewer, long id, string verb, Action<FollowUpTask, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var people = Access.VisibleReps(db, viewer).Select(r => r.Id);
        var task = await db.FollowUpTasks.Include(f => f.Account).Include(f => f.Opportunity)
            .FirstOrDefaultAsync(f => f.Id == id && f.Status == FollowUpStatus.Open && people.Contains(f.RepId), cancellationToken);
        if (task is null)
            return null;
        var before = new FollowUpSnapshot(task.Status, task.SnoozedUntil, task.CompletedAt);
        var now = clock.GetUtcNow();
        apply(task, now);
        await db.SaveChangesAsync(cancellationToken);
        var changeId = await RecordAsync(viewer, now, $"\"{task.Title}\" {verb}",
            new UndoRecord { Kind = UndoRecord.FollowUpChange, FollowUpId = task.Id, FollowUp = before, FollowUpAfter = FollowUpSnapshot.Of(task) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(new FollowUpRef(task.Id, task.Title, task.DueDate, task.AccountId, task.Account?.Name, task.OpportunityId, task.Opportunity?.Name, task.Status, task.SnoozedUntil), changeId);
    }

    public async Task<Written<ReminderRef>> AddReminderAsync(Viewer viewer, ReminderDraft draft, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var reminder = new Reminder
        {
            RepId = viewer.RepId, Text = Clip(draft.Text, 1000), DueAt = draft.DueAt, Channel = draft.Channel, ConversationId = draft.ConversationId,
            Status = ReminderStatus.Pending, CreatedAt = now,
        };
        db.Reminders.Add(reminder);
        await db.SaveChangesAsync(cancellationToken);
        var changeId = await RecordAsync(viewer, now, $"the reminder \"{reminder.Text}\"",
            new UndoRecord { Kind = UndoRecord.Reminder, ReminderId = reminder.Id, ReminderDueAt = reminder.DueAt }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(new ReminderRef(reminder.Id, reminder.RepId, reminder.Text, reminder.DueAt, reminder.Channel, reminder.ConversationId), changeId);
    }

    public async Task<Written<ReminderRef>?> SnoozeReminderAsync(Viewer viewer, long reminderId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reminder = await db.Reminders.FirstOrDefaultAsync(
            r => r.Id == reminderId && r.RepId == viewer.RepId && r.Status != ReminderStatus.Cancelled, cancellationToken);
        if (reminder is null)
            return null;
        var now = clock.GetUtcNow();
        reminder.DueAt = until;
        reminder.Status = ReminderStatus.Pending;
        reminder.SentAt = null;
        await db.SaveChangesAsync(cancellationToken);
        var changeId = await RecordAsync(viewer, now, $"the snoozed reminder \"{reminder.Text}\"",
            new UndoRecord { Kind = UndoRecord.Reminder, ReminderId = reminder.Id, ReminderDueAt = reminder.DueAt }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(new ReminderRef(reminder.Id, reminder.RepId, reminder.Text, reminder.DueAt, reminder.Channel, reminder.ConversationId), changeId);
    }

    public async Task<UndoResult> UndoAsync(Viewer viewer, long changeId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Someone else's change reads exactly like one that does not exist.
        var change = await db.BotChanges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId && c.RepId == viewer.RepId, cancellationToken);
        if (change is null)
            return UndoResult.NotFound;
        if (change.UndoneAt is not null)
            return new UndoResult(UndoStatus.AlreadyUndone, change.Description, change.At);
        if (change.At < notBefore)
            return new UndoResult(UndoStatus.Expired, change.Description, change.At);
        // Claimed before it is reverted: of two presses of one Undo at once, the second finds it undone.
        if (!await ClaimAsync(change.Id, cancellationToken))
            return new UndoResult(UndoStatus.AlreadyUndone, change.Description, change.At);
        return await RevertAsync(change, transaction, cancellationToken);
    }

    public async Task<UndoResult?> UndoLastAsync(Viewer viewer, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        BotChangeRow? change = null;
        // Claim the change before reverting it: of two racing "undo"s each reverts a different change, never one twice.
        for (var attempt = 0; attempt < 3 && change is null; attempt++)
        {
            var candidate = await db.BotChanges.AsNoTracking().Where(c => c.RepId == viewer.RepId && c.UndoneAt == null && c.At >= notBefore)
                .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
                return null;
            if (await ClaimAsync(candidate.Id, cancellationToken))
                change = candidate;
        }
        if (change is null)
            return null;
        return await RevertAsync(change, transaction, cancellationToken);
    }

    private async Task<bool> ClaimAsync(long changeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.BotChanges.Where(c => c.Id == changeId && c.UndoneAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UndoneAt, now), cancellationToken) == 1;
    }

    /// <summary>
    /// Reverts a claimed change, unless what it changed has been changed again since: then the claim is rolled back with
    /// everything else, and the reason comes back.
    /// </summary>
    private async Task<UndoResult> RevertAsync(BotChangeRow change, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var record = JsonSerializer.Deserialize<UndoRecord>(change.Undo, Json)!;
        // Each checks before it changes anything, and returns why it would not.
        var superseded = record.Kind switch
        {
            UndoRecord.Log => await UndoLogAsync(record, cancellationToken),
            UndoRecord.Edit => await UndoEditAsync(record, cancellationToken),
            UndoRecord.Deal_ => await UndoDealAsync(record, cancellationToken),
            UndoRecord.FollowUpChange => await UndoFollowUpAsync(record, cancellationToken),
            UndoRecord.Reminder => await UndoReminderAsync(record, cancellationToken),
            _ => null,
        };
        if (superseded is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new UndoResult(UndoStatus.Superseded, change.Description, change.At, superseded);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UndoResult(UndoStatus.Undone, change.Description, change.At);
    }

    private async Task<string?> UndoLogAsync(UndoRecord r, CancellationToken cancellationToken)
    {
        var interaction = await db.Interactions.FindAsync([r.InteractionId], cancellationToken);
        if (interaction is not null && r.InteractionAfter is { } logged && InteractionSnapshot.Of(interaction, await FollowUpOfAsync(interaction.Id, cancellationToken)) != logged)
            return "what you logged has been edited since";
        if (r.FollowUpId is { } id && r.FollowUpAfter is { } left && await db.FollowUpTasks.FindAsync([id], cancellationToken) is { } task && !left.Matches(task))
            return $"its follow-up \"{task.Title}\" has been {FollowUpVerb(task)} since";

        await db.Objections.Where(o => r.ObjectionIds.Contains(o.Id)).ExecuteDeleteAsync(cancellationToken);
        if (r.FollowUpId is { } followUp)
            await db.FollowUpTasks.Where(f => f.Id == followUp).ExecuteDeleteAsync(cancellationToken);
        await db.InteractionContacts.Where(c => c.InteractionId == r.InteractionId).ExecuteDeleteAsync(cancellationToken);
        await db.Interactions.Where(i => i.Id == r.InteractionId).ExecuteDeleteAsync(cancellationToken);
        // Contacts created by this entry go too, unless something else has used them since.
        await db.Contacts.Where(c => r.CreatedContactIds.Contains(c.Id) && !db.InteractionContacts.Any(ic => ic.ContactId == c.Id)).ExecuteDeleteAsync(cancellationToken);
        if (r.DealId is { } dealId && r.Deal is { } before && await db.Opportunities.FindAsync([dealId], cancellationToken) is { } deal)
        {
            if (r.DealAfter is { } after)
            {
                // The deal is not this entry's to refuse over: what it set goes back where nobody has changed it since, and a
                // later stage move or next step stays.
                before.RestoreTo(deal, before.FieldsDifferentIn(after).Except(after.FieldsDifferentIn(DealSnapshot.Of(deal))));
                if (Stored.Same(deal.UpdatedAt, after.UpdatedAt))
                    deal.UpdatedAt = before.UpdatedAt;
            }
            else
            {
                deal.LastEngagedAt = before.LastEngagedAt;
                deal.NextStep = before.NextStep;
                deal.NextStepDue = before.NextStepDue;
                deal.UpdatedAt = before.UpdatedAt;
            }
        }
        return null;
    }

    private async Task<string?> UndoEditAsync(UndoRecord r, CancellationToken cancellationToken)
    {
        if (await db.Interactions.FindAsync([r.InteractionId], cancellationToken) is not { } interaction || r.Interaction is not { } before)
            return null;
        if (r.InteractionAfter is { } edited && InteractionSnapshot.Of(interaction, await FollowUpOfAsync(interaction.Id, cancellationToken)) != edited)
            return "what you logged has been edited again since";
        interaction.Summary = before.Summary;
        interaction.NextStep = before.NextStep;
        interaction.NextStepDue = before.NextStepDue;
        interaction.OpportunityId = before.OpportunityId;
        if (r.TaskIds.Count > 0)
            await db.FollowUpTasks.Where(f => r.TaskIds.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        else if (r.FollowUpId is { } id && await db.FollowUpTasks.FindAsync([id], cancellationToken) is { } task)
        {
            task.Title = before.FollowUpTitle ?? task.Title;
            task.DueDate = before.FollowUpDue;
            task.OpportunityId = before.OpportunityId;
        }
        return null;
    }

    private async Task<string?> UndoDealAsync(UndoRecord r, CancellationToken cancellationToken)
    {
        if (await db.Opportunities.FindAsync([r.DealId], cancellationToken) is { } deal && r.Deal is { } before)
        {
            if (r.DealAfter is { } after)
            {
                var set = before.FieldsDifferentIn(after);
                var changedSince = after.FieldsDifferentIn(DealSnapshot.Of(deal)).Intersect(set).ToList();
                if (changedSince.Contains(DealSnapshot.StageField))
                    return $"{deal.Name} has been changed again since (it is now at {deal.Stage})";
                if (changedSince.Count > 0)
                    return $"the {string.Join(" and ", changedSince)} of {deal.Name} {(changedSince.Count == 1 ? "has" : "have")} been changed again since";
                // Its history row would go, leaving a later one that describes a deal which never was.
                if (r.HistoryId is { } historyId && await db.OpportunityHistory.AnyAsync(h => h.OpportunityId == deal.Id && h.Id > historyId, cancellationToken))
                    return $"{deal.Name} has been changed again since";
                before.RestoreTo(deal, set);
                if (Stored.Same(deal.UpdatedAt, after.UpdatedAt))
                    deal.UpdatedAt = before.UpdatedAt;
            }
            else
            {
                before.ApplyTo(deal);
            }
        }
        if (r.HistoryId is { } history)
            await db.OpportunityHistory.Where(h => h.Id == history).ExecuteDeleteAsync(cancellationToken);
        // Onboarding tasks nobody has started on are withdrawn with the win.
        if (r.TaskIds.Count > 0)
            await db.FollowUpTasks.Where(f => r.TaskIds.Contains(f.Id) && f.Status == FollowUpStatus.Open).ExecuteDeleteAsync(cancellationToken);
        return null;
    }

    private async Task<string?> UndoFollowUpAsync(UndoRecord r, CancellationToken cancellationToken)
    {
        if (await db.FollowUpTasks.FindAsync([r.FollowUpId], cancellationToken) is not { } task || r.FollowUp is not { } before)
            return null;
        if (r.FollowUpAfter is { } after && !after.Matches(task))
            return $"\"{task.Title}\" has been {FollowUpVerb(task)} since";
        task.Status = before.Status;
        task.SnoozedUntil = before.SnoozedUntil;
        task.CompletedAt = before.CompletedAt;
        return null;
    }

    private async Task<string?> UndoReminderAsync(UndoRecord r, CancellationToken cancellationToken)
    {
        if (await db.Reminders.FindAsync([r.ReminderId], cancellationToken) is not { } reminder)
            return null;
        if (r.ReminderDueAt is { } due && !Stored.Same(reminder.DueAt, due))
            return $"the reminder \"{reminder.Text}\" has been snoozed since";
        if (reminder.Status == ReminderStatus.Pending)
            reminder.Status = ReminderStatus.Cancelled;
        return null;
    }

    private Task<FollowUpTask?> FollowUpOfAsync(long interactionId, CancellationToken cancellationToken) =>
        db.FollowUpTasks.Where(f => f.InteractionId == interactionId).OrderBy(f => f.Id).FirstOrDefaultAsync(cancellationToken);

    private static string FollowUpVerb(FollowUpTask f) => f.Status switch
    {
        FollowUpStatus.Done => "marked done",
        FollowUpStatus.Cancelled => "cancelled",
        _ => f.SnoozedUntil is null ? "changed" : "snoozed",
    };

    /// <summary>Records a change in the caller's transaction; its id is what the change's Undo button carries.</summary>
    private async Task<long> RecordAsync(Viewer viewer, DateTimeOffset now, string description, UndoRecord record, CancellationToken cancellationToken)
    {
        var row = new BotChangeRow { RepId = viewer.RepId, At = now, Kind = record.Kind, Description = Clip(description, 500), Undo = JsonSerializer.Serialize(record, Json) };
        db.BotChanges.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    private static DealRef Ref(Opportunity o) => new(o.Id, o.Name, o.AccountId, o.Account?.Name, o.OwnerId, o.Owner?.Name ?? "", o.Stage, o.StageCategory, o.Amount, o.Currency,
        o.Probability, o.CloseDate, o.NextStep, o.NextStepDue, o.LossReason);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
