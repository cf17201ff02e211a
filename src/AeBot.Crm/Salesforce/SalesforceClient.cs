using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Crm.Sources;

namespace AeBot.Crm.Salesforce;

/// <summary>
/// Salesforce over its REST API (REST API Developer Guide): logs in with the OAuth 2.0 JWT bearer flow, reads by
/// SOQL query and queryMore, deletions by getDeleted, writes activities by upsert on an external id field.
/// One instance per process: it keeps the session and the usage counts.
/// </summary>
public sealed partial class SalesforceClient : ICrmSource, ICrmWriter
{
    internal const string HttpClientName = "Salesforce";

    private readonly HttpClient _http;
    private readonly SalesforceOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private Session? _session;
    private (DateTimeOffset ServerDate, DateTimeOffset ReceivedAt)? _lastDate;
    private DateTimeOffset? _readsStoppedUntil;

    public SalesforceClient(HttpClient http, SalesforceOptions options, TimeProvider? time = null)
    {
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public string Provider => "Salesforce";

    public CrmUsage Usage { get; } = new();

    public DateTimeOffset Now
    {
        get
        {
            var now = _time.GetUtcNow();
            return _lastDate is { } d ? d.ServerDate + (now - d.ReceivedAt) : now;
        }
    }

    private string DataPath => $"/services/data/v{_options.ApiVersion}";

    // ---- reads ----

    public IAsyncEnumerable<CrmPage<CrmUser>> ReadUsersAsync(CrmWindow window, CancellationToken cancellationToken) =>
        QueryAsync(SalesforceMapping.UsersQuery(window), CrmObject.Users, SalesforceMapping.User, cancellationToken);

    public async Task<IReadOnlyList<CrmStage>> ReadStagesAsync(CancellationToken cancellationToken)
    {
        var stages = new List<CrmStage>();
        await foreach (var page in QueryAsync(SalesforceMapping.StagesQuery, CrmObject.Stages, SalesforceMapping.Stage, cancellationToken))
            stages.AddRange(page.Records);
        return stages;
    }

    public IAsyncEnumerable<CrmPage<CrmProduct>> ReadProductsAsync(CrmWindow window, CancellationToken cancellationToken) =>
        QueryAsync(SalesforceMapping.ProductsQuery(window, _options.MultiCurrency), CrmObject.Products, SalesforceMapping.Product, cancellationToken);

    public IAsyncEnumerable<CrmPage<CrmCompany>> ReadCompaniesAsync(CrmWindow window, CancellationToken cancellationToken) =>
        QueryAsync(SalesforceMapping.CompaniesQuery(window), CrmObject.Companies, SalesforceMapping.Company, cancellationToken);

    public IAsyncEnumerable<CrmPage<CrmContact>> ReadContactsAsync(CrmWindow window, CancellationToken cancellationToken) =>
        QueryAsync(SalesforceMapping.ContactsQuery(window), CrmObject.Contacts, SalesforceMapping.Contact, cancellationToken);

    public IAsyncEnumerable<CrmPage<CrmDeal>> ReadDealsAsync(CrmWindow window, CancellationToken cancellationToken) =>
        QueryAsync(SalesforceMapping.DealsQuery(window, _options), CrmObject.Deals, r => SalesforceMapping.Deal(r, _options), cancellationToken);

    public async IAsyncEnumerable<CrmPage<CrmActivity>> ReadActivitiesAsync(CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryAsync(SalesforceMapping.TasksQuery(window), CrmObject.Activities, SalesforceMapping.Task, cancellationToken))
            yield return page;
        await foreach (var page in QueryAsync(SalesforceMapping.EventsQuery(window), CrmObject.Activities, SalesforceMapping.Event, cancellationToken))
            yield return page;
    }

    /// <summary>
    /// Opportunity line items changed in the window (SOQL on SystemModstamp) and deleted in it (getDeleted on
    /// OpportunityLineItem, which supports it: Object Reference, "OpportunityLineItem", supported calls). That adding or
    /// deleting a line item moves its opportunity's SystemModstamp is not documented, so it is asked, not assumed.
    /// </summary>
    public async Task<CrmLineItemChanges> ReadLineItemChangesAsync(CrmWindow window, CancellationToken cancellationToken)
    {
        var deals = new HashSet<string>(StringComparer.Ordinal);
        if (window.Since is null)
            return new(deals, []);
        await foreach (var page in QueryAsync(SalesforceMapping.LineItemsQuery(window), CrmObject.Deals, r => r.Text("OpportunityId"), cancellationToken))
            deals.UnionWith(page.Records.OfType<string>());
        var deleted = new List<string>();
        await foreach (var d in DeletedAsync("OpportunityLineItem", CrmObject.Deals, window, cancellationToken))
            deleted.Add(d.Id);
        return new(deals, deleted);
    }

