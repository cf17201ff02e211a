using AeBot.Core.Answers;
using AeBot.Core.Conversation;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Answers;

public class MorePagesTests
{
    private static readonly Query Stale = new() { Set = DealSet.Stale, Subject = QuerySubject.Team, Period = new Period(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), "this quarter (Q4 2026)") };

    [Fact]
    public void A_payload_carries_the_same_question_and_the_next_offset()
    {
        var more = Assert.Single(MorePages.Button(new MorePage(Stale with { Filters = new QueryFilters { Accounts = [new NamedRef(7, "Acme")] } }, null, 10), 24)!.Actions);

        var page = MorePages.Read(more.Payload)!;

        Assert.Equal("More", more.Label);
        Assert.StartsWith(Payloads.More, more.Payload);
        Assert.Equal(10, page.Offset);
        Assert.Equal(DealSet.Stale, page.Query!.Set);
        Assert.Equal(SubjectKind.Team, page.Query.Subject.Kind);
        Assert.Equal(new NamedRef(7, "Acme"), Assert.Single(page.Query.Filters.Accounts));
        Assert.Equal(Stale.Period, page.Query.Period);
    }

    [Fact]
    public void The_last_page_has_no_More() =>
        Assert.Null(MorePages.Button(new MorePage(Stale, null, 24), 24));

    [Fact]
    public void A_question_too_long_for_a_button_gets_no_More_rather_than_a_broken_one()
    {
        var accounts = Enumerable.Range(1, 200).Select(i => new NamedRef(i, "Account number " + i)).ToList();

        Assert.Null(MorePages.Button(new MorePage(Stale with { Filters = new QueryFilters { Accounts = accounts } }, null, 10), 24));
    }

    [Theory]
    [InlineData("more:")]
    [InlineData("more:{}")]
    [InlineData("more:{\"section\":\"stale\",\"offset\":0}")]
    [InlineData("more:{\"section\":\"stale\",\"offset\":100001}")]
    [InlineData("more:{\"section\":\"stale\",\"query\":{},\"offset\":10}")]
    [InlineData("ask:stale deals")]
    public void Payloads_it_cannot_page_read_as_nothing(string payload) =>
        Assert.Null(MorePages.Read(payload));

    [Theory]
    [InlineData(0, 10, 24, "Closing first — 10 of 24")]
    [InlineData(10, 10, 24, "Closing first — 11–20 of 24")]
    [InlineData(20, 4, 24, "Closing first — 21–24 of 24")]
    [InlineData(0, 7, 7, "Closing first")]
    public void Titles_say_which_rows_of_how_many(int offset, int shown, int total, string expected) =>
        Assert.Equal(expected, MorePages.Title("Closing first", offset, shown, total));
}
