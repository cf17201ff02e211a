using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AeBot.Crm.Sources;
using Microsoft.Extensions.Logging;

namespace AeBot.Crm.HubSpot;

/// <summary>
/// HubSpot CRM over its REST API (CRM v3 objects, search, owners and pipelines; v4 associations), with a private
/// app's access token. Full reads page the list endpoints (100 a page, associations inline); incremental reads use
/// the search endpoints by change stamp, windowed under search's 10,000-result cap, and fetch associations in v4
/// batches (search answers carry none).
/// </summary>
public sealed partial class HubSpotClient : ICrmSource, ICrmWriter
{
    // Limits from HubSpot's docs: list pages hold at most 100 (developers.hubspot.com/docs/api-reference/latest/crm/objects/…,
    // "limit"); search pages at most 200, and a search reaches at most 10,000 results (search-the-crm, "Limitations");
    // a v4 association batch read takes at most 1,000 ids (changelog "Batch read limit for HubSpot associations API").
    internal const int ListPageSize = 100;
    internal const int SearchPageSize = 200;
    internal const int SearchResultCap = 10_000;

    /// <summary>HubSpot's owners carry teams, not managers.</summary>
    public bool HasReportingLines => false;
    internal const int AssociationBatchSize = 1_000;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly HubSpotPacer _pacer;
    private readonly HubSpotOptions _options;
    private readonly ILogger<HubSpotClient> _logger;

    internal HubSpotClient(HttpClient http, TimeProvider time, HubSpotPacer pacer, HubSpotOptions options, ILogger<HubSpotClient> logger)
    {
        _http = http;
        _time = time;
        _pacer = pacer;
        _options = options;
        _logger = logger;
    }

    public string Provider => "HubSpot";

    public DateTimeOffset Now => _pacer.Now;

    public CrmUsage Usage => _pacer.Usage;

    // ---- Users and stages -------------------------------------------------------------------------------------------

