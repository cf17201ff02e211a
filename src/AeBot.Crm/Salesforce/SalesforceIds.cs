namespace AeBot.Crm.Salesforce;

/// <summary>
/// What a record id points at, by its three-character key prefix ("What Are Salesforce IDs Composed Of?" and the
/// Object Reference's key prefixes): 001 Account, 003 Contact, 005 User, 006 Opportunity, 00Q Lead, 00T Task,
/// 00U Event. A Task's WhatId and WhoId are polymorphic, so the prefix is how to tell a deal from an account.
/// </summary>
internal static class SalesforceIds
{
    public const string Account = "001";
    public const string Contact = "003";
    public const string Opportunity = "006";

    /// <summary>A record id as Salesforce writes them: 15 (case-sensitive) or 18 (case-safe) letters and digits.</summary>
    public static bool IsId(string? id) => id is { Length: 15 or 18 } && id.All(char.IsAsciiLetterOrDigit);

    public static bool Is(string? id, string prefix) =>
        id is { Length: 15 or 18 } && id.StartsWith(prefix, StringComparison.Ordinal);
}
