namespace AeBot.Core.Opportunities;

/// <summary>Whether a stage means the deal is still being worked, won or lost. Stored as an integer.</summary>
public enum StageCategory
{
    Open = 0,
    Won = 1,
    Lost = 2,
}
