using AeBot.Core.Accounts;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Sales;

/// <summary>
/// The access rules as query roots, shared by reads and writes. Reading: a rep sees their own deals and the accounts
/// they own or manage; a manager their reporting subtree; an admin everything. Writing is narrower: a deal may be
/// changed by its owner, their managers and admins — never by another rep, even one who manages the account.
/// </summary>
internal static class Access
{
    // No AsNoTracking here: used as a subquery, it would make the whole query no-tracking and a write's entity
    // would silently not be saved. Read queries add it themselves.
    public static IQueryable<Rep> VisibleReps(AeBotDbContext db, Viewer viewer)
    {
        IQueryable<Rep> reps = db.Reps;
        if (viewer.SeesEverything)
            return reps;
        if (viewer.Role == RepRole.Manager)
            return reps.Where(r => r.HierarchyPath.StartsWith(viewer.HierarchyPath));
        return reps.Where(r => r.Id == viewer.RepId);
    }

    /// <summary>Deals the viewer may change: owned by them or (manager) their subtree, or any (admin).</summary>
    public static IQueryable<Opportunity> WritableDeals(AeBotDbContext db, Viewer viewer)
    {
        if (viewer.SeesEverything)
            return db.Opportunities;
        if (viewer.Role == RepRole.Rep)
            return db.Opportunities.Where(o => o.OwnerId == viewer.RepId);
        var owners = VisibleReps(db, viewer).Select(r => r.Id);
        return db.Opportunities.Where(o => owners.Contains(o.OwnerId));
    }

    /// <summary>Accounts the viewer may see, log against and be briefed on.</summary>
    public static IQueryable<Account> VisibleAccounts(AeBotDbContext db, Viewer viewer)
    {
        if (viewer.SeesEverything)
            return db.Accounts;
        var owners = VisibleReps(db, viewer).Select(r => r.Id);
        return db.Accounts.Where(a => (a.OwnerId != null && owners.Contains(a.OwnerId.Value)) || (a.AccountManagerId != null && owners.Contains(a.AccountManagerId.Value))
            || db.Opportunities.Any(o => o.AccountId == a.Id && owners.Contains(o.OwnerId)));
    }

    /// <summary>
    /// Whether the viewer sees every deal of the account: admins, and whoever owns or manages it themself — the
    /// same rule <see cref="EfSalesData"/> applies to figures. Otherwise only the deals of people they see.
    /// </summary>
    public static bool SeesWholeAccount(Viewer viewer, Account account) =>
        viewer.SeesEverything || account.OwnerId == viewer.RepId || account.AccountManagerId == viewer.RepId;
}
