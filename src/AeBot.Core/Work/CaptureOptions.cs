using System.ComponentModel.DataAnnotations;

namespace AeBot.Core.Work;

/// <summary>Settings of the capture-and-act abilities (section "Capture").</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>A dialog left unanswered this long is forgotten; the next message starts afresh.</summary>
    [Range(1, 24 * 60)]
    public int DialogTimeoutMinutes { get; set; } = 30;

    /// <summary>A change made through the bot can be undone this long — with its Undo button, or "undo" for the last one.</summary>
    [Range(1, 7 * 24 * 60)]
    public int UndoWindowMinutes { get; set; } = 60;

    /// <summary>An open deal with no logged interaction for this many days is stale.</summary>
    [Range(1, 365)]
    public int StaleDays { get; set; } = 14;

    /// <summary>"My day" shows contracts ending within this many days.</summary>
    [Range(1, 365)]
    public int RenewalDays { get; set; } = 30;
}
