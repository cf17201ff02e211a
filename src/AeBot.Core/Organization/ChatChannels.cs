namespace AeBot.Core.Organization;

/// <summary>Names of the channels a message can arrive on; stored in the database, so never renamed.</summary>
public static class ChatChannels
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string WebChat = "web";
    public const string Cli = "cli";
}
