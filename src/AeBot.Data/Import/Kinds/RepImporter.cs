using System.Text.RegularExpressions;
using AeBot.Core.Organization;
using AeBot.Core.Understanding;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Import.Kinds;

internal sealed partial class RepImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    private readonly List<(Rep Rep, string Manager, int Line)> _managers = [];

    /// <summary>People listed without a role: those others report to are managers.</summary>
    private readonly List<Rep> _roleNotGiven = [];

    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var writer = S.Writer<Rep>();
        foreach (var row in rows)
        {
            var email = Get(row, "email")?.ToLowerInvariant();
            var name = Get(row, "name") ?? ContactImporter.JoinName(Get(row, "first_name"), Get(row, "last_name"));
            var id = Get(row, "id");
            if (name is null && email is null)
            {
                Result.Reject(row.Line, "no name or e-mail");
                continue;
            }
            if (email is not null && !email.Contains('@'))
            {
                Result.Reject(row.Line, $"e-mail '{email}' is not an address");
                continue;
            }
            var key = id ?? email ?? NaturalKey.For(ImportKind.Reps, name);

            var rep = (id is not null ? S.RepsByKey.GetValueOrDefault("id:" + id) : null)
                ?? (email is not null ? S.RepsByKey.GetValueOrDefault("email:" + email) : null)
                ?? (name is not null ? S.FindRep(name) : null);
            var duplicate = await NoteDuplicateAsync<Rep>(key, rep?.Id, row, cancellationToken);
            var isNew = rep is null;
            rep ??= new Rep { Name = name ?? email!, CreatedAt = S.Now, TimeZoneId = S.Zone.Id };
            var before = isNew ? null : writer.Snapshot(rep);

            if (id is not null)
                rep.ExternalId = id;
            if (name is not null)
                rep.Name = S.Truncate(name, 200, "name", row.Line)!;
            if (email is not null)
            {
                if (S.RepsByKey.TryGetValue("email:" + email, out var holder) && holder != rep && holder.Id != rep.Id)
                {
                    Result.Reject(row.Line, $"e-mail {email} already belongs to {holder.Name}");
                    continue;
                }
                rep.Email = email;
            }
            if (Get(row, "role") is { } role)
                rep.Role = ParseRole(role);
            else
                _roleNotGiven.Add(rep);
            if (Get(row, "time_zone") is { } zoneLabel)
            {
                // Salesforce's Users report writes the picklist label: "(GMT-06:00) Central Standard Time (America/Chicago)".
                var zoneText = ZoneInLabel().Match(zoneLabel) is { Success: true } inner ? inner.Groups[1].Value : zoneLabel;
                if (ImportSession.ZoneOrUtc(zoneText) is var zone && (zone != TimeZoneInfo.Utc || zoneText.Trim() is "UTC" or "Etc/UTC" or "GMT"))
                    // Dynamics and Outlook exports name Windows zones ("Pacific Standard Time"); store the IANA id.
                    rep.TimeZoneId = TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;
                else
                    Result.Warn($"time zone '{zoneText}' not known; {rep.TimeZoneId} kept", row.Line);
            }
            if (Get(row, "active") is { } activeText && ValueParsers.TryParseBool(activeText, out var active))
                rep.IsActive = active;
            if (Map.Has("team"))
                rep.TeamId = Get(row, "team") is { } team ? (await S.TeamAsync(team, cancellationToken)).Id : null;

            var changed = isNew || !writer.Unchanged(rep, before!);
            if (isNew)
                await S.InsertRepAsync(rep, cancellationToken);
            else if (changed)
                await writer.UpdateAsync(rep, cancellationToken);
            S.IndexRep(rep);

            if (Map.Has("manager"))
            {
                if (Get(row, "manager") is { } manager)
                    _managers.Add((rep, manager, row.Line));
                else if (rep.ManagerId is not null)
                {
                    rep.ManagerId = null;
                    changed = true;
                    await writer.UpdateAsync(rep, cancellationToken);
                }
            }
            if (await QuotaAsync(row, rep, cancellationToken))
                changed = true;
            Count(duplicate, isNew, changed);
        }
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var writer = S.Writer<Rep>();
        foreach (var (rep, managerText, line) in _managers)
        {
            var manager = await S.RepAsync(managerText, RepRole.Manager, cancellationToken);
            if (manager.Id == rep.Id)
            {
                Result.Warn("a rep cannot manage themself; manager left empty", line);
                continue;
            }
            if (rep.ManagerId == manager.Id)
                continue;
            rep.ManagerId = manager.Id;
            await writer.UpdateAsync(rep, cancellationToken);
        }

        // A roster with no role column still says who manages: the people others report to.
        var managerIds = _managers.Count == 0 ? [] : (await S.Db.Reps.AsNoTracking().Where(r => r.ManagerId != null)
            .Select(r => r.ManagerId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        foreach (var rep in _roleNotGiven.Where(r => r.Role == RepRole.Rep && managerIds.Contains(r.Id)))
        {
            rep.Role = RepRole.Manager;
            await writer.UpdateAsync(rep, cancellationToken);
        }

        // Manager links may have changed anywhere in the tree: recompute every path.
        var reps = await S.Db.Reps.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var rep in OrgHierarchy.Recompute(reps))
            await writer.UpdateAsync(rep, cancellationToken);
        foreach (var team in S.TeamsByName.Values.Where(t => t.ManagerId is null))
        {
            // A team's manager is the manager most of its members report to.
            var managerId = reps.Where(r => r.TeamId == team.Id && r.ManagerId is not null)
                .GroupBy(r => r.ManagerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            if (managerId is null)
                continue;
            team.ManagerId = managerId;
            await S.Writer<Team>().UpdateAsync(team, cancellationToken);
        }
    }

    internal static RepRole ParseRole(string text)
    {
        var key = ColumnSynonyms.Normalize(text);
        if (key.Contains("admin"))
            return RepRole.Admin;
        if (key.Contains("accountmanager") || key.Contains("customersuccess") || key is "am" or "csm")
            return RepRole.AccountManager;
        if (key.Contains("manager") || key.Contains("director") || key.StartsWith("vp") || key.Contains("vicepresident")
            || key.Contains("head") || key.Contains("lead") || key.Contains("chief") || key.Contains("cro"))
            return RepRole.Manager;
        return RepRole.Rep;
    }

    // Quota columns: an amount plus a period given as start/end dates or as "2026", "FY2026", "Q3 2026", "2026-Q3".
    private async Task<bool> QuotaAsync(CsvRow row, Rep rep, CancellationToken cancellationToken)
    {
        if (Get(row, "quota") is not { } quotaText)
            return false;
        var (amount, symbolCurrency) = S.Money(quotaText, "quota", row.Line);
        if (amount is null)
            return false;
        DateOnly? start = S.Date(Get(row, "quota_start"), "quota start", row.Line);
        DateOnly? end = S.Date(Get(row, "quota_end"), "quota end", row.Line);
        if ((start is null || end is null) && Get(row, "quota_period") is { } period && ParsePeriod(period, S.FiscalYearStartMonth) is { } range)
            (start, end) = (range.Start, range.End);
        if (start is null || end is null || end < start)
        {
            Result.Warn("quota without a period (quota start/end, or a period such as 'Q3 2026'); quota not imported", row.Line);
            return false;
        }
        var currency = S.Currency(Get(row, "quota_currency"), symbolCurrency, row.Line);
        var existing = await S.Db.Quotas.AsNoTracking()
            .FirstOrDefaultAsync(q => q.RepId == rep.Id && q.PeriodStart == start && q.PeriodEnd == end, cancellationToken);
        if (existing is null)
        {
            await S.Writer<Quota>().InsertAsync(new Quota { RepId = rep.Id, PeriodStart = start.Value, PeriodEnd = end.Value, Amount = amount.Value, Currency = currency }, cancellationToken);
            return true;
        }
        if (existing.Amount == amount && existing.Currency == currency)
            return false;
        existing.Amount = amount.Value;
        existing.Currency = currency;
        await S.Writer<Quota>().UpdateAsync(existing, cancellationToken);
        return true;
    }

    /// <summary>
    /// Reads "2026", "FY2026", "Q3 2026" or "2026-Q3" as a fiscal period. A fiscal year that does not start in
    /// January is named after the calendar year it ends in (as Salesforce does by default): with a February
    /// start, FY2026 runs from 1 Feb 2025 to 31 Jan 2026.
    /// </summary>
    internal static (DateOnly Start, DateOnly End)? ParsePeriod(string text, int fiscalYearStartMonth)
    {
        var fiscal = new FiscalCalendar(fiscalYearStartMonth);
        var m = QuarterPattern().Match(text);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["y1"].Success ? m.Groups["y1"].Value : m.Groups["y2"].Value);
            var quarter = int.Parse(m.Groups["q1"].Success ? m.Groups["q1"].Value : m.Groups["q2"].Value);
            var period = fiscal.Quarter(year, quarter);
            return (period.From, period.To);
        }
        m = YearPattern().Match(text);
        if (m.Success)
        {
            var period = fiscal.Year(int.Parse(m.Groups["y"].Value));
            return (period.From, period.To);
        }
        return null;
    }

    [GeneratedRegex(@"^\s*(?:(?:FY)?(?<y1>\d{4})\s*[-/ ]?\s*Q(?<q1>[1-4])|Q(?<q2>[1-4])\s*[-/ ]?\s*(?:FY)?(?<y2>\d{4}))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\s*(?:FY\s*)?(?<y>\d{4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YearPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\(([A-Za-z_]+/[A-Za-z_+\-/]+)\)\s*$")]
    private static partial System.Text.RegularExpressions.Regex ZoneInLabel();
}
