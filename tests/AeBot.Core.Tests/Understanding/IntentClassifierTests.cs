using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding;

public class IntentClassifierTests
{
    [Theory]
    [InlineData("what closes this month?", Intent.Pipeline)]
    [InlineData("whats closing this quarter", Intent.Pipeline)]
    [InlineData("show me my pipeline", Intent.Pipeline)]
    [InlineData("my pipline", Intent.Pipeline)]
    [InlineData("open deals for Acme", Intent.Pipeline)]
    [InlineData("what's in play for December", Intent.Pipeline)]
    [InlineData("which deals will close next month", Intent.Pipeline)]
    [InlineData("weighted pipeline", Intent.Pipeline)]
    [InlineData("what did I close last quarter?", Intent.Won)]
    [InlineData("bookings last quarter", Intent.Won)]
    [InlineData("what did I bring in this year", Intent.Won)]
    [InlineData("closed-won this month", Intent.Won)]
    [InlineData("how much did I sell in Q3", Intent.Won)]
    [InlineData("my wins this quarter", Intent.Won)]
    [InlineData("revenue booked YTD", Intent.Won)]
    [InlineData("what did we lose last quarter", Intent.Lost)]
    [InlineData("lost deals this year", Intent.Lost)]
    [InlineData("what's my win rate", Intent.WinRate)]
    [InlineData("close rate last year", Intent.WinRate)]
    [InlineData("average deal size", Intent.AverageDealSize)]
    [InlineData("how long is my sales cycle", Intent.SalesCycle)]
    [InlineData("top accounts this year", Intent.TopAccounts)]
    [InlineData("best selling products", Intent.TopProducts)]
    [InlineData("how am I tracking vs quota?", Intent.Quota)]
    [InlineData("how am I tracking vs qouta?", Intent.Quota)]
    [InlineData("am I on track to hit my number", Intent.Quota)]
    [InlineData("gap to quota", Intent.Quota)]
    [InlineData("pipeline coverage", Intent.Quota)]
    [InlineData("attainment this quarter", Intent.Quota)]
    [InlineData("if Acme and Globex close, where do I land?", Intent.WhatIf)]
    [InlineData("what if Initech closes", Intent.WhatIf)]
    [InlineData("forecast this quarter", Intent.Forecast)]
    [InlineData("what's my commit", Intent.Forecast)]
    [InlineData("best case for Q4", Intent.Forecast)]
    [InlineData("team pipeline by rep", Intent.TeamRollup)]
    [InlineData("how is my team doing", Intent.TeamRollup)]
    [InlineData("leaderboard", Intent.TeamRollup)]
    [InlineData("who is behind quota?", Intent.BehindQuota)]
    [InlineData("which reps are struggling", Intent.BehindQuota)]
    [InlineData("who has the best win rate", Intent.BestWinRate)]
    [InlineData("slipped deals", Intent.Slipped)]
    [InlineData("which deals got pushed out", Intent.Slipped)]
    [InlineData("stale deals", Intent.Stale)]
    [InlineData("deals with no activity", Intent.Stale)]
    [InlineData("deals past their close date", Intent.PastDue)]
    [InlineData("overdue deals", Intent.PastDue)]
    [InlineData("biggest deals", Intent.BiggestDeals)]
    [InlineData("top 5 deals", Intent.BiggestDeals)]
    [InlineData("help", Intent.Help)]
    [InlineData("what can you do", Intent.Help)]
    public void Many_phrasings_reach_the_same_intent(string text, Intent expected)
    {
        var result = IntentClassifier.Classify(text);
        Assert.True(result.Intent == expected, $"'{text}' → {result.Intent} ({result.Score}: {string.Join(", ", result.Evidence)}), expected {expected}");
        Assert.NotEmpty(result.Evidence);
    }

    [Theory]
    [InlineData("asdf qwer zxcv")]
    [InlineData("the weather in Paris")]
    [InlineData("")]
    public void Gibberish_has_no_intent(string text) => Assert.Equal(Intent.Unknown, IntentClassifier.Classify(text).Intent);
}
