namespace AeBot.Core.Opportunities;

public enum OpportunityType
{
    NewBusiness = 0,
    Upsell = 1,
    Renewal = 2,
}
