using System.Globalization;
using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

public sealed partial class HubSpotClient
{
    private static readonly Dictionary<CrmDealField, string> DealProperties = new()
    {
        [CrmDealField.Stage] = "dealstage",
        [CrmDealField.CloseDate] = "closedate",
        [CrmDealField.Amount] = "amount",
        [CrmDealField.NextStep] = "hs_next_step",
        [CrmDealField.LossReason] = "closed_lost_reason",
        [CrmDealField.Owner] = "hubspot_owner_id",
    };

    /// <summary>
    /// The idempotency marker AeBot appends to the activity's body: "[aebot-…]". HubSpot has no idempotency key on
    /// creates, and a custom property would need the schema scope and a property created in every account, so the
    /// key travels where a person can see it and the search can find it (see <see cref="FindActivityAsync"/>).
    /// </summary>
    internal static string Marker(string key) => $"[{key}]";

    public async Task<string> CreateActivityAsync(CrmActivityWrite write, CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Engagement(write.Kind);
        var (toContact, toCompany, toDeal) = HubSpotObjects.AssociationTypeIds(write.Kind);
        var associations = new List<object>();
        foreach (var contact in write.ContactIds.Distinct())
            associations.Add(Association(contact, toContact));
        if (write.CompanyId is { } company)
            associations.Add(Association(company, toCompany));
        if (write.DealId is { } deal)
            associations.Add(Association(deal, toDeal));
        var portal = await PortalAsync(cancellationToken);
        // One POST, never repeated in place (a create whose answer was lost may have happened): the caller looks
        // before writing again.
        var created = await SendAsync<HsObject>(HttpMethod.Post, $"/crm/v3/objects/{spec.Path}",
            new { properties = ActivityProperties(write, portal), associations }, read: false, $"create a {write.Kind.ToString().ToLowerInvariant()}", cancellationToken);
        return created.Id;
    }

