using System.Text.RegularExpressions;
using AeBot.Core.Capture;
using AeBot.Core.Playbook;

namespace AeBot.Core.Tests.Capture;

/// <summary>Every note of <see cref="CallNoteCorpus"/>, every field, read the way a sales colleague reads it.</summary>
public partial class CallNoteCorpusTests
{
    private static readonly ObjectionPlaybook Playbook = ObjectionPlaybook.Default();

    public static TheoryData<string> Ids => new(CallNoteCorpus.Notes.Keys);

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_notes() => Assert.True(CallNoteCorpus.Notes.Count >= 100);

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_note_yields_its_type_contacts_summary_objections_and_follow_up(string id)
    {
        var note = CallNoteCorpus.Notes[id];
        var p = InteractionParser.Parse(note.Text, note.Now, Playbook, note.Account);

        Assert.Equal(note.Type, p.Type);
        Assert.Equal(note.Contacts.Order(StringComparer.Ordinal), p.ContactNames.Order(StringComparer.Ordinal));
        Assert.Equal(note.Topics.Order(StringComparer.Ordinal), p.Objections.Select(o => o.Topic ?? "other").Distinct().Order(StringComparer.Ordinal));
        Assert.All(p.Objections, o => Assert.False(string.IsNullOrWhiteSpace(o.Text)));
        if (note.Summary is null)
            Assert.Null(p.Summary);
        else
            Assert.Contains(note.Summary, p.Summary ?? "", StringComparison.OrdinalIgnoreCase);
        if (note.Step is null)
            Assert.Null(p.NextStep);
        else
            Assert.Contains(note.Step, p.NextStep ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(note.Due is null ? null : DateOnly.Parse(note.Due), p.NextStepDue);
        Assert.Equal(note.Occurred is null ? null : DateOnly.Parse(note.Occurred), p.OccurredOn);
    }

    /// <summary>
    /// Nothing the rep wrote is lost: every word that carries meaning turns up in what was recorded — summary,
    /// contacts, objections, next step — unless it said who, when or what kind (the account, the date, "call").
    /// </summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void No_content_is_lost(string id)
    {
        var note = CallNoteCorpus.Notes[id];
        var p = InteractionParser.Parse(note.Text, note.Now, Playbook, note.Account);
        var recorded = string.Join(" | ", new[] { p.Summary, p.NextStep, note.Account }.Concat(p.ContactNames).Concat(p.Objections.Select(o => o.Text)).Concat(note.Drops))
            .Replace('’', '\'').ToLowerInvariant();
        var lost = Words().Matches(note.Text.Replace('’', '\'').ToLowerInvariant()).Select(m => Possessive().Replace(m.Value.Trim('\''), ""))
            .Where(w => w.Length >= 3 && !w.All(c => char.IsDigit(c) || c == '-') && !NotContent.Contains(w) && !recorded.Contains(w, StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.True(lost.Count == 0, $"lost: {string.Join(", ", lost)}\nsummary: {p.Summary}\nnext step: {p.NextStep}");
    }

    // What says who, when or what kind of interaction rather than what happened, and the words that only join others.
    private static readonly HashSet<string> NotContent =
    [
        "the", "and", "with", "from", "for", "about", "that", "this", "their", "they", "our", "his", "her", "its", "had", "have", "has", "per", "plus",
        "i'll", "i'd", "we'll", "need", "who", "what", "attendees", "discussed", "summary",
        "log", "logged", "call", "called", "calld", "caled", "cal", "calls", "phone", "phoned", "meeting", "meeeting", "meting", "metting", "mtg", "met",
        "email", "emailed", "emial", "note", "notes", "spoke", "spoek", "quick", "recap", "convo", "sync", "zoom", "video", "teams",
        "next", "step", "steps", "follow", "follow-up", "action", "item", "items", "todo", "due", "target",
        "today", "today's", "yesterday", "tomorrow", "tmrw", "morning", "afternoon", "eow", "eom", "eod", "end", "week", "weeks", "month", "days", "first",
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thurs", "friday", "fri",
        "january", "jan", "february", "feb", "december", "dec", "4th", "1st", "9th", "10th",
    ];

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"'s$")]
    private static partial Regex Possessive();
}
