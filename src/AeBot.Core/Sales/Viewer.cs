using AeBot.Core.Organization;

namespace AeBot.Core.Sales;

/// <summary>
/// Who is asking and what they may see. A rep sees their own deals and the deals on accounts they own or manage;
/// a manager sees everyone in their reporting subtree; an admin sees everything. Every query is filtered through
/// this, so data outside it cannot leak into a figure, a count or an existence check.
/// </summary>
public sealed record Viewer(long RepId, string Name, RepRole Role, string TimeZoneId, string HierarchyPath)
{
    public bool SeesEverything => Role == RepRole.Admin;

    /// <summary>Managers and admins get team answers.</summary>
    public bool HasTeam => Role is RepRole.Manager or RepRole.Admin;
}
