namespace AeBot.Core.Opportunities;

/// <summary>The rep's call on a deal, as in Salesforce's forecast categories.</summary>
public enum ForecastCategory
{
    Pipeline = 0,
    BestCase = 1,
    Commit = 2,
    Closed = 3,
    Omitted = 4,
}
