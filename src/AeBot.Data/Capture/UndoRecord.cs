using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;

namespace AeBot.Data.Capture;

/// <summary>
/// What a change made through the bot created and what it overwrote: enough to put everything back. The after-images
/// (<see cref="DealAfter"/>, <see cref="InteractionAfter"/>, <see cref="FollowUpAfter"/>, <see cref="ReminderDueAt"/>)
/// are what the change left; a record that no longer looks like that has been changed again since, and reverting the
/// change would throw the later one away. Records written before they existed have none and are not checked.
/// </summary>
internal sealed record UndoRecord
{
    public required string Kind { get; init; }
    public long? InteractionId { get; init; }
    public List<long> CreatedContactIds { get; init; } = [];
    public List<long> ObjectionIds { get; init; } = [];
    public List<long> TaskIds { get; init; } = [];
    public long? DealId { get; init; }
    public DealSnapshot? Deal { get; init; }
    public DealSnapshot? DealAfter { get; init; }
    public long? HistoryId { get; init; }
    public InteractionSnapshot? Interaction { get; init; }
    public InteractionSnapshot? InteractionAfter { get; init; }
    public long? FollowUpId { get; init; }
    public FollowUpSnapshot? FollowUp { get; init; }
    public FollowUpSnapshot? FollowUpAfter { get; init; }
    public long? ReminderId { get; init; }
    public DateTimeOffset? ReminderDueAt { get; init; }

    public const string Log = "log", Edit = "edit", Deal_ = "deal", FollowUpChange = "followup", Reminder = "reminder";
}

internal sealed record DealSnapshot(string Stage, StageCategory Category, decimal? Probability, ForecastCategory Forecast, decimal? Amount, DateOnly? CloseDate,
    string? NextStep, DateOnly? NextStepDue, string? LossReason, DateTimeOffset? LastEngagedAt, DateTimeOffset UpdatedAt)
{
    public const string StageField = "stage", AmountField = "amount", CloseDateField = "close date", NextStepField = "next step",
        LossReasonField = "loss reason", LastActivityField = "last activity";

    public static DealSnapshot Of(Opportunity o) => new(o.Stage, o.StageCategory, o.Probability, o.ForecastCategory, o.Amount, o.CloseDate, o.NextStep, o.NextStepDue, o.LossReason, o.LastEngagedAt, o.UpdatedAt);

    /// <summary>The fields (by name, as people say them) in which <paramref name="other"/> differs from this image.</summary>
    public List<string> FieldsDifferentIn(DealSnapshot other)
    {
        var fields = new List<string>();
        if (Stage != other.Stage || Category != other.Category || !Stored.Same(Probability, other.Probability) || Forecast != other.Forecast)
            fields.Add(StageField);
        if (!Stored.Same(Amount, other.Amount))
            fields.Add(AmountField);
        if (CloseDate != other.CloseDate)
            fields.Add(CloseDateField);
        if (NextStep != other.NextStep || NextStepDue != other.NextStepDue)
            fields.Add(NextStepField);
        if (LossReason != other.LossReason)
            fields.Add(LossReasonField);
        if (!Stored.Same(LastEngagedAt, other.LastEngagedAt))
            fields.Add(LastActivityField);
        return fields;
    }

    /// <summary>Puts back these fields only, leaving what others changed since alone.</summary>
    public void RestoreTo(Opportunity o, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            switch (field)
            {
                case StageField:
                    o.Stage = Stage;
                    o.StageCategory = Category;
                    o.Probability = Probability;
                    o.ForecastCategory = Forecast;
                    break;
                case AmountField:
                    o.Amount = Amount;
                    break;
                case CloseDateField:
                    o.CloseDate = CloseDate;
                    break;
                case NextStepField:
                    o.NextStep = NextStep;
                    o.NextStepDue = NextStepDue;
                    break;
                case LossReasonField:
                    o.LossReason = LossReason;
                    break;
                case LastActivityField:
                    o.LastEngagedAt = LastEngagedAt;
                    break;
            }
        }
    }

    public void ApplyTo(Opportunity o)
    {
        o.Stage = Stage;
        o.StageCategory = Category;
        o.Probability = Probability;
        o.ForecastCategory = Forecast;
        o.Amount = Amount;
        o.CloseDate = CloseDate;
        o.NextStep = NextStep;
        o.NextStepDue = NextStepDue;
        o.LossReason = LossReason;
        o.LastEngagedAt = LastEngagedAt;
        o.UpdatedAt = UpdatedAt;
    }
}

internal sealed record InteractionSnapshot(string Summary, string? NextStep, DateOnly? NextStepDue, long? OpportunityId, string? FollowUpTitle, DateOnly? FollowUpDue)
{
    public static InteractionSnapshot Of(Interaction i, FollowUpTask? followUp) => new(i.Summary, i.NextStep, i.NextStepDue, i.OpportunityId, followUp?.Title, followUp?.DueDate);
}

internal sealed record FollowUpSnapshot(FollowUpStatus Status, DateTimeOffset? SnoozedUntil, DateTimeOffset? CompletedAt)
{
    public static FollowUpSnapshot Of(FollowUpTask f) => new(f.Status, f.SnoozedUntil, f.CompletedAt);

    public bool Matches(FollowUpTask f) => f.Status == Status && Stored.Same(f.SnoozedUntil, SnoozedUntil) && Stored.Same(f.CompletedAt, CompletedAt);
}

/// <summary>
/// Values compared as the database gives them back, so that an after-image taken in memory matches the row nobody has
/// touched since: PostgreSQL keeps instants to the microsecond (.NET ticks are a tenth of that), and both providers
/// keep decimals to four places.
/// </summary>
internal static class Stored
{
    public static bool Same(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b is null : b is not null && (a.Value - b.Value).Duration() < TimeSpan.FromMilliseconds(1);

    public static bool Same(decimal? a, decimal? b) =>
        a is null ? b is null : b is not null && decimal.Round(a.Value, 4, MidpointRounding.AwayFromZero) == decimal.Round(b.Value, 4, MidpointRounding.AwayFromZero);
}
