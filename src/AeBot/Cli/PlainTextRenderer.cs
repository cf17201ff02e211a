using System.Text;
using AeBot.Core.Conversation;

namespace AeBot.Cli;

/// <summary>Renders a reply for a terminal: markdown markers removed, facts aligned.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        var sb = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            if (sb.Length > 0)
                sb.AppendLine();
            switch (block)
            {
                case TextBlock text:
                    sb.AppendLine(StripMarkdown(text.Markdown));
                    break;
                case FactsBlock facts:
                    var width = facts.Facts.Max(f => f.Label.Length);
                    foreach (var fact in facts.Facts)
                        sb.Append(fact.Label.PadRight(width)).Append("  ").AppendLine(fact.Value);
                    break;
                default:
                    sb.AppendLine(reply.Summary);
                    break;
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string StripMarkdown(string markdown) =>
        markdown.Replace("**", "").Replace("`", "");
}
