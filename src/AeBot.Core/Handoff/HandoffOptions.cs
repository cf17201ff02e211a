using System.ComponentModel.DataAnnotations;

namespace AeBot.Core.Handoff;

/// <summary>What happens when a deal is won: the onboarding checklist given to the account manager.</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";

    /// <summary>Checklist items; each becomes a follow-up task due that many days after the win.</summary>
    [Required]
    public List<ChecklistItem> Checklist { get; set; } = [];

    /// <summary>The checklist used when configuration gives none.</summary>
    public static readonly IReadOnlyList<ChecklistItem> DefaultChecklist =
    [
        new() { Title = "Kickoff call with the customer's champion", DueInDays = 3 },
        new() { Title = "Send welcome pack and onboarding plan", DueInDays = 2 },
        new() { Title = "Confirm billing contact and PO details", DueInDays = 5 },
        new() { Title = "Schedule technical onboarding / implementation", DueInDays = 7 },
        new() { Title = "30-day success check-in (AE joins for expansion)", DueInDays = 30 },
    ];

    public IReadOnlyList<ChecklistItem> Effective => Checklist.Count > 0 ? Checklist : DefaultChecklist;
}

public sealed class ChecklistItem
{
    [Required, MinLength(1)]
    public string Title { get; set; } = "";

    [Range(0, 365)]
    public int DueInDays { get; set; }
}
