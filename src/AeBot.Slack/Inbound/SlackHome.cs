using System.Text.Json.Nodes;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Text;
using AeBot.Slack.Api;
using AeBot.Slack.Blocks;
using AeBot.Slack.Identity;
using AeBot.Slack.Text;
using AeBot.Core.Sales;

namespace AeBot.Slack.Inbound;

/// <summary>
/// The App Home tab: the rep's day (due follow-ups, renewals, stale deals, close dates passed — with their
/// buttons) and quota attainment; managers also get their team's standing. Published on <c>app_home_opened</c>
/// and again after a button pressed there. Built from the same core answers as chat, so it never disagrees.
/// </summary>
internal sealed class SlackHome(IConversationCore core, SlackIdentityResolver identities, ISalesData sales, SlackApiClient slack, TimeProvider clock)
{
    /// <summary>Slack allows 100 blocks in a Home view.</summary>
    public const int MaxHomeBlocks = 100;

    /// <remarks>
    /// In the person's language: in Thai the core is asked the Thai questions, so its answers come in Thai as a typed
    /// Thai question's do; in English the questions are what they always were.
    /// </remarks>
    public async Task PublishAsync(string team, string user, RepIdentity rep, CancellationToken cancellationToken)
    {
        var language = await SlackAssistant.LanguageAsync(identities, sales, team, user, rep, cancellationToken);
        string T(string key) => language.Text(SlackTexts.ResourceManager, key);
        var questions = new List<string> { T(nameof(SlackTexts.HomeMyDayAsk)), T(nameof(SlackTexts.HomeTrackingAsk)) };
        if (rep.Role is RepRole.Manager or RepRole.Admin)
            questions.Add(T(nameof(SlackTexts.HomeTeamAsk)));
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(language.Format(SlackTexts.ResourceManager, nameof(SlackTexts.HomeTitle), rep.Name.Split(' ')[0]), 150) } },
        };
        foreach (var question in questions)
        {
            var reply = await core.HandleAsync(new IncomingMessage(ChatChannels.Slack, rep, $"home:{user}", question, null, null, clock.GetUtcNow()), cancellationToken);
            var rendering = BlockKitRenderer.Render(reply);
            if (blocks.Count + 1 + rendering.Blocks.Count > MaxHomeBlocks)
                break;
            blocks.Add(new JsonObject { ["type"] = "divider" });
            foreach (var block in rendering.Blocks.ToList())
            {
                rendering.Blocks.Remove(block);
                blocks.Add(block);
            }
        }
        // Buttons must have unique action ids across the whole view.
        var n = 0;
        foreach (var button in blocks.SelectMany(Buttons))
            button["action_id"] = $"home-{n++}";
        await slack.PublishHomeAsync(user, new { type = "home", blocks }, cancellationToken);
    }

    private static IEnumerable<JsonObject> Buttons(JsonNode? block)
    {
        if (block?["accessory"] is JsonObject accessory && accessory["type"]?.GetValue<string>() == "button")
            yield return accessory;
        if (block?["elements"] is JsonArray elements)
            foreach (var element in elements.OfType<JsonObject>().Where(e => e["type"]?.GetValue<string>() == "button"))
                yield return element;
    }

    private static string Cut(string text, int max) => TextElements.Shorten(text, max);
}
