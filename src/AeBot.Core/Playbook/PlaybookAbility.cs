using AeBot.Core.Audit;
using AeBot.Core.Conversation;

namespace AeBot.Core.Playbook;

/// <summary>"How do I handle 'too expensive'?": the playbook entry, or the list of objections it covers.</summary>
public sealed class PlaybookAbility(ObjectionPlaybook playbook)
{
    public TurnResult Answer(string text)
    {
        var entry = playbook.Match(text);
        if (entry is null)
        {
            var options = playbook.Entries.Select(e => new ReplyAction(e.Title.Trim('"'), Payloads.Ask + $"how do I handle {e.Topic} objections?")).ToList();
            return new TurnResult(new Reply([new ChoiceBlock("Which objection? The playbook covers these:", options)]) { Summary = "Which objection?" }, "playbook", TurnOutcome.Clarified);
        }
        var blocks = new List<ReplyBlock> { new TextBlock($"**{entry.Title}**" + (entry.Meaning is null ? "" : "\n" + entry.Meaning)) };
        if (entry.Questions.Count > 0)
            blocks.Add(new TextBlock("**Ask**\n" + string.Join('\n', entry.Questions.Select(q => "- " + q))));
        if (entry.Responses.Count > 0)
            blocks.Add(new TextBlock("**Respond**\n" + string.Join('\n', entry.Responses.Select(q => "- " + q))));
        if (entry.ProofPoints.Count > 0)
            blocks.Add(new TextBlock("**Proof points**\n" + string.Join('\n', entry.ProofPoints.Select(q => "- " + q))));
        blocks.Add(new ContextBlock("From your team's objection playbook"));
        return new TurnResult(new Reply(blocks) { Summary = "Playbook: " + entry.Title }, "playbook", TurnOutcome.Answered, "topic=" + entry.Topic);
    }
}