    private static object Association(string id, int typeId) =>
        new { to = new { id }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = typeId } } };

    /// <summary>
    /// hs_timestamp is required on every engagement (calls, meetings, notes, tasks guides: "Properties"); a task's is its
    /// due date, written as the start of that day in the account's zone so HubSpot shows, and AeBot reads back, that day —
    /// or, for a task due at a moment (a reminder: "Friday 9am"), that moment (tasks guide: hs_timestamp is the task's
    /// due date, a datetime).
    /// </summary>
    internal static string Timestamp(CrmActivityWrite write, HubSpotPortal portal) =>
        HubSpotJson.Millis(write.Kind != CrmActivityKind.Task ? write.OccurredAt
            : write.DueAt is { } at ? at
            : write.DueDate is { } due ? portal.StartOf(due)
            : write.OccurredAt);

    private static Dictionary<string, string> ActivityProperties(CrmActivityWrite write, HubSpotPortal portal)
    {
        var body = string.IsNullOrWhiteSpace(write.Body) ? Marker(write.Key) : $"{write.Body}\n\n{Marker(write.Key)}";
        var p = new Dictionary<string, string> { ["hs_timestamp"] = Timestamp(write, portal), [HubSpotObjects.BodyProperty(write.Kind)] = body };
        if (write.OwnerId is { } owner)
            p["hubspot_owner_id"] = owner;
        switch (write.Kind)
        {
            case CrmActivityKind.Call:
                p["hs_call_title"] = write.Subject;
                break;
            case CrmActivityKind.Meeting:
                p["hs_meeting_title"] = write.Subject;
                p["hs_meeting_start_time"] = HubSpotJson.Millis(write.OccurredAt);
                break;
            case CrmActivityKind.Task:
                p["hs_task_subject"] = write.Subject;
                p["hs_task_status"] = "NOT_STARTED";
                break;
            case CrmActivityKind.Email:
                // A rep's own e-mail logged after sending it (emails guide, "Properties": EMAIL is one sent from or
                // logged to the CRM; SENT its send status).
                p["hs_email_subject"] = write.Subject;
                p["hs_email_direction"] = "EMAIL";
                p["hs_email_status"] = "SENT";
                break;
        }
        return p;
    }

    /// <summary>
    /// PATCH /crm/v3/objects/{calls|meetings|notes|emails|tasks}/{id} with the properties the update sets (CRM objects
    /// guide, "Update records"); a task's hs_task_status COMPLETED or NOT_STARTED and hs_timestamp its due date (tasks
    /// guide, "Properties").
    /// </summary>
    public async Task UpdateActivityAsync(string activityId, CrmActivityUpdate update, CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Engagement(update.Kind);
        var body = string.IsNullOrWhiteSpace(update.Body) ? Marker(update.Key) : $"{update.Body}\n\n{Marker(update.Key)}";
        var p = new Dictionary<string, string> { [HubSpotObjects.BodyProperty(update.Kind)] = body };
        switch (update.Kind)
        {
            case CrmActivityKind.Call:
                p["hs_call_title"] = update.Subject;
                break;
            case CrmActivityKind.Meeting:
                p["hs_meeting_title"] = update.Subject;
                break;
            case CrmActivityKind.Email:
                p["hs_email_subject"] = update.Subject;
                break;
            case CrmActivityKind.Task:
                p["hs_task_subject"] = update.Subject;
                if (update.Completed is { } done)
                    p["hs_task_status"] = done ? "COMPLETED" : "NOT_STARTED";
                if (update.DueAt is { } at)
                    p["hs_timestamp"] = HubSpotJson.Millis(at);
                else if (update.DueDate is { } due)
                    p["hs_timestamp"] = HubSpotJson.Millis((await PortalAsync(cancellationToken)).StartOf(due));
                break;
        }
        await SendAsync<HsObject>(HttpMethod.Patch, $"/crm/v3/objects/{spec.Path}/{Uri.EscapeDataString(activityId)}", new { properties = p }, read: false,
            $"update {spec.Path} {activityId}", cancellationToken);
    }

    /// <summary>
    /// DELETE /crm/v3/objects/{type}/{id}: to the recycle bin, 204 (CRM objects guide, "Delete records"). One HubSpot no
    /// longer has (404) is what was wanted.
    /// </summary>
    public async Task DeleteActivityAsync(CrmActivityKind kind, string activityId, CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Engagement(kind);
        try
        {
            await SendAsync<HsObject?>(HttpMethod.Delete, $"/crm/v3/objects/{spec.Path}/{Uri.EscapeDataString(activityId)}", null, read: false,
                $"delete {spec.Path} {activityId}", cancellationToken);
        }
        catch (CrmRejectedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>
    /// Looks for an activity an earlier attempt of this write created: a search of the same engagement type on the
    /// exact hs_timestamp (and owner) the write sets, then the "[key]" marker in the body. Search is used rather than
    /// the associations of the deal or contact because a write need not have either. HubSpot's search index trails
    /// writes by "a few moments" (search-the-crm, "Limitations"), so a retry right after a lost answer can miss it;
    /// AeBot's write retries come after a back-off of minutes.
    /// </summary>
    public async Task<string?> FindActivityAsync(CrmActivityWrite write, CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Engagement(write.Kind);
        var bodyProperty = HubSpotObjects.BodyProperty(write.Kind);
        var filters = new List<SearchFilter> { new("hs_timestamp", "EQ", Timestamp(write, await PortalAsync(cancellationToken))) };
        if (write.OwnerId is { } owner)
            filters.Add(new("hubspot_owner_id", "EQ", owner));
        var marker = Marker(write.Key);
        string? after = null;
        do
        {
            var page = await SearchPageAsync(spec, new SearchRequest([new(filters)], [], [bodyProperty, "hs_timestamp"], SearchPageSize, after), cancellationToken);
            if (page.Results.FirstOrDefault(r => r.Get(bodyProperty)?.Contains(marker, StringComparison.Ordinal) == true) is { } found)
                return found.Id;
            after = page.Paging?.Next?.After;
        }
        while (after is not null);
        return null;
    }

    public async Task<IReadOnlyDictionary<CrmDealField, string?>> ReadDealFieldsAsync(string dealId, CancellationToken cancellationToken)
    {
        var deal = await GetAsync<HsObject>(
            $"/crm/v3/objects/deals/{Uri.EscapeDataString(dealId)}?properties={string.Join(',', DealProperties.Values)}", $"read deal {dealId}", cancellationToken);
        var portal = await PortalAsync(cancellationToken);
        var values = new Dictionary<CrmDealField, string?>();
        foreach (var (field, property) in DealProperties)
        {
            var value = deal.Get(property);
            values[field] = field switch
            {
                CrmDealField.CloseDate when value is not null => HubSpotJson.TryParseInstant(value, out var at)
                    ? portal.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : value,
                CrmDealField.Amount when value is not null => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
                    ? d.ToString(CultureInfo.InvariantCulture)
                    : value,
                _ => value,
            };
        }
        return values;
    }

    public async Task UpdateDealAsync(string dealId, IReadOnlyDictionary<CrmDealField, string?> values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
            return;
        var portal = values.ContainsKey(CrmDealField.CloseDate) ? await PortalAsync(cancellationToken) : null;
        var properties = new Dictionary<string, string>();
        foreach (var (field, value) in values)
        {
            // An empty string clears a HubSpot property. closedate is a datetime shown in the account's zone: the day
            // goes as the instant it starts there, in epoch milliseconds (a UTC midnight shows as the day before
            // anywhere west of UTC).
            properties[DealProperties[field]] = field == CrmDealField.CloseDate && !string.IsNullOrEmpty(value)
                ? HubSpotJson.Millis(portal!.StartOf(DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)))
                : value ?? "";
        }
        await SendAsync<HsObject>(HttpMethod.Patch, $"/crm/v3/objects/deals/{Uri.EscapeDataString(dealId)}", new { properties }, read: false,
            $"update deal {dealId}", cancellationToken);
    }
}
