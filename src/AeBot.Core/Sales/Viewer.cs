using AeBot.Core.Organization;
using AeBot.Core.Text;

namespace AeBot.Core.Sales;

/// <summary>
/// Who is asking and what they may see. A rep sees their own deals and the deals on accounts they own or manage;
/// a manager sees everyone in their reporting subtree; an admin sees everything. Every query is filtered through
/// this, so data outside it cannot leak into a figure, a count or an existence check.
/// </summary>
/// <param name="Language">The reply language the person chose in chat, the locale their client reported, and whether
/// they read years in the Buddhist era: see <see cref="ReplyLanguage.Of"/>.</param>
public sealed record Viewer(long RepId, string Name, RepRole Role, string TimeZoneId, string HierarchyPath, LanguageChoice? Language = null)
{
    /// <summary>The language this person's replies are written in when the message itself doesn't say otherwise.</summary>
    public ReplyLanguage Speaks => ReplyLanguage.Of(Language?.Chosen, Language?.Locale, Language?.BuddhistEra);

    public bool SeesEverything => Role == RepRole.Admin;

    /// <summary>Managers and admins get team answers.</summary>
    public bool HasTeam => Role is RepRole.Manager or RepRole.Admin;
}