    /// <summary>Opportunities by id: <c>WHERE Id IN (…)</c>, 50 ids a query so its URI stays near the 2,000 characters advised.</summary>
    public async IAsyncEnumerable<CrmPage<CrmDeal>> ReadDealsByIdAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Where(SalesforceIds.IsId).Distinct(StringComparer.Ordinal).Chunk(50))
        {
            await foreach (var page in QueryAsync(SalesforceMapping.DealsByIdQuery(chunk, _options), CrmObject.Deals, r => SalesforceMapping.Deal(r, _options), cancellationToken))
                yield return page;
        }
    }

    /// <summary>
    /// getDeleted ("sObject Get Deleted"): ids deleted in [start, end], merged-away records included (a merge deletes
    /// the losers). Salesforce ignores the seconds of both ends and refuses a start too far back
    /// (INVALID_REPLICATION_DATE → CrmRejectedException: the caller needs a full read instead).
    /// </summary>
    public async IAsyncEnumerable<CrmDeletion> ReadDeletionsAsync(CrmObject type, CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (window.Since is null)
            yield break;
        foreach (var sobject in SalesforceMapping.DeletableObjects(type))
        {
            await foreach (var d in DeletedAsync(sobject, type, window, cancellationToken))
                yield return d;
        }
    }

    private async IAsyncEnumerable<CrmDeletion> DeletedAsync(string sobject, CrmObject type, CrmWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var since = window.Since!.Value;
        var path = $"{DataPath}/sobjects/{sobject}/deleted/?start={Uri.EscapeDataString(Iso(since))}&end={Uri.EscapeDataString(Iso(window.Until))}";
        List<CrmDeletion> deletions = [];
        using (var response = await SendAsync(HttpMethod.Get, path, null, read: true, cancellationToken))
        {
            using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            if (doc.RootElement.TryGetProperty("deletedRecords", out var records) && records.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in records.EnumerateArray())
                {
                    var record = new SalesforceRecord(r);
                    // Lower case here, unlike everywhere else in the API.
                    if (record.Text("id") is { Length: 15 or 18 } id && record.Text("deletedDate") is { } s && SalesforceRecord.ParseDateTime(s) is { } at)
                        deletions.Add(new CrmDeletion(type, id, at));
                }
            }
        }
        foreach (var d in deletions)
            yield return d;
    }

    // ---- writes ----

    /// <summary>
    /// Creates the activity as a Task (call, e-mail, note, task) or an Event (meeting), unless one with this key
    /// exists already. The create itself is an upsert on <see cref="SalesforceOptions.ActivityKeyField"/> ("Insert
    /// or Update (Upsert) a Record Using an External ID"), so even two racing attempts make one record.
    /// </summary>
    public async Task<string> CreateActivityAsync(CrmActivityWrite write, CancellationToken cancellationToken)
    {
        if (await FindActivityAsync(write, cancellationToken) is { } existing)
            return existing;
        var (sobject, body) = ActivityBody(write);
        var path = $"{DataPath}/sobjects/{sobject}/{_options.ActivityKeyField}/{Uri.EscapeDataString(write.Key)}";
        try
        {
            using var response = await SendAsync(HttpMethod.Patch, path, body, read: false, cancellationToken);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return new SalesforceRecord(doc.RootElement).Text("id") ?? throw new CrmException("Salesforce's upsert answer names no id.", retryable: false);
        }
        catch (CrmRejectedException)
        {
            // Another attempt may have created it between our look-up and the upsert, the upsert's update then refused
            // (TaskSubtype can be set on create only): if the record exists, that is all we wanted.
            if (await FindActivityAsync(write, cancellationToken) is { } raced)
                return raced;
            throw;
        }
    }

    public async Task<string?> FindActivityAsync(CrmActivityWrite write, CancellationToken cancellationToken)
    {
        var sobject = write.Kind == CrmActivityKind.Meeting ? "Event" : "Task";
        var soql = $"SELECT Id FROM {sobject} WHERE {_options.ActivityKeyField} = {SalesforceSoql.String(write.Key)} LIMIT 1";
        await foreach (var page in QueryAsync(soql, CrmObject.Activities, r => r.Id, cancellationToken, read: false))
        {
            if (page.Records.Count > 0)
                return page.Records[0];
        }
        return null;
    }

    public async Task<IReadOnlyDictionary<CrmDealField, string?>> ReadDealFieldsAsync(string dealId, CancellationToken cancellationToken)
    {
        var fields = DealFields();
        var path = $"{DataPath}/sobjects/Opportunity/{Uri.EscapeDataString(dealId)}?fields={string.Join(',', fields.Values)}";
        using var response = await SendAsync(HttpMethod.Get, path, null, read: false, cancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var record = new SalesforceRecord(doc.RootElement);
        var values = new Dictionary<CrmDealField, string?>();
        foreach (var (field, name) in fields)
        {
            values[field] = field switch
            {
                CrmDealField.Amount => record.Decimal(name)?.ToString(CultureInfo.InvariantCulture),
                CrmDealField.CloseDate => record.Date(name)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => record.Text(name),
            };
        }
        return values;
    }

    /// <summary>
    /// PATCH on the opportunity with exactly these fields ("Update a Record"). A loss reason is left out when no
    /// <see cref="SalesforceOptions.LossReasonField"/> is configured, so a stage change to Closed Lost still goes through.
    /// </summary>
    public async Task UpdateDealAsync(string dealId, IReadOnlyDictionary<CrmDealField, string?> values, CancellationToken cancellationToken)
    {
        var fields = DealFields();
        var body = new JsonObject();
        foreach (var (field, value) in values)
        {
            if (!fields.TryGetValue(field, out var name))
                continue;
            body[name] = field switch
            {
                CrmDealField.Amount when value is not null => JsonValue.Create(decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture)),
                _ => value is null ? null : JsonValue.Create(value),
            };
        }
        if (body.Count == 0)
            return;
        using var _ = await SendAsync(HttpMethod.Patch, $"{DataPath}/sobjects/Opportunity/{Uri.EscapeDataString(dealId)}", body, read: false, cancellationToken);
    }

    /// <summary>
    /// "Update a Record": PATCH sobjects/Task|Event/{id} with the subject and description; a task's Status
    /// ('Completed' or 'Not Started') and ActivityDate (its due date). TaskSubtype is set on create only and is not sent.
    /// </summary>
    public async Task UpdateActivityAsync(string activityId, CrmActivityUpdate update, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["Subject"] = Truncate(update.Subject, 255),
            ["Description"] = update.Body,
        };
        if (update.Kind == CrmActivityKind.Task)
        {
            if (update.Completed is { } done)
                body["Status"] = done ? "Completed" : "Not Started";
            if (update.DueDate is { } due)
                body["ActivityDate"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        using var _ = await SendAsync(HttpMethod.Patch, $"{DataPath}/sobjects/{ActivityObject(update.Kind)}/{Uri.EscapeDataString(activityId)}", body, read: false, cancellationToken);
    }

    /// <summary>
    /// "Delete a Record": DELETE sobjects/Task|Event/{id}, 204. One already deleted (404 ENTITY_IS_DELETED) or never there
    /// (404 NOT_FOUND) is what was wanted.
    /// </summary>
    public async Task DeleteActivityAsync(CrmActivityKind kind, string activityId, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Delete, $"{DataPath}/sobjects/{ActivityObject(kind)}/{Uri.EscapeDataString(activityId)}", null, read: false, cancellationToken);
        }
        catch (CrmRejectedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>
    /// "Update a Record": PATCH sobjects/Task|Event/{id} with WhatId — the opportunity, else the account, as on create —
    /// and WhoId when the interaction names a contact (a Task or Event has one WhoId unless Shared Activities is on; one
    /// already set is left when it names none). WhatId null clears it ("Update a Record": a field set to null is
    /// cleared). One deleted since (404) is left alone.
    /// </summary>
    public async Task<bool> SetActivityLinksAsync(CrmActivityKind kind, string activityId, CrmActivityLinks links, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["WhatId"] = links.DealId ?? links.CompanyId };
        if (links.ContactIds.Count > 0)
            body["WhoId"] = links.ContactIds[0];
        try
        {
            using var _ = await SendAsync(HttpMethod.Patch, $"{DataPath}/sobjects/{ActivityObject(kind)}/{Uri.EscapeDataString(activityId)}", body, read: false, cancellationToken);
            return true;
        }
        catch (CrmRejectedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static string ActivityObject(CrmActivityKind kind) => kind == CrmActivityKind.Meeting ? "Event" : "Task";

    /// <summary>
    /// The longest query URI AeBot sends. Salesforce takes at most 16,384 bytes of URI and headers together (431/414
    /// beyond) and advises keeping the URI to about 2,000 characters, since a query is expanded on the server
    /// (Knowledge article 000386264, "Maximum number of rows returned by SOQL queries over the REST API"); a SOQL
    /// statement itself may be 100,000 characters ("SOQL and SOSL Limits for Search Queries"), so the URI is the bound.
    /// </summary>
    internal const int MaxQueryUriLength = 2_000;

    /// <summary>
    /// Which of these records Salesforce no longer has: <c>SELECT Id FROM {Object} WHERE IsDeleted = false AND Id IN
    /// ('…','…')</c> by queryAll ("QueryAll": unlike query it also returns archived tasks and events, which a full read by
    /// query leaves out — and the recycle bin's, which IsDeleted = false leaves out again), batched so that each query's
    /// URI stays under <see cref="MaxQueryUriLength"/>; the ids it does not return are gone. Activities are asked of
    /// Task and Event in turn (an id's key prefix says which, but asking both costs one query and needs no table).
    /// Owners are never confirmed gone: a person is deactivated, never deleted, and the read lists inactive users too.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> ConfirmGoneAsync(CrmObject type, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var objects = type switch
        {
            CrmObject.Products => new[] { "Product2" },
            CrmObject.Companies => ["Account"],
            CrmObject.Contacts => ["Contact"],
            CrmObject.Deals => ["Opportunity"],
            CrmObject.Activities => ["Task", "Event"],
            _ => [],
        };
        if (objects.Length == 0)
            return [];
        // Anything that is not a Salesforce id cannot be in Salesforce: never sent (a malformed id fails the whole query).
        var gone = new HashSet<string>(ids, StringComparer.Ordinal);
        var asked = ids.Where(SalesforceIds.IsId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var sobject in objects)
        {
            foreach (var batch in Batches(sobject, asked.Where(gone.Contains).ToList()))
            {
                await foreach (var page in QueryAsync(ConfirmQuery(sobject, batch), type, r => r.Id, cancellationToken, read: true, all: true))
                {
                    foreach (var id in page.Records)
                    {
                        gone.Remove(id);
                        // A 15-character id asked about comes back as its 18-character form.
                        if (id.Length == 18)
                            gone.Remove(id[..15]);
                    }
                }
            }
        }
        return gone;
    }

    internal static string ConfirmQuery(string sobject, IEnumerable<string> ids) =>
        $"SELECT Id FROM {sobject} WHERE IsDeleted = false AND Id IN ({string.Join(",", ids.Select(SalesforceSoql.String))})";

    private IEnumerable<List<string>> Batches(string sobject, List<string> ids)
    {
        var prefix = $"{DataPath}/queryAll?q=".Length + Uri.EscapeDataString(ConfirmQuery(sobject, [])).Length;
        var batch = new List<string>();
        var length = prefix;
        foreach (var id in ids)
        {
            var added = Uri.EscapeDataString((batch.Count == 0 ? "" : ",") + SalesforceSoql.String(id)).Length;
            if (batch.Count > 0 && length + added > MaxQueryUriLength)
            {
                yield return batch;
                batch = [];
                length = prefix;
                added = Uri.EscapeDataString(SalesforceSoql.String(id)).Length;
            }
            batch.Add(id);
            length += added;
        }
        if (batch.Count > 0)
            yield return batch;
    }

    private Dictionary<CrmDealField, string> DealFields()
    {
        var fields = new Dictionary<CrmDealField, string>
        {
            [CrmDealField.Stage] = "StageName",
            [CrmDealField.CloseDate] = "CloseDate",
            [CrmDealField.Amount] = "Amount",
            [CrmDealField.NextStep] = "NextStep",
            [CrmDealField.Owner] = "OwnerId",
        };
        if (!string.IsNullOrWhiteSpace(_options.LossReasonField))
            fields[CrmDealField.LossReason] = _options.LossReasonField;
        return fields;
    }

    /// <summary>
    /// The record for an activity. What: the deal, else the account; who: the first contact (a Task or Event has one
    /// WhoId unless Shared Activities is on). A meeting lasts 30 minutes: Event needs a duration or an end.
    /// </summary>
    private static (string SObject, JsonObject Body) ActivityBody(CrmActivityWrite write)
    {
        var body = new JsonObject
        {
            ["Subject"] = Truncate(write.Subject, 255),
            ["Description"] = write.Body,
        };
        if (write.OwnerId is not null)
            body["OwnerId"] = write.OwnerId;
        if ((write.DealId ?? write.CompanyId) is { } what)
            body["WhatId"] = what;
        if (write.ContactIds.Count > 0)
            body["WhoId"] = write.ContactIds[0];
        var day = DateOnly.FromDateTime(write.OccurredAt.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (write.Kind)
        {
            case CrmActivityKind.Meeting:
                body["StartDateTime"] = Iso(write.OccurredAt);
                body["DurationInMinutes"] = 30;
                return ("Event", body);
            case CrmActivityKind.Task:
                body["TaskSubtype"] = "Task";
                body["Status"] = "Not Started";
                body["ActivityDate"] = write.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? day;
                return ("Task", body);
            default:
                body["TaskSubtype"] = write.Kind switch { CrmActivityKind.Call => "Call", CrmActivityKind.Email => "Email", _ => "Task" };
                body["Status"] = "Completed";
                body["ActivityDate"] = day;
                return ("Task", body);
        }
    }

    // ---- plumbing ----

    private async IAsyncEnumerable<CrmPage<T>> QueryAsync<T>(
        string soql, CrmObject type, Func<SalesforceRecord, T> map, [EnumeratorCancellation] CancellationToken cancellationToken, bool read = true, bool all = false)
    {
        // Query (or QueryAll), then Query More Results with nextRecordsUrl until done ("Query", "Query More Results").
        string? next = $"{DataPath}/{(all ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql)}";
        while (next is not null)
        {
            CrmPage<T> page;
            using (var response = await SendAsync(HttpMethod.Get, next, null, read, cancellationToken))
            {
                using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
                var root = doc.RootElement;
                var records = new List<T>();
                var skipped = new List<CrmSkipped>();
                if (root.TryGetProperty("records", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in array.EnumerateArray())
                    {
                        var record = new SalesforceRecord(element);
                        try
                        {
                            records.Add(map(record));
                        }
                        catch (FormatException e)
                        {
                            skipped.Add(new CrmSkipped(type, record.IdOrNull, e.Message));
                        }
                    }
                }
                next = root.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.False
                    && root.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String
                    ? url.GetString()
                    : null;
                page = new CrmPage<T>(records, skipped);
            }
            yield return page;
        }
    }

    /// <summary>
    /// One REST call with the session: a 401 INVALID_SESSION_ID (expired or revoked session) logs in again once and
    /// repeats the call (the refused call did nothing, so repeating a write is safe). Errors become CrmExceptions.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, bool read, CancellationToken cancellationToken)
    {
        if (read && _readsStoppedUntil is { } until && _time.GetUtcNow() < until)
            throw new CrmLimitException(
                $"Salesforce API usage is at {Usage.DailyUsed} of {Usage.DailyMax} daily requests; AeBot stops reading at {_options.StopAtApiUsageShare:P0} to leave the rest to the org's other integrations.",
                until);
        var session = await GetSessionAsync(stale: null, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(session.InstanceUrl, pathAndQuery));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            var response = await SendCountedAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
                return response;
            using (response)
            {
                var (code, message) = await ReadErrorAsync(response, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    session = await GetSessionAsync(stale: session, cancellationToken);
                    continue;
                }
                throw Error(response, code, message);
            }
        }
    }

    private async Task<HttpResponseMessage> SendCountedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Usage.Count();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CrmException($"Salesforce could not be reached: {e.Message}", retryable: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CrmException("Salesforce did not answer in time.", retryable: true, e);
        }
        catch (Polly.ExecutionRejectedException e)
        {
            throw new CrmException($"Salesforce calls are paused after repeated failures: {e.Message}", retryable: true, e);
        }
        Observe(response);
        return response;
    }

    /// <summary>The Date header (the CRM's clock) and Sforce-Limit-Info: api-usage=used/max ("Limit Info Header").</summary>
    private void Observe(HttpResponseMessage response)
    {
        var now = _time.GetUtcNow();
        if (response.Headers.Date is { } date)
            _lastDate = (date, now);
        if (response.Headers.TryGetValues("Sforce-Limit-Info", out var values)
            && ApiUsage().Match(string.Join(';', values)) is { Success: true } m
            && long.TryParse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var used)
            && long.TryParse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture, out var max))
        {
            Usage.DailyUsed = used;
            Usage.DailyMax = max;
            // The allowance is a rolling 24 hours: look again in an hour rather than never.
            _readsStoppedUntil = max > 0 && used >= _options.StopAtApiUsageShare * max ? now.AddHours(1) : null;
        }
    }

    private CrmException Error(HttpResponseMessage response, string? code, string message)
    {
        var status = (int)response.StatusCode;
        var text = code is null ? $"Salesforce answered {status}: {message}" : $"Salesforce answered {status} {code}: {message}";
        return status switch
        {
            403 when code == "REQUEST_LIMIT_EXCEEDED" => new CrmLimitException(text, _time.GetUtcNow().AddHours(1)),
            401 or 403 => new CrmAuthException(text),
            >= 500 => new CrmException(text, retryable: true),
            _ => new CrmRejectedException(text, status),
        };
    }

    /// <summary>REST errors are an array of {message, errorCode} ("Status Codes and Error Responses"); OAuth's are {error, error_description}.</summary>
    private static async Task<(string? Code, string Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var errors = root.EnumerateArray().Select(e => new SalesforceRecord(e)).ToList();
                return (errors.Select(e => e.Text("errorCode")).FirstOrDefault(),
                        string.Join(" ", errors.Select(e => e.Text("message")?.Trim()).Where(m => !string.IsNullOrEmpty(m))));
            }
            if (root.ValueKind == JsonValueKind.Object)
            {
                var r = new SalesforceRecord(root);
                return (r.Text("error") ?? r.Text("errorCode"), r.Text("error_description") ?? r.Text("message") ?? text);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
        }
        return (null, text.Length > 300 ? text[..300] : text);
    }

    // ---- login ----

    private sealed record Session(string AccessToken, Uri InstanceUrl);

    private async Task<Session> GetSessionAsync(Session? stale, CancellationToken cancellationToken)
    {
        var current = _session;
        if (current is not null && current != stale)
            return current;
        await _loginLock.WaitAsync(cancellationToken);
        try
        {
            if (_session is not null && _session != stale)
                return _session;
            return _session = await LoginAsync(cancellationToken);
        }
        finally
        {
            _loginLock.Release();
        }
    }

    /// <summary>
    /// The JWT bearer token request: POST form grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&amp;assertion=…
    /// to {LoginUrl}/services/oauth2/token; the answer's access_token and instance_url are used (the org's own
    /// instance, whatever InstanceUrl says). A refusal is {"error":"invalid_grant","error_description":…}.
    /// </summary>
    private async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var loginUrl = _options.LoginUrl.TrimEnd('/');
        string assertion;
        using (var key = SalesforceJwt.LoadPrivateKey(_options.PrivateKeyPath))
        {
            assertion = SalesforceJwt.CreateAssertion(
                key, _options.ClientId ?? "", _options.Username ?? "",
                string.IsNullOrWhiteSpace(_options.Audience) ? loginUrl : _options.Audience.TrimEnd('/'), _time.GetUtcNow());
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, loginUrl + "/services/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
                ["assertion"] = assertion,
            }),
        };
        using var response = await SendCountedAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = await ReadErrorAsync(response, cancellationToken);
            if ((int)response.StatusCode >= 500)
                throw new CrmException($"Salesforce's login answered {(int)response.StatusCode}: {message}", retryable: true);
            throw new CrmAuthException($"Salesforce refused the JWT bearer login for {_options.Username} ({code}): {message}");
        }
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var answer = new SalesforceRecord(doc.RootElement);
        var token = answer.Text("access_token");
        var instance = answer.Text("instance_url") ?? _options.InstanceUrl;
        if (string.IsNullOrEmpty(token) || !Uri.TryCreate(instance, UriKind.Absolute, out var instanceUrl))
            throw new CrmAuthException("Salesforce's token answer has no access_token or instance_url.");
        return new Session(token, instanceUrl);
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..length];

    [GeneratedRegex(@"api-usage=(\d+)/(\d+)")]
    private static partial Regex ApiUsage();
}
