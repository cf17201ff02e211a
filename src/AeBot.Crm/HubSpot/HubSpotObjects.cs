using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

/// <summary>What AeBot reads of one HubSpot object type: its path, change stamp, properties and associations.</summary>
internal sealed record HubSpotObjectSpec(
    string Path, CrmObject Type, string ModifiedProperty, IReadOnlyList<string> Properties, IReadOnlyList<string> Associations)
{
    public string PropertyList => string.Join(',', Properties);
}

internal static class HubSpotObjects
{
    // Contacts carry their change stamp as lastmodifieddate; every other object as hs_lastmodifieddate
    // (developers.hubspot.com/docs/api-reference/latest/crm/search-the-crm, "Searchable CRM objects": default properties).
    public static readonly HubSpotObjectSpec Companies = new("companies", CrmObject.Companies, "hs_lastmodifieddate",
        ["name", "hubspot_owner_id", "industry", "website", "domain", "country", "numberofemployees", "hs_parent_company_id",
         "createdate", "hs_lastmodifieddate", "hs_merged_object_ids"], []);

    public static readonly HubSpotObjectSpec Contacts = new("contacts", CrmObject.Contacts, "lastmodifieddate",
        ["firstname", "lastname", "email", "phone", "jobtitle", "createdate", "lastmodifieddate", "hs_merged_object_ids"],
        ["companies"]);

    public static readonly HubSpotObjectSpec Deals = new("deals", CrmObject.Deals, "hs_lastmodifieddate",
        ["dealname", "amount", "deal_currency_code", "dealstage", "pipeline", "closedate", "hubspot_owner_id", "createdate",
         "hs_lastmodifieddate", "hs_next_step", "closed_lost_reason", "dealtype", "hs_merged_object_ids"],
        ["companies"]);

    public static readonly HubSpotObjectSpec Products = new("products", CrmObject.Products, "hs_lastmodifieddate",
        ["name", "price", "createdate", "hs_lastmodifieddate"], []);

    private static readonly string[] EngagementAssociations = ["deals", "companies", "contacts"];

    public static readonly HubSpotObjectSpec Calls = new("calls", CrmObject.Activities, "hs_lastmodifieddate",
        ["hs_timestamp", "hs_call_title", "hs_call_body", "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate"], EngagementAssociations);

    public static readonly HubSpotObjectSpec Meetings = new("meetings", CrmObject.Activities, "hs_lastmodifieddate",
        ["hs_timestamp", "hs_meeting_title", "hs_meeting_body", "hs_meeting_start_time", "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate"],
        EngagementAssociations);

    public static readonly HubSpotObjectSpec Notes = new("notes", CrmObject.Activities, "hs_lastmodifieddate",
        ["hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate"], EngagementAssociations);

    public static readonly HubSpotObjectSpec Tasks = new("tasks", CrmObject.Activities, "hs_lastmodifieddate",
        ["hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate"],
        EngagementAssociations);

    /// <summary>
    /// Logged e-mails (emails guide: GET/POST /crm/v3/objects/emails, hs_timestamp required), read like the other
    /// engagements. Their subject and text come only with the sales-email-read scope besides the contacts one (changelog
    /// "New scope required to get the content of email engagements": without it their details are redacted); a redacted
    /// e-mail has no text and is skipped as such by the read, never stored blank.
    /// </summary>
    public static readonly HubSpotObjectSpec Emails = new("emails", CrmObject.Activities, "hs_lastmodifieddate",
        ["hs_timestamp", "hs_email_subject", "hs_email_text", "hs_email_direction", "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate"], EngagementAssociations);

    public static readonly IReadOnlyList<HubSpotObjectSpec> Engagements = [Calls, Meetings, Notes, Tasks, Emails];

    /// <summary>Every engagement type AeBot may hold a link to (all of them are read).</summary>
    public static readonly IReadOnlyList<HubSpotObjectSpec> LinkedEngagements = Engagements;

    public static HubSpotObjectSpec Engagement(CrmActivityKind kind) => kind switch
    {
        CrmActivityKind.Call => Calls,
        CrmActivityKind.Meeting => Meetings,
        CrmActivityKind.Note => Notes,
        CrmActivityKind.Task => Tasks,
        CrmActivityKind.Email => Emails,
        _ => throw new CrmRejectedException($"AeBot does not write {kind} activities to HubSpot.", 400),
    };

    public static CrmActivityKind Kind(HubSpotObjectSpec spec) => spec.Path switch
    {
        "calls" => CrmActivityKind.Call,
        "meetings" => CrmActivityKind.Meeting,
        "notes" => CrmActivityKind.Note,
        "emails" => CrmActivityKind.Email,
        _ => CrmActivityKind.Task,
    };

    /// <summary>
    /// HUBSPOT_DEFINED association type ids from an engagement to a contact, company and deal
    /// (developers.hubspot.com/docs/api-reference/latest/crm/associations/associate-records/guide, "Association type id
    /// values": call→contact 194, call→company 182, call→deal 206; meeting 200/188/212; note 202/190/214; task 204/192/216;
    /// email 198/186/210).
    /// </summary>
    public static (int Contact, int Company, int Deal) AssociationTypeIds(CrmActivityKind kind) => kind switch
    {
        CrmActivityKind.Call => (194, 182, 206),
        CrmActivityKind.Meeting => (200, 188, 212),
        CrmActivityKind.Note => (202, 190, 214),
        CrmActivityKind.Task => (204, 192, 216),
        CrmActivityKind.Email => (198, 186, 210),
        _ => throw new CrmRejectedException($"AeBot does not write {kind} activities to HubSpot.", 400),
    };

    /// <summary>The property holding an engagement's free text, where AeBot's idempotency marker goes.</summary>
    public static string BodyProperty(CrmActivityKind kind) => kind switch
    {
        CrmActivityKind.Call => "hs_call_body",
        CrmActivityKind.Meeting => "hs_meeting_body",
        CrmActivityKind.Note => "hs_note_body",
        CrmActivityKind.Email => "hs_email_text",
        _ => "hs_task_body",
    };
}
