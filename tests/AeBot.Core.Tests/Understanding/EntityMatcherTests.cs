using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding;

public class EntityMatcherTests
{
    private static readonly NamedRef[] Accounts =
    [
        new(1, "Acme"), new(2, "Globex Corporation"), new(3, "Globex Europe GmbH"), new(4, "Initech"), new(5, "Blue Harbor Logistics"), new(6, "Blue Harbor Capital"),
    ];

    private static readonly NamedRef[] Products = [new(10, "GTX Pro"), new(11, "GTX Basic"), new(12, "Analytics Suite")];

    [Theory]
    [InlineData("pipeline for Acme", 1)]
    [InlineData("pipeline for ACME Inc.", 1)]
    [InlineData("deals at initech", 4)]
    [InlineData("deals at Intech", 4)]
    [InlineData("Globex Corporation deals", 2)]
    [InlineData("what about Blue Harbor Logistics", 5)]
    [InlineData("pipeline for Globex", 2)]
    [InlineData("pipeline for Globex Europe", 3)]
    public void Accounts_are_found_in_any_spelling(string text, long expected) =>
        Assert.Equal(expected, Assert.Single(EntityMatcher.Find(text, Accounts)).Entity.Id);

    [Theory]
    [InlineData("just GTX Pro")]
    [InlineData("just GTXPro")]
    [InlineData("only gtx-pro deals")]
    public void Products_match_with_or_without_spaces(string text) =>
        Assert.Equal(10, Assert.Single(EntityMatcher.Find(text, Products)).Entity.Id);

    [Fact]
    public void A_partial_name_that_fits_several_is_ambiguous() =>
        Assert.Equal([5L, 6L], EntityMatcher.Find("what about Blue Harbor", Accounts).Select(m => m.Entity.Id).Order());

    [Fact]
    public void First_names_match_people_only_when_allowed()
    {
        NamedRef[] reps = [new(7, "Dana Reyes"), new(8, "Lee Chen")];
        Assert.Equal(7, Assert.Single(EntityMatcher.Find("Dana's pipeline", reps, allowFirstName: true)).Entity.Id);
        Assert.Empty(EntityMatcher.Find("Dana's pipeline", reps));
    }

    [Fact]
    public void Ordinary_words_do_not_match_names() => Assert.Empty(EntityMatcher.Find("what closes this month for me", Accounts));

    [Fact]
    public void Runs_of_keywords_a_caller_would_drop_are_not_collected_but_names_beside_them_are()
    {
        // People called "Rep 1" … "Rep 999": "rep" is everyone's first name and also a keyword.
        var people = new NameIndex(Enumerable.Range(1, 999).Select(i => new NamedRef(i, $"Rep {i}")).ToList());
        static bool KeywordsOnly(string words) => words.Split(' ').All(w => w is "which" or "rep" or "on" or "my" or "team" or "has" or "the");

        Assert.Empty(EntityMatcher.FindAll("which rep on my team has the", people, allowFirstName: true, keywordsOnly: KeywordsOnly));
        Assert.Equal(999, EntityMatcher.FindAll("which rep on my team has the", people, allowFirstName: true).Count); // what the caller used to filter
        Assert.Equal(12, Assert.Single(EntityMatcher.Find("how is Rep 12 doing", people)).Entity.Id);
        Assert.Contains(EntityMatcher.FindAll("how is Rep 12 doing", people, allowFirstName: true, keywordsOnly: KeywordsOnly), m => m.Entity.Id == 12 && m.Score == 100);
    }

    [Fact]
    public void A_skipped_keyword_match_still_counts_as_found_so_no_fuzzy_pass_starts()
    {
        // Without a match, the fuzzy pass would offer "Globex" for "Globx"; with a (dropped) keyword match it must not
        // start, exactly as before the keyword runs were skipped.
        var accounts = new NameIndex([new NamedRef(1, "Team"), new NamedRef(2, "Globex")]);
        Assert.DoesNotContain(EntityMatcher.FindAll("team Globx", accounts, keywordsOnly: w => w == "team"), m => m.Entity.Id == 2);
        Assert.Contains(EntityMatcher.FindAll("Globx", accounts, keywordsOnly: w => w == "team"), m => m.Entity.Id == 2);
    }

    [Fact]
    public void A_person_whose_first_name_is_a_keyword_is_found_by_the_words_after_it()
    {
        var people = new NameIndex([new NamedRef(1, "Mark Anthony Diaz"), new NamedRef(2, "Will Van Dyke")]);
        static bool KeywordsOnly(string words) => words.Split(' ').All(w => w.ToLowerInvariant() is "how" or "is" or "mark" or "will" or "doing" or "pipeline");

        Assert.Contains(EntityMatcher.FindAll("how is Mark Anthony doing", people, allowFirstName: true, keywordsOnly: KeywordsOnly), m => m.Entity.Id == 1 && m.Matched == "Mark Anthony");
        Assert.Contains(EntityMatcher.FindAll("Will Van's pipeline", people, allowFirstName: true, keywordsOnly: KeywordsOnly), m => m.Entity.Id == 2 && m.Matched == "Will Van");
        // Without the hint the first-name match on the keyword wins the entity's slot (and the caller would drop it).
        Assert.Contains(EntityMatcher.FindAll("how is Mark Anthony doing", people, allowFirstName: true), m => m.Entity.Id == 1 && m.Matched == "Mark");
    }
}
