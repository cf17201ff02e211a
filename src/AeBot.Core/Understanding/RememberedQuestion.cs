using AeBot.Core.Opportunities;
using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>
/// The last question of a conversation, as stored in the database between turns (and between processes: the CLI
/// runs one turn per process). Plain data so it serialises as JSON.
/// </summary>
public sealed record RememberedQuestion(
    Intent Intent,
    DateOnly? From,
    DateOnly? To,
    string? PeriodLabel,
    decimal? MinAmount,
    decimal? MaxAmount,
    int? Top,
    Subject Subject,
    IReadOnlyList<NamedRef> Reps,
    IReadOnlyList<NamedRef> Accounts,
    IReadOnlyList<NamedRef> Products,
    string? Stage,
    OpportunityType? Type)
{
    public static RememberedQuestion Of(Understanding u) =>
        new(u.Intent, u.Period?.From, u.Period?.To, u.Period?.Label, u.MinAmount, u.MaxAmount, u.Top, u.Subject, u.Reps, u.Accounts, u.Products, u.Stage, u.Type);

    public Understanding ToUnderstanding() => new()
    {
        Intent = Intent,
        Period = From is { } from && To is { } to ? new Period(from, to, PeriodLabel ?? "") : null,
        MinAmount = MinAmount,
        MaxAmount = MaxAmount,
        Top = Top,
        Subject = Subject,
        Reps = Reps,
        Accounts = Accounts,
        Products = Products,
        Stage = Stage,
        Type = Type,
    };
}
