using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Text;

namespace AeBot.Core.Playbook;

/// <summary>"How do I handle 'too expensive'?": the playbook entry, or the list of objections it covers.</summary>
public sealed class PlaybookAbility(ObjectionPlaybook playbook)
{
    public TurnResult Answer(string text) => Answer(text, ReplyLanguage.English);

    /// <summary>
    /// In Thai, each objection's Thai entry — written for how Thai buyers raise it — when the playbook has one; a
    /// team's own playbook without Thai is shown as written, under Thai headings.
    /// </summary>
    public TurnResult Answer(string text, ReplyLanguage language)
    {
        var match = playbook.Match(text);
        if (match is null)
        {
            var options = playbook.Entries.Select(e => e.In(language)).Select(e => new ReplyAction(e.Title.Trim('"'),
                Payloads.Ask + T(language, nameof(PlaybookTexts.Playbook_AskAbout), AskWords(e, language)))).ToList();
            return new TurnResult(new Reply([new ChoiceBlock(T(language, nameof(PlaybookTexts.Playbook_Which)), options)]) { Summary = T(language, nameof(PlaybookTexts.Playbook_WhichSummary)) },
                "playbook", TurnOutcome.Clarified);
        }
        var entry = match.In(language);
        var blocks = new List<ReplyBlock> { new TextBlock($"**{entry.Title}**" + (entry.Meaning is null ? "" : "\n" + entry.Meaning)) };
        if (entry.Questions.Count > 0)
            blocks.Add(new TextBlock(T(language, nameof(PlaybookTexts.Playbook_Ask)) + "\n" + string.Join('\n', entry.Questions.Select(q => "- " + q))));
        if (entry.Responses.Count > 0)
            blocks.Add(new TextBlock(T(language, nameof(PlaybookTexts.Playbook_Respond)) + "\n" + string.Join('\n', entry.Responses.Select(q => "- " + q))));
        if (entry.ProofPoints.Count > 0)
            blocks.Add(new TextBlock(T(language, nameof(PlaybookTexts.Playbook_ProofPoints)) + "\n" + string.Join('\n', entry.ProofPoints.Select(q => "- " + q))));
        blocks.Add(new ContextBlock(T(language, nameof(PlaybookTexts.Playbook_From))));
        return new TurnResult(new Reply(blocks) { Summary = T(language, nameof(PlaybookTexts.Playbook_Summary), entry.Title) }, "playbook", TurnOutcome.Answered, "topic=" + entry.Topic);
    }

    /// <summary>
    /// What a choice asks about: the topic in English ("how do I handle price objections?"); in Thai the objection as
    /// the buyer says it, which the Thai reading takes as a playbook question and the playbook's phrases find again.
    /// </summary>
    private static string AskWords(PlaybookEntry entry, ReplyLanguage language) => language.IsThai ? entry.Title.Trim('"') : entry.Topic;

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(PlaybookTexts.ResourceManager, key, args);
}