    public async IAsyncEnumerable<CrmPage<CrmUser>> ReadUsersAsync(CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Owners have no change filter; the list is small, so it is read whole (active and archived) and windowed here.
        foreach (var archived in new[] { false, true })
        {
            string? after = null;
            do
            {
                var page = await GetAsync<HsCollection<HsOwner>>(
                    $"/crm/v3/owners?limit={ListPageSize}&archived={(archived ? "true" : "false")}{After(after)}", "read owners", cancellationToken);
                var users = new List<CrmUser>();
                var skipped = new List<CrmSkipped>();
                foreach (var owner in page.Results)
                {
                    var modified = owner.UpdatedAt ?? owner.CreatedAt ?? Now;
                    if (!window.Full && (modified < window.Since || modified > window.Until))
                        continue;
                    var name = string.Join(' ', new[] { owner.FirstName, owner.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))).Trim();
                    if (name.Length == 0)
                        name = owner.Email ?? "";
                    if (name.Length == 0)
                    {
                        skipped.Add(new(CrmObject.Users, owner.Id, "owner has neither a name nor an e-mail"));
                        continue;
                    }
                    var team = owner.Teams?.FirstOrDefault(t => t.Primary) ?? owner.Teams?.FirstOrDefault();
                    // HubSpot has no reporting line: ManagerId stays null (managers come from AeBot's own settings).
                    users.Add(new(owner.Id, name, owner.Email, ManagerId: null, team?.Name, Title: null, Active: !owner.Archived && !archived, modified));
                }
                if (users.Count > 0 || skipped.Count > 0)
                    yield return new(users, skipped);
                after = page.Paging?.Next?.After;
            }
            while (after is not null);
        }
    }

    public async Task<IReadOnlyList<CrmStage>> ReadStagesAsync(CancellationToken cancellationToken)
    {
        var pipelines = await GetAsync<HsCollection<HsPipeline>>("/crm/v3/pipelines/deals", "read deal pipelines", cancellationToken);
        var stages = new List<CrmStage>();
        var order = 0;
        foreach (var pipeline in pipelines.Results.OrderBy(p => p.DisplayOrder))
        {
            foreach (var stage in pipeline.Stages.Where(s => !s.Archived).OrderBy(s => s.DisplayOrder))
            {
                // metadata: {"isClosed":"true","probability":"1.0"}: strings (pipelines guide, "Deal stages").
                var probability = Meta(stage, "probability") is { } p && decimal.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null;
                var closed = string.Equals(Meta(stage, "isClosed"), "true", StringComparison.OrdinalIgnoreCase);
                stages.Add(new(stage.Id, stage.Label, pipeline.Id, pipeline.Label, probability, closed, closed && probability == 1m, ForecastCategory: null, order++));
            }
        }
        return stages;
    }

    private static string? Meta(HsStage stage, string key) =>
        stage.Metadata is not null && stage.Metadata.TryGetValue(key, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()
            : null;

    // ---- Objects ------------------------------------------------------------------------------------------------------

    public async IAsyncEnumerable<CrmPage<CrmProduct>> ReadProductsAsync(CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var portal = await PortalAsync(cancellationToken);
        await foreach (var page in ReadMappedAsync(HubSpotObjects.Products, window, o => HubSpotMapping.Product(o, portal), cancellationToken))
            yield return page;
    }

    public IAsyncEnumerable<CrmPage<CrmCompany>> ReadCompaniesAsync(CrmWindow window, CancellationToken cancellationToken) =>
        ReadMappedAsync(HubSpotObjects.Companies, window, HubSpotMapping.Company, cancellationToken);

    public IAsyncEnumerable<CrmPage<CrmContact>> ReadContactsAsync(CrmWindow window, CancellationToken cancellationToken) =>
        ReadMappedAsync(HubSpotObjects.Contacts, window, HubSpotMapping.Contact, cancellationToken);

    public async IAsyncEnumerable<CrmPage<CrmDeal>> ReadDealsAsync(CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Deals;
        var portal = await PortalAsync(cancellationToken);
        await foreach (var records in ReadObjectsAsync(spec, window, cancellationToken))
        {
            var (products, lineItems) = await FirstProductsAsync(records, cancellationToken);
            yield return Map(spec, records, o => HubSpotMapping.Deal(o, portal, products.GetValueOrDefault(o.Id), lineItems.GetValueOrDefault(o.Id) ?? []));
        }
    }

    public async IAsyncEnumerable<CrmPage<CrmActivity>> ReadActivitiesAsync(CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var portal = await PortalAsync(cancellationToken);
        foreach (var spec in HubSpotObjects.Engagements)
        {
            var kind = HubSpotObjects.Kind(spec);
            await foreach (var page in ReadMappedAsync(spec, window, o => HubSpotMapping.Activity(kind, o, portal), cancellationToken))
                yield return page;
        }
    }

    public async IAsyncEnumerable<CrmDeletion> ReadDeletionsAsync(CrmObject type, CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (type == CrmObject.Users)
        {
            string? afterOwner = null;
            do
            {
                var page = await GetAsync<HsCollection<HsOwner>>($"/crm/v3/owners?limit={ListPageSize}&archived=true{After(afterOwner)}", "read archived owners", cancellationToken);
                foreach (var owner in page.Results)
                {
                    if (owner.UpdatedAt is { } at && InWindow(at, window))
                        yield return new(CrmObject.Users, owner.Id, at);
                }
                afterOwner = page.Paging?.Next?.After;
            }
            while (afterOwner is not null);
            yield break;
        }
        var specs = SpecsOf(type); // stages have none: read whole each time, a stage gone from the pipelines is gone
        foreach (var spec in specs)
        {
            // Archived ("deleted") records: GET …?archived=true, each with archivedAt (CRM v3 objects guide,
            // "Retrieve records": archived). Merged-away records are not listed here: the survivor's
            // hs_merged_object_ids names them (CrmCompany/CrmContact/CrmDeal.MergedIds).
            string? after = null;
            do
            {
                var page = await GetAsync<HsCollection<HsObject>>(
                    $"/crm/v3/objects/{spec.Path}?limit={ListPageSize}&archived=true&properties={spec.ModifiedProperty}{After(after)}",
                    $"read deleted {spec.Path}", cancellationToken);
                foreach (var record in page.Results)
                {
                    if (record.ArchivedAt is { } at && InWindow(at, window))
                        yield return new(type, record.Id, at);
                }
                after = page.Paging?.Next?.After;
            }
            while (after is not null);
        }
    }

    private static bool InWindow(DateTimeOffset at, CrmWindow window) => (window.Since is null || at >= window.Since) && at <= window.Until;

    private async IAsyncEnumerable<CrmPage<T>> ReadMappedAsync<T>(
        HubSpotObjectSpec spec, CrmWindow window, Func<HsObject, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var records in ReadObjectsAsync(spec, window, cancellationToken))
            yield return Map(spec, records, map);
    }

    private CrmPage<T> Map<T>(HubSpotObjectSpec spec, List<HsObject> records, Func<HsObject, T> map)
    {
        var mapped = new List<T>(records.Count);
        var skipped = new List<CrmSkipped>();
        foreach (var record in records)
        {
            try
            {
                mapped.Add(map(record));
            }
            catch (HubSpotMalformedException e)
            {
                LogSkipped(_logger, spec.Path, record.Id, e.Message);
                skipped.Add(new(spec.Type, record.Id, e.Message));
            }
        }
        return new(mapped, skipped);
    }

    private IAsyncEnumerable<List<HsObject>> ReadObjectsAsync(HubSpotObjectSpec spec, CrmWindow window, CancellationToken cancellationToken) =>
        window.Full ? ListAsync(spec, cancellationToken) : SearchAsync(spec, window.Since!.Value, window.Until, cancellationToken);

    private async IAsyncEnumerable<List<HsObject>> ListAsync(HubSpotObjectSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var associations = spec.Associations.Count > 0 ? "&associations=" + string.Join(',', spec.Associations) : "";
        string? after = null;
        do
        {
            var page = await GetAsync<HsCollection<HsObject>>(
                $"/crm/v3/objects/{spec.Path}?limit={ListPageSize}&archived=false&properties={spec.PropertyList}{associations}{After(after)}",
                $"read {spec.Path}", cancellationToken);
            if (page.Results.Count > 0)
                yield return page.Results;
            after = page.Paging?.Next?.After;
        }
        while (after is not null);
    }

    /// <summary>
    /// Records changed in [since, until], ascending by change stamp, each once. A search reaches only its first 10,000
    /// results, so when a window holds more the search starts again from the last stamp read; records at that stamp
    /// already yielded are skipped. Should 10,000 records share one stamp (a bulk import), that stamp is read by id.
    /// </summary>
    private async IAsyncEnumerable<List<HsObject>> SearchAsync(
        HubSpotObjectSpec spec, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = since;
        var fromOperator = "GTE";
        DateTimeOffset? lastStamp = null;
        var atLastStamp = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            string? after = null;
            var restart = false;
            var queryFrom = from;
            do
            {
                var body = new SearchRequest(
                    [new([new(spec.ModifiedProperty, fromOperator, HubSpotJson.Millis(queryFrom)), new(spec.ModifiedProperty, "LTE", HubSpotJson.Millis(until))])],
                    [new(spec.ModifiedProperty, "ASCENDING")], spec.Properties, SearchPageSize, after);
                var page = await SearchPageAsync(spec, body, cancellationToken);
                var fresh = new List<HsObject>(page.Results.Count);
                foreach (var record in page.Results)
                {
                    var stamp = HubSpotMapping.Modified(spec, record);
                    if (stamp != lastStamp)
                    {
                        lastStamp = stamp;
                        atLastStamp.Clear();
                    }
                    if (atLastStamp.Add(record.Id))
                        fresh.Add(record);
                }
                if (fresh.Count > 0)
                    yield return await WithAssociationsAsync(spec, fresh, cancellationToken);
                after = page.Paging?.Next?.After;
                // Search's `after` is an offset into a result set that moves while we page: a record in the window
                // changed again meanwhile leaves it (its stamp passes `until`) and would shift the next page past a
                // record never read. So every next page is a new query from the last stamp read (records at that stamp
                // already yielded are skipped) — paging by key, which also keeps each query under the 10,000 cap.
                if (after is not null)
                {
                    restart = true;
                    break;
                }
            }
            while (after is not null);

            if (!restart)
                yield break;
            if (lastStamp == queryFrom && fromOperator == "GTE")
            {
                // 10,000 results without the stamp moving: page this one stamp by id, then go on after it.
                await foreach (var records in SearchOneStampAsync(spec, queryFrom, atLastStamp, cancellationToken))
                    yield return records;
                fromOperator = "GT";
                from = queryFrom;
                atLastStamp.Clear();
                continue;
            }
            from = lastStamp!.Value;
            fromOperator = "GTE";
        }
    }

    private async IAsyncEnumerable<List<HsObject>> SearchOneStampAsync(
        HubSpotObjectSpec spec, DateTimeOffset stamp, HashSet<string> seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = seen.Select(id => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Min() - 1;
        while (true)
        {
            var consumed = 0;
            string? after = null;
            var restart = false;
            var afterId = lastId.ToString(CultureInfo.InvariantCulture); // fixed for the query: `after` pages within it
            do
            {
                var body = new SearchRequest(
                    [new([new(spec.ModifiedProperty, "EQ", HubSpotJson.Millis(stamp)), new("hs_object_id", "GT", afterId)])],
                    [new("hs_object_id", "ASCENDING")], spec.Properties, SearchPageSize, after);
                var page = await SearchPageAsync(spec, body, cancellationToken);
                consumed += page.Results.Count;
                var fresh = new List<HsObject>();
                foreach (var record in page.Results)
                {
                    if (long.TryParse(record.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                        lastId = Math.Max(lastId, id);
                    if (seen.Add(record.Id))
                        fresh.Add(record);
                }
                if (fresh.Count > 0)
                    yield return await WithAssociationsAsync(spec, fresh, cancellationToken);
                after = page.Paging?.Next?.After;
                if (after is not null && consumed + SearchPageSize > SearchResultCap)
                {
                    restart = true;
                    break;
                }
            }
            while (after is not null);
            if (!restart)
                yield break;
        }
    }

    private Task<HsCollection<HsObject>> SearchPageAsync(HubSpotObjectSpec spec, SearchRequest body, CancellationToken cancellationToken) =>
        SendAsync<HsCollection<HsObject>>(HttpMethod.Post, $"/crm/v3/objects/{spec.Path}/search", body, read: true, $"search {spec.Path}", cancellationToken);

    /// <summary>Search answers carry no associations: read them with v4 batch reads (≤1,000 ids each).</summary>
    private async Task<List<HsObject>> WithAssociationsAsync(HubSpotObjectSpec spec, List<HsObject> records, CancellationToken cancellationToken)
    {
        if (spec.Associations.Count == 0)
            return records;
        var found = new Dictionary<string, Dictionary<string, HsAssociationList>>(StringComparer.Ordinal);
        foreach (var to in spec.Associations)
        {
            foreach (var (from, targets) in await ReadAssociationsAsync(spec.Path, to, records.Select(r => r.Id).ToList(), cancellationToken))
            {
                var lists = found.TryGetValue(from, out var l) ? l : found[from] = new(StringComparer.Ordinal);
                lists[to] = new(targets.Select(t => new HsAssociationRef(t, null)).ToList());
            }
        }
        return records.Select(r => found.TryGetValue(r.Id, out var a) ? r with { Associations = a } : r).ToList();
    }

    /// <summary>
    /// The ids associated with each of <paramref name="ids"/>, by v4 batch reads of at most 1,000 ids each
    /// (associations v4 reference: <c>POST /crm/v4/associations/{from}/{to}/batch/read</c>). Records with none are not
    /// in the answer. A record's associations come a page at a time: a result with <c>paging.next.after</c> has more,
    /// read by sending its id again with that <c>after</c> ("The 'after' field in a returned paging object can be added
    /// alongside the 'id' to retrieve the next page of associations from that objectId", batch read reference) — a deal
    /// with more line items than a page holds is read to its last.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> ReadAssociationsAsync(string from, string to, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pending = ids.Distinct().Select(id => (Id: id, After: (string?)null)).ToList();
        while (pending.Count > 0)
        {
            var more = new List<(string Id, string? After)>();
            foreach (var chunk in pending.Chunk(AssociationBatchSize))
            {
                var batch = await SendAsync<HsAssociationBatch>(
                    HttpMethod.Post, $"/crm/v4/associations/{from}/{to}/batch/read",
                    new { inputs = chunk.Select(i => new { id = i.Id, after = i.After }).ToArray() }, read: true, $"read {from}→{to} associations", cancellationToken);
                foreach (var result in batch.Results ?? [])
                {
                    var targets = found.TryGetValue(result.From.Id, out var t) ? t : found[result.From.Id] = [];
                    foreach (var target in result.To)
                    {
                        var id = target.ToObjectId.ValueKind == JsonValueKind.String ? target.ToObjectId.GetString()! : target.ToObjectId.ToString();
                        if (!targets.Contains(id))
                            targets.Add(id);
                    }
                    if (result.Paging?.Next?.After is { Length: > 0 } after)
                        more.Add((result.From.Id, after));
                }
            }
            pending = more;
        }
        return found;
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------------

    private static string After(string? after) => after is null ? "" : "&after=" + Uri.EscapeDataString(after);

    private Task<T> GetAsync<T>(string path, string what, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, read: true, what, cancellationToken);

    /// <summary>
    /// One request, paced; a read answered 429 waits out a short Retry-After (or the rest of the 10-second window) in
    /// place a few times so one burst does not abort a sync. Writes never repeat here: the caller decides.
    /// </summary>
    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, bool read, string what, CancellationToken cancellationToken)
    {
        // Reads stop once the day's allowance is nearly spent (the X-HubSpot-RateLimit-Daily headers of the last
        // answers): the rest is left to the team's other integrations and to reps' write-backs, which still go.
        if (read && Usage is { DailyMax: > 0 and var max, DailyUsed: { } used } && used >= max * _options.StopAtDailyShare)
        {
            throw new CrmLimitException(
                $"HubSpot's daily API allowance is {used * 100 / max} % used ({used:N0} of {max:N0}); AeBot stops reading at {_options.StopAtDailyShare:P0} and tries again in an hour.",
                Now.AddHours(1));
        }
        for (var attempt = 0; ; attempt++)
        {
            using var turn = await _pacer.WaitTurnAsync(search: path.EndsWith("/search", StringComparison.Ordinal), cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
                request.Content = JsonContent.Create(body, body.GetType(), options: HubSpotJson.Options);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new CrmException($"HubSpot could not be reached to {what}: {e.Message}", retryable: true, e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CrmException($"HubSpot did not answer in time to {what}.", retryable: true, e);
            }
            catch (Exception e) when (e.GetType().Name == "TimeoutRejectedException" || e.GetType().Name == "BrokenCircuitException")
            {
                throw new CrmException($"HubSpot did not answer in time to {what}.", retryable: true, e);
            }
            turn.Dispose(); // the answer is in: the request counts in the windows from now
            using (response)
            {
                if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
                    return default!; // a delete's answer
                if (response.IsSuccessStatusCode)
                    return (await response.Content.ReadFromJsonAsync<T>(HubSpotJson.Options, cancellationToken))!;
                var error = await HubSpotError.ReadAsync(response, _time, cancellationToken);
                // Without Retry-After: a per-second policy frees up within a second; otherwise the rest of the 10-second window.
                var fallback = string.Equals(error.PolicyName, "SECONDLY", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromSeconds(1)
                    : _pacer.RestOfBurstWindow() is var rest && rest > TimeSpan.Zero ? rest : TimeSpan.FromSeconds(10);
                if (error.Status == 429 && !error.IsDailyLimit && read && attempt < _options.MaxInPlaceRetries)
                {
                    var wait = error.RetryAfter ?? fallback;
                    if (wait <= TimeSpan.FromSeconds(_options.MaxInPlaceWaitSeconds))
                    {
                        LogThrottled(_logger, what, wait.TotalSeconds);
                        await Task.Delay(wait, _time, cancellationToken);
                        continue;
                    }
                }
                throw error.ToException(what, fallback);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {ObjectType} {Id} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string objectType, string id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "HubSpot throttled \"{What}\"; waiting {Seconds:0.#} s before trying again")]
    private static partial void LogThrottled(ILogger logger, string what, double seconds);
}

internal sealed record SearchFilter(string PropertyName, string Operator, string? Value);

internal sealed record SearchFilterGroup(IReadOnlyList<SearchFilter> Filters);

internal sealed record SearchSort(string PropertyName, string Direction);

internal sealed record SearchRequest(
    IReadOnlyList<SearchFilterGroup> FilterGroups, IReadOnlyList<SearchSort> Sorts, IReadOnlyList<string> Properties, int Limit, string? After);
