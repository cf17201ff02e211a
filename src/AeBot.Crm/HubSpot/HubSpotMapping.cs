using System.Globalization;
using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

/// <summary>A record AeBot cannot read (a malformed value): skipped and reported by the read, never thrown out of it.</summary>
internal sealed class HubSpotMalformedException(string reason) : Exception(reason);

/// <summary>HubSpot records onto the CRM-neutral records.</summary>
internal static class HubSpotMapping
{
    public static CrmCompany Company(HsObject o) => new(
        o.Id, Required(o, "name"), o.Get("hubspot_owner_id"), o.Get("industry"), o.Get("website") ?? o.Get("domain"), o.Get("country"),
        OptionalInt(o, "numberofemployees"), o.Get("hs_parent_company_id"), Created(o), Modified(HubSpotObjects.Companies, o), Merged(o));

    public static CrmContact Contact(HsObject o)
    {
        var name = string.Join(' ', new[] { o.Get("firstname"), o.Get("lastname") }.Where(s => s is not null)).Trim();
        if (name.Length == 0)
            name = o.Get("email") ?? throw new HubSpotMalformedException("contact has neither a name nor an e-mail");
        return new(o.Id, name, o.Get("email"), o.Get("phone"), o.Get("jobtitle"), First(o, "companies"),
            Created(o), Modified(HubSpotObjects.Contacts, o), Merged(o));
    }

    /// <summary>
    /// A deal; <paramref name="productId"/>: the product of its first line item (<see cref="HubSpotLineItems.FirstProduct"/>).
    /// Its close date is the day in the account's zone; an amount without deal_currency_code is in the company currency.
    /// </summary>
    public static CrmDeal Deal(HsObject o, HubSpotPortal portal, string? productId, IReadOnlyList<string> lineItemIds) => new(
        o.Id, Required(o, "dealname"), OptionalDecimal(o, "amount"), o.Get("deal_currency_code") ?? portal.Currency, o.Get("dealstage"), o.Get("pipeline"),
        OptionalDate(o, "closedate", portal), o.Get("hubspot_owner_id"), First(o, "companies"), productId, o.Get("hs_next_step"),
        o.Get("closed_lost_reason"), o.Get("dealtype"), Created(o), Modified(HubSpotObjects.Deals, o), Merged(o), lineItemIds);

    // Price in the account's company currency; hs_price_<currency> multi-currency prices are not read.
    public static CrmProduct Product(HsObject o, HubSpotPortal portal) =>
        new(o.Id, Required(o, "name"), OptionalDecimal(o, "price"), portal.Currency, Modified(HubSpotObjects.Products, o));

    /// <summary>An engagement; a task's due date is the day its hs_timestamp falls on in the account's zone.</summary>
    public static CrmActivity Activity(CrmActivityKind kind, HsObject o, HubSpotPortal portal)
    {
        var spec = HubSpotObjects.Engagement(kind);
        var timestamp = kind == CrmActivityKind.Meeting && OptionalInstant(o, "hs_meeting_start_time") is { } start
            ? start
            : OptionalInstant(o, "hs_timestamp") ?? throw new HubSpotMalformedException("activity has no hs_timestamp");
        var (subject, body) = kind switch
        {
            CrmActivityKind.Call => (o.Get("hs_call_title"), o.Get("hs_call_body")),
            CrmActivityKind.Meeting => (o.Get("hs_meeting_title"), o.Get("hs_meeting_body")),
            CrmActivityKind.Note => (null, o.Get("hs_note_body")),
            CrmActivityKind.Email => (o.Get("hs_email_subject"), o.Get("hs_email_text")),
            _ => (o.Get("hs_task_subject"), o.Get("hs_task_body")),
        };
        DateOnly? due = kind == CrmActivityKind.Task ? portal.DateOf(timestamp) : null;
        bool? completed = kind == CrmActivityKind.Task ? string.Equals(o.Get("hs_task_status"), "COMPLETED", StringComparison.OrdinalIgnoreCase) : null;
        return new(o.Id, kind, timestamp, subject, body, o.Get("hubspot_owner_id"), First(o, "deals"), First(o, "companies"),
            All(o, "contacts"), due, completed, Modified(spec, o));
    }

    public static DateTimeOffset Modified(HubSpotObjectSpec spec, HsObject o) =>
        OptionalInstant(o, spec.ModifiedProperty) ?? o.UpdatedAt ?? throw new HubSpotMalformedException($"record has no {spec.ModifiedProperty}");

    private static DateTimeOffset Created(HsObject o) =>
        OptionalInstant(o, "createdate") ?? OptionalInstant(o, "hs_createdate") ?? o.CreatedAt ?? o.UpdatedAt ?? DateTimeOffset.UnixEpoch;

    private static string Required(HsObject o, string property) =>
        o.Get(property)?.Trim() ?? throw new HubSpotMalformedException($"{property} is missing");

    private static decimal? OptionalDecimal(HsObject o, string property) =>
        o.Get(property) is not { } v ? null
        : decimal.TryParse(v, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) ? d
        : throw new HubSpotMalformedException($"{property} '{v}' is not a number");

    private static int? OptionalInt(HsObject o, string property) =>
        o.Get(property) is not { } v ? null
        : decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d is >= int.MinValue and <= int.MaxValue ? (int)d
        : throw new HubSpotMalformedException($"{property} '{v}' is not a whole number");

    private static DateTimeOffset? OptionalInstant(HsObject o, string property) =>
        o.Get(property) is not { } v ? null
        : HubSpotJson.TryParseInstant(v, out var at) ? at
        : throw new HubSpotMalformedException($"{property} '{v}' is not a date");

    /// <summary>
    /// A day HubSpot keeps as a datetime (closedate): the day its instant falls on in the account's zone — where
    /// HubSpot shows it, and where AeBot writes it (<see cref="HubSpotPortal.StartOf"/>).
    /// </summary>
    internal static DateOnly? OptionalDate(HsObject o, string property, HubSpotPortal portal) =>
        OptionalInstant(o, property) is { } at ? portal.DateOf(at) : null;

    private static string? First(HsObject o, string to) =>
        o.Associations is not null && o.Associations.TryGetValue(to, out var list) ? list.Results.FirstOrDefault()?.Id : null;

    private static IReadOnlyList<string> All(HsObject o, string to) =>
        o.Associations is not null && o.Associations.TryGetValue(to, out var list) ? list.Results.Select(r => r.Id).Distinct().ToList() : [];

    // hs_merged_object_ids: "id1;id2" (the CRM objects guide, "Merge records").
    private static IReadOnlyList<string> Merged(HsObject o) =>
        o.Get("hs_merged_object_ids") is { } ids ? ids.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
}
