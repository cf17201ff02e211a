using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;

namespace AeBot.Data.Capture;

/// <summary>What a change made through the bot created and what it overwrote: enough to put everything back.</summary>
internal sealed record UndoRecord
{
    public required string Kind { get; init; }
    public long? InteractionId { get; init; }
    public List<long> CreatedContactIds { get; init; } = [];
    public List<long> ObjectionIds { get; init; } = [];
    public List<long> TaskIds { get; init; } = [];
    public long? DealId { get; init; }
    public DealSnapshot? Deal { get; init; }
    public long? HistoryId { get; init; }
    public InteractionSnapshot? Interaction { get; init; }
    public long? FollowUpId { get; init; }
    public FollowUpSnapshot? FollowUp { get; init; }
    public long? ReminderId { get; init; }

    public const string Log = "log", Edit = "edit", Deal_ = "deal", FollowUpChange = "followup", Reminder = "reminder";
}

internal sealed record DealSnapshot(string Stage, StageCategory Category, decimal? Probability, ForecastCategory Forecast, decimal? Amount, DateOnly? CloseDate,
    string? NextStep, DateOnly? NextStepDue, string? LossReason, DateTimeOffset? LastEngagedAt, DateTimeOffset UpdatedAt)
{
    public static DealSnapshot Of(Opportunity o) => new(o.Stage, o.StageCategory, o.Probability, o.ForecastCategory, o.Amount, o.CloseDate, o.NextStep, o.NextStepDue, o.LossReason, o.LastEngagedAt, o.UpdatedAt);

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

internal sealed record InteractionSnapshot(string Summary, string? NextStep, DateOnly? NextStepDue, long? OpportunityId, string? FollowUpTitle, DateOnly? FollowUpDue);

internal sealed record FollowUpSnapshot(FollowUpStatus Status, DateTimeOffset? SnoozedUntil, DateTimeOffset? CompletedAt);
