using System.Text.Json;
using AeBot.Crm.Sources;
using AeBot.Data.Crm;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Sync;

/// <summary>
/// One sync run: first what reps changed in chat goes to the CRM, then what changed in the CRM comes in — by object
/// type in dependency order, each from its cursor (less an overlap) up to the moment the run began, page by page, the
/// cursor moving with each page so a run cut short resumes where it stopped. One run at a time per database (a lease
/// row, so two servers on one PostgreSQL database, or the CLI beside a server, never sync at once).
/// </summary>
public sealed partial class CrmSync(
    AeBotDbContext db, ChatChangeFeed feed, ICrmSource source, ICrmWriter writer, IOptions<CrmOptions> options, TimeProvider clock, ILogger<CrmSync> logger)
{
    private const string LeaseCursor = "lease";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(30);

    private static readonly (CrmObject Type, string Key)[] Order =
    [
        (CrmObject.Users, "users"), (CrmObject.Products, "products"), (CrmObject.Companies, "companies"),
        (CrmObject.Contacts, "contacts"), (CrmObject.Deals, "deals"), (CrmObject.Activities, "activities"),
    ];

    /// <summary>Runs one sync. <paramref name="full"/> reads everything again (cursors ignored); progress lines go to <paramref name="progress"/>.</summary>
    public async Task<CrmSyncReport> RunAsync(bool full, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var provider = source.Provider;
        var startedAt = clock.GetUtcNow();
        var lease = Random.Shared.NextInt64(1, long.MaxValue);
        var report = new CrmSyncReport { Provider = provider, Full = full, StartedAt = startedAt };
        var requestsBefore = source.Usage.Requests;

        if (!await TakeLeaseAsync(provider, lease, startedAt, cancellationToken))
        {
            report.Outcome = "busy";
            report.Error = "another sync is running";
            return report;
        }
        var run = new CrmSyncRunRow { Provider = provider, StartedAt = startedAt, Full = full, Outcome = "running" };
        db.CrmSyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var links = new CrmLinks(db, provider);
            var writeBacks = new CrmWriteBacks(db, feed, source, writer, o, clock, logger);
            var picked = await writeBacks.PickUpAsync(cancellationToken);
            if (picked > 0)
                progress?.Report($"{picked} change(s) from chat to send");
            try
            {
                await writeBacks.PushAsync(links, report, cancellationToken);
            }
            catch (CrmAuthException e)
            {
                // A write refused for want of a permission (a 403: a scope, a record the integration may not edit)
                // leaves the reads to run; a token refused outright fails them too, and the run reports it then.
                report.Error = e.Message;
            }
            db.ChangeTracker.Clear();

            // The stages first: the pipelines are small, and their answer tells the client the CRM's clock. Then
            // everything up to the CRM's "now" when the run began; what changes while it runs is the next run's.
            var stages = await source.ReadStagesAsync(cancellationToken);
            var until = source.Now;
            var reader = new CrmReader(db, links, o, report, clock.GetUtcNow());
            reader.UseStages(stages);
            foreach (var (type, key) in Order)
            {
                var cursor = await CursorAsync(provider, key, cancellationToken);
                var window = full || cursor.Since is null ? new CrmWindow(null, until) : new CrmWindow(cursor.Since.Value.AddSeconds(-o.OverlapSeconds), until);
                progress?.Report($"Reading {key} ({(window.Full ? "everything" : "changed since " + window.Since!.Value.ToString("u"))})…");
                var users = new List<CrmUser>();
                var userPages = new List<CrmPage<CrmUser>>();
                var dealsRead = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var page in Pages(type, window, cancellationToken))
                {
                    switch (page)
                    {
                        // Users are applied once all are read (a short list): whether an e-mail is one user's alone can
                        // only be told from all of them.
                        case CrmPage<CrmUser> p: userPages.Add(p); break;
                        case CrmPage<CrmProduct> p: await reader.ProductsAsync(p, cancellationToken); break;
                        case CrmPage<CrmCompany> p: await reader.CompaniesAsync(p, cancellationToken); break;
                        case CrmPage<CrmContact> p: await reader.ContactsAsync(p, cancellationToken); break;
                        case CrmPage<CrmDeal> p:
                            if (!window.Full)
                                dealsRead.UnionWith(p.Records.Select(d => d.Id));
                            await reader.DealsAsync(p, cancellationToken);
                            break;
                        case CrmPage<CrmActivity> p: await reader.ActivitiesAsync(p, cancellationToken); break;
                    }
                    // An increment reads in change order: the cursor follows each page, so a run cut short resumes here.
                    // Activities are several CRM objects (calls, meetings, notes, tasks; Task and Event), each in its
                    // own order, and owners are listed by id: their cursors move only when all are read.
                    if (!window.Full && type is not (CrmObject.Activities or CrmObject.Users) && LastModified(page) is { } last && (cursor.Since is null || last > cursor.Since))
                    {
                        cursor = await CursorAsync(provider, key, cancellationToken);
                        cursor.Since = last;
                        cursor.UpdatedAt = clock.GetUtcNow();
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    var counts = report.For(key);
                    progress?.Report($"  {key}: {counts.Created} new, {counts.Updated} changed, {counts.Unchanged} unchanged, {counts.Skipped} skipped");
                    await RenewLeaseAsync(provider, lease, cancellationToken);
                }
                if (type == CrmObject.Users)
                {
                    users.AddRange(await reader.UsersAsync(
                        new CrmPage<CrmUser>([.. userPages.SelectMany(p => p.Records)], [.. userPages.SelectMany(p => p.Skipped)]), cancellationToken));
                    if (report.SharedEmails.Count > 0)
                    {
                        progress?.Report($"  users: {report.SharedEmails.Count} share an e-mail with another {provider} user; kept apart, matched to no one by e-mail");
                        LogSharedEmails(logger, provider, report.SharedEmails.Count, string.Join(", ", report.SharedEmails));
                    }
                    await reader.ReportingLinesAsync(users, source.HasReportingLines, cancellationToken);
                }

                if (type == CrmObject.Deals)
                    await LineItemChangesAsync(provider, window, until, dealsRead, reader, lease, report, cancellationToken);

                // Deletions since they were last read, on a cursor of their own that moves only once they are all
                // read (a first or full read looks 14 days back: Salesforce's getDeleted keeps about 15).
                if (type != CrmObject.Users || !window.Full)
                {
                    var deletedCursor = await CursorAsync(provider, "del:" + key, cancellationToken);
                    var since = !full && deletedCursor.Since is { } last ? last.AddSeconds(-o.OverlapSeconds) : until.AddDays(-14);
                    try
                    {
                        await foreach (var deletion in source.ReadDeletionsAsync(type, new CrmWindow(since, until), cancellationToken))
                            await reader.DeleteAsync(deletion, cancellationToken);
                        deletedCursor = await CursorAsync(provider, "del:" + key, cancellationToken);
                        deletedCursor.Since = until;
                        deletedCursor.UpdatedAt = clock.GetUtcNow();
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    catch (CrmException e) when (e is not CrmAuthException and not CrmLimitException)
                    {
                        // The CRM refused the window (a 5xx, or after a long outage deletions that old are no longer
                        // kept): reported, and the records themselves still read. A window reaching further back than
                        // the CRM keeps deletions will never be answered: it is given up (reported) rather than
                        // failing every run from now on; a shorter one is asked again next run.
                        report.Skipped.Add(new CrmSkipped(type, null, "deletions not read: " + e.Message));
                        report.For(key).Skipped++;
                        if (!e.Retryable && until - since > TimeSpan.FromDays(14))
                        {
                            deletedCursor = await CursorAsync(provider, "del:" + key, cancellationToken);
                            deletedCursor.Since = until;
                            await db.SaveChangesAsync(cancellationToken);
                        }
                    }
                    db.ChangeTracker.Clear();
                }
                cursor = await CursorAsync(provider, key, cancellationToken);
                cursor.Since = until;
                cursor.UpdatedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            // Every type read in full to its end: what a full read no longer found, and the CRM confirms gone, goes as
            // a deletion would — records deleted longer ago than the deletions window reaches (after an outage, or
            // beyond the CRM's retention). A run cut short (an error, the daily allowance) never gets here.
            if (full)
            {
                foreach (var (type, key) in Order)
                {
                    var skipped = report.Skipped.Where(s => s.Type == type && s.Id is not null).Select(s => s.Id!).ToHashSet(StringComparer.Ordinal);
                    await reader.SweepAsync(type, skipped, ids => source.ConfirmGoneAsync(type, ids, cancellationToken), cancellationToken);
                    db.ChangeTracker.Clear();
                    if (report.Read.TryGetValue(key, out var counts) && counts.Swept > 0)
                        progress?.Report($"  {key}: {counts.Swept} no longer in {provider}, removed");
                }
            }
            report.Outcome = report.Skipped.Count > 0 ? "partial" : "ok";
        }
        catch (CrmAuthException e)
        {
            report.Outcome = "auth";
            report.Error = e.Message;
            // One clear line when the credentials stop working, not one every few minutes while they stay broken.
            var before = await db.CrmSyncRuns.AsNoTracking().Where(r => r.Provider == provider && r.Id < run.Id && r.Outcome != "busy")
                .OrderByDescending(r => r.Id).Select(r => r.Outcome).FirstOrDefaultAsync(CancellationToken.None);
            if (before != "auth")
                LogAuth(logger, provider, e.Message);
        }
        catch (CrmException e)
        {
            report.Outcome = "failed";
            report.Error = e.Message;
            LogFailed(logger, provider, e.Message);
        }
        catch (HttpRequestException e)
        {
            report.Outcome = "failed";
            report.Error = e.Message;
            LogFailed(logger, provider, e.Message);
        }
        finally
        {
            report.FinishedAt = clock.GetUtcNow();
            report.Requests = source.Usage.Requests - requestsBefore;
            db.ChangeTracker.Clear();
            var saved = await db.CrmSyncRuns.FirstAsync(r => r.Id == run.Id, CancellationToken.None);
            saved.FinishedAt = report.FinishedAt;
            saved.Outcome = report.Outcome == "running" ? "failed" : report.Outcome;
            saved.Error = report.Error is null ? null : report.Error.Length > 1000 ? report.Error[..999] + "…" : report.Error;
            saved.Counts = JsonSerializer.Serialize(new
            {
                read = report.Read,
                skipped = report.Skipped.Count,
                swept = report.Read.Values.Sum(c => c.Swept),
                sent = report.WritesSent, conflicts = report.WritesConflicted, dropped = report.WritesDropped,
                failed = report.WritesFailed, waiting = report.WritesWaiting, requests = report.Requests,
            });
            await db.SaveChangesAsync(CancellationToken.None);
            await ReleaseLeaseAsync(provider, lease);
            LogRun(logger, provider, saved.Outcome, report.Read.Values.Sum(c => c.Changed), report.WritesSent, report.Requests);
        }
        if (report.Outcome == "running")
            report.Outcome = "failed";
        return report;
    }

    /// <summary>
    /// An increment's deals whose line items changed (added, edited or deleted) since the line items were last looked
    /// at, read again unless this run read them already: the CRM need not move a deal's change stamp for its line
    /// items, so without this a deal whose line items were all removed would keep its product until a full run. Its
    /// own cursor, moved only once all are read; a full run reads every deal with its line items and just sets it.
    /// </summary>
    private async Task LineItemChangesAsync(string provider, CrmWindow window, DateTimeOffset until, HashSet<string> dealsRead, CrmReader reader, long lease,
        CrmSyncReport report, CancellationToken ct)
    {
        var cursor = await CursorAsync(provider, LineItemsCursor, ct);
        if (!window.Full)
        {
            var since = cursor.Since is { } last ? last.AddSeconds(-options.Value.OverlapSeconds) : window.Since!.Value;
            CrmLineItemChanges changes;
            try
            {
                changes = await source.ReadLineItemChangesAsync(new CrmWindow(since, until), ct);
            }
            catch (CrmException e) when (e is not CrmAuthException and not CrmLimitException)
            {
                // As for deletions: reported, asked again next run — unless the window reaches further back than the CRM
                // keeps deletions (Salesforce: 30 days), which will never be answered; a full run reads every deal's.
                report.Skipped.Add(new CrmSkipped(CrmObject.Deals, null, "line item changes not read: " + e.Message));
                report.For("deals").Skipped++;
                if (e.Retryable || until - since <= TimeSpan.FromDays(14))
                    return;
                changes = new CrmLineItemChanges([], []);
            }
            var dealIds = changes.DealIds.Concat(await reader.DealsOfLineItemsAsync(changes.DeletedLineItemIds, ct))
                .Where(id => !dealsRead.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            if (dealIds.Count > 0)
            {
                await foreach (var page in source.ReadDealsByIdAsync(dealIds, ct))
                {
                    await reader.DealsAsync(page, ct);
                    await RenewLeaseAsync(provider, lease, ct);
                }
            }
            await reader.ForgetLineItemsAsync(changes.DeletedLineItemIds, ct);
            db.ChangeTracker.Clear();
            cursor = await CursorAsync(provider, LineItemsCursor, ct);
        }
        cursor.Since = until;
        cursor.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private const string LineItemsCursor = "line_items";

    private IAsyncEnumerable<object> Pages(CrmObject type, CrmWindow window, CancellationToken ct) => type switch
    {
        CrmObject.Users => Box(source.ReadUsersAsync(window, ct)),
        CrmObject.Products => Box(source.ReadProductsAsync(window, ct)),
        CrmObject.Companies => Box(source.ReadCompaniesAsync(window, ct)),
        CrmObject.Contacts => Box(source.ReadContactsAsync(window, ct)),
        CrmObject.Deals => Box(source.ReadDealsAsync(window, ct)),
        _ => Box(source.ReadActivitiesAsync(window, ct)),
    };

    private static async IAsyncEnumerable<object> Box<T>(IAsyncEnumerable<T> pages) where T : class
    {
        await foreach (var page in pages)
            yield return page;
    }

    private static DateTimeOffset? LastModified(object page) => page switch
    {
        CrmPage<CrmUser> p => p.Records.Count == 0 ? null : p.Records.Max(r => r.ModifiedAt),
        CrmPage<CrmProduct> p => p.Records.Count == 0 ? null : p.Records.Max(r => r.ModifiedAt),
        CrmPage<CrmCompany> p => p.Records.Count == 0 ? null : p.Records.Max(r => r.ModifiedAt),
        CrmPage<CrmContact> p => p.Records.Count == 0 ? null : p.Records.Max(r => r.ModifiedAt),
        CrmPage<CrmDeal> p => p.Records.Count == 0 ? null : p.Records.Max(r => r.ModifiedAt),
        CrmPage<CrmActivity> p => p.Records.Count == 0 ? null : p.Records.Max(r => r.ModifiedAt),
        _ => null,
    };

    private async Task<CrmCursorRow> CursorAsync(string provider, string key, CancellationToken ct)
    {
        var cursor = await db.CrmCursors.FirstOrDefaultAsync(c => c.Provider == provider && c.ObjectType == key, ct);
        if (cursor is not null)
            return cursor;
        cursor = new CrmCursorRow { Provider = provider, ObjectType = key, UpdatedAt = clock.GetUtcNow() };
        db.CrmCursors.Add(cursor);
        await db.SaveChangesAsync(ct);
        return cursor;
    }

    /// <summary>
    /// The run's lease: one row per provider, taken by a single conditional UPDATE (free, or not renewed for
    /// <see cref="LeaseTime"/> — its run died) that writes this run's token; renewed with every page; handed back by
    /// token. Atomic on SQLite and PostgreSQL alike.
    /// </summary>
    private async Task<bool> TakeLeaseAsync(string provider, long token, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.CrmCursors.AnyAsync(c => c.Provider == provider && c.ObjectType == LeaseCursor, ct))
        {
            db.CrmCursors.Add(new CrmCursorRow { Provider = provider, ObjectType = LeaseCursor, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created it first: fine, compete for it below.
            }
            db.ChangeTracker.Clear();
        }
        var stale = now - LeaseTime;
        var taken = await db.CrmCursors
            .Where(c => c.Provider == provider && c.ObjectType == LeaseCursor && (c.Position == null || c.Since == null || c.Since < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Since, now).SetProperty(c => c.Position, token).SetProperty(c => c.UpdatedAt, now), ct);
        return taken == 1;
    }

    /// <summary>Keeps the lease while the run makes progress (a long full sync outlives <see cref="LeaseTime"/>).</summary>
    private async Task RenewLeaseAsync(string provider, long token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.CrmCursors.Where(c => c.Provider == provider && c.ObjectType == LeaseCursor && c.Position == token)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Since, now), ct);
    }

    private async Task ReleaseLeaseAsync(string provider, long token) =>
        await db.CrmCursors.Where(c => c.Provider == provider && c.ObjectType == LeaseCursor && c.Position == token)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Since, (DateTimeOffset?)null).SetProperty(c => c.Position, (long?)null), CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Provider} refused AeBot's credentials: {Error}. Sync stopped; chat answers use the data of the last successful sync until the token is fixed (see 'aebot crm status').")]
    private static partial void LogAuth(ILogger logger, string provider, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} sync failed: {Error}. The next run resumes from the cursors.")]
    private static partial void LogFailed(ILogger logger, string provider, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Provider} user(s) share an e-mail with another user and were kept apart, matched to no AeBot person by e-mail: {CrmIds}")]
    private static partial void LogSharedEmails(ILogger logger, string provider, int count, string crmIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} sync {Outcome}: {Changed} record(s) changed, {Sent} write-back(s) sent, {Requests} request(s)")]
    private static partial void LogRun(ILogger logger, string provider, string outcome, int changed, int sent, long requests);
}
