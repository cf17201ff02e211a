namespace AeBot.Core.Understanding;

/// <summary>What a message asks for.</summary>
public enum Intent
{
    Unknown = 0,
    Help,
    Greeting,
    Pipeline,
    BiggestDeals,
    PastDue,
    Won,
    Lost,
    WinRate,
    AverageDealSize,
    SalesCycle,
    TopAccounts,
    TopProducts,
    Quota,
    WhatIf,
    Forecast,
    TeamRollup,
    BehindQuota,
    BestWinRate,
    Slipped,
    Stale,

    /// <summary>Only refines the previous question ("and last quarter?", "just GTX Pro").</summary>
    Refine,
}
