namespace AeBot.Data.Import;

/// <summary>What a CRM export file holds. The order is the order a folder is imported in: references first.</summary>
public enum ImportKind
{
    Reps = 0,
    Products = 1,
    Accounts = 2,
    Contacts = 3,
    Opportunities = 4,
    Contracts = 5,
    Activities = 6,
}
