using AeBot.Slack.Blocks;
using YamlDotNet.RepresentationModel;

namespace AeBot.Tests.Slack;

public class SlackManifestTests
{
    private static YamlMappingNode Manifest()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "AeBot.sln")))
            directory = directory.Parent;
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(directory.FullName, "manifests", "slack", "manifest.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) => path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[new YamlScalarNode(key)]);

    private static List<string> List(YamlNode node) => ((YamlSequenceNode)node).Select(n => ((YamlScalarNode)n).Value!).ToList();

    [Fact]
    public void The_manifest_asks_for_exactly_the_scopes_AeBot_uses()
    {
        // Each scope and what needs it: events subscribed, and Web API methods SlackApiClient calls.
        var needed = new Dictionary<string, string>
        {
            ["app_mentions:read"] = "app_mention event",
            ["assistant:write"] = "assistant.threads.setSuggestedPrompts, assistant.threads.setTitle",
            ["channels:read"] = "member_joined_channel event (public channels)",
            ["groups:read"] = "member_joined_channel event (private channels)",
            ["im:history"] = "message.im event",
            ["chat:write"] = "chat.postMessage, chat.postEphemeral, chat.update",
            ["im:write"] = "conversations.open",
            ["users:read"] = "users.info",
            ["users:read.email"] = "users.info profile e-mail, users.lookupByEmail",
            ["files:write"] = "files.getUploadURLExternal, files.completeUploadExternal",
            ["commands"] = "/ae and the shortcuts",
        };
        Assert.Equal(needed.Keys.Order(), List(At(Manifest(), "oauth_config", "scopes", "bot")).Order());
    }

    [Fact]
    public void Urls_command_events_and_shortcuts_match_what_the_server_serves()
    {
        var manifest = Manifest();
        Assert.EndsWith("/slack/events", ((YamlScalarNode)At(manifest, "settings", "event_subscriptions", "request_url")).Value);
        Assert.EndsWith("/slack/interactivity", ((YamlScalarNode)At(manifest, "settings", "interactivity", "request_url")).Value);
        var command = (YamlMappingNode)((YamlSequenceNode)At(manifest, "features", "slash_commands"))[0];
        Assert.Equal("/ae", ((YamlScalarNode)command["command"]).Value);
        Assert.EndsWith("/slack/commands", ((YamlScalarNode)command["url"]).Value);
        Assert.Equal(["app_context_changed", "app_home_opened", "app_mention", "assistant_thread_context_changed", "assistant_thread_started", "member_joined_channel", "message.im"], List(At(manifest, "settings", "event_subscriptions", "bot_events")).Order());
        var callbacks = ((YamlSequenceNode)At(manifest, "features", "shortcuts")).Select(s => ((YamlScalarNode)((YamlMappingNode)s)["callback_id"]).Value).Order();
        Assert.Equal([SlackModals.LogCallback, SlackModals.LogFromMessageCallback], callbacks);
        Assert.Equal("true", ((YamlScalarNode)At(manifest, "features", "app_home", "home_tab_enabled")).Value);
        // docs.slack.dev/ai/migrating-to-agent-messaging: agent_view takes agent_description (assistant_view's
        // assistant_description renamed); at most four prompts (…/methods/assistant.threads.setSuggestedPrompts).
        Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)At(manifest, "features", "agent_view", "agent_description")).Value));
        Assert.InRange(((YamlSequenceNode)At(manifest, "features", "agent_view", "suggested_prompts")).Children.Count, 1, 4);
    }
}
