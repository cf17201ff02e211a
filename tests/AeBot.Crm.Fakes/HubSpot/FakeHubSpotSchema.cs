namespace AeBot.Crm.Fakes.HubSpot;

/// <summary>What the fake knows of HubSpot's object model: the properties each object has, their types, and the
/// HUBSPOT_DEFINED association types it accepts on create (properties: https://developers.hubspot.com/docs/api/crm/properties;
/// association type ids: https://developers.hubspot.com/docs/api/crm/associations).</summary>
internal static class FakeHubSpotSchema
{
    public static readonly string[] Engagements = ["calls", "meetings", "notes", "tasks", "emails"];

    private static readonly string[] Common = ["hs_object_id", "createdate", "hs_createdate", "hs_lastmodifieddate", "hubspot_owner_id", "hs_merged_object_ids"];

    public static readonly Dictionary<string, HashSet<string>> Properties = new()
    {
        ["companies"] = Set("name", "industry", "website", "domain", "country", "numberofemployees", "hs_parent_company_id", "city"),
        // Contacts' change stamp is lastmodifieddate (search guide, default properties per object).
        ["contacts"] = Set("firstname", "lastname", "email", "phone", "jobtitle", "lastmodifieddate", "associatedcompanyid"),
        ["deals"] = Set("dealname", "amount", "deal_currency_code", "dealstage", "pipeline", "closedate", "hs_next_step", "closed_lost_reason", "dealtype"),
        ["products"] = Set("name", "price", "description", "hs_sku"),
        // A deal's products as sold (line items guide: "When a product is attached to a deal, it becomes a line item",
        // https://developers.hubspot.com/docs/api-reference/latest/crm/objects/line-items/guide): hs_product_id names the
        // product it was made from (none for a one-off line item); hs_position_on_quote is its place in the deal's list
        // (undocumented there, set by the line item editor — see HubSpotLineItems in the client).
        ["line_items"] = Set("name", "description", "quantity", "price", "amount", "hs_product_id", "hs_sku", "hs_position_on_quote"),
        ["calls"] = Set("hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction", "hs_call_status", "hs_call_duration"),
        ["meetings"] = Set("hs_timestamp", "hs_meeting_title", "hs_meeting_body", "hs_meeting_start_time", "hs_meeting_end_time", "hs_meeting_outcome"),
        ["notes"] = Set("hs_timestamp", "hs_note_body"),
        ["tasks"] = Set("hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority", "hs_task_type"),
        // Logged e-mails (emails guide, "Properties": hs_timestamp required; hs_email_direction EMAIL, INCOMING_EMAIL or
        // FORWARDED_EMAIL; hs_email_status BOUNCED, FAILED, SCHEDULED, SENDING or SENT,
        // https://developers.hubspot.com/docs/api-reference/legacy/crm/activities/emails/guide).
        ["emails"] = Set("hs_timestamp", "hs_email_subject", "hs_email_text", "hs_email_html", "hs_email_direction", "hs_email_status", "hs_email_headers"),
    };

    public static readonly HashSet<string> DateProperties =
        ["createdate", "hs_createdate", "hs_lastmodifieddate", "lastmodifieddate", "closedate", "hs_timestamp", "hs_meeting_start_time", "hs_meeting_end_time"];

    public static readonly HashSet<string> NumberProperties =
        ["hs_object_id", "amount", "price", "numberofemployees", "hs_call_duration", "quantity", "hs_position_on_quote", "hs_product_id"];

    // hs_task_status options (tasks guide, "Properties"): NOT_STARTED, IN_PROGRESS, WAITING, COMPLETED, DEFERRED.
    public static readonly HashSet<string> TaskStatuses = ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"];

    public static readonly HashSet<string> EmailDirections = ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"];

    public static readonly HashSet<string> EmailStatuses = ["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"];

    // Search filter operators (search guide, "Filter search results").
    public static readonly HashSet<string> Operators =
        ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    /// <summary>
    /// HUBSPOT_DEFINED association type ids from an engagement (associations v4 guide, "Association type id values"):
    /// call→contact 194, →company 182, →deal 206; meeting 200/188/212; note 202/190/214; task 204/192/216; email 198/186/210.
    /// </summary>
    public static readonly Dictionary<(string From, int TypeId), string> EngagementAssociationTypes = new()
    {
        [("calls", 194)] = "contacts", [("calls", 182)] = "companies", [("calls", 206)] = "deals",
        [("meetings", 200)] = "contacts", [("meetings", 188)] = "companies", [("meetings", 212)] = "deals",
        [("notes", 202)] = "contacts", [("notes", 190)] = "companies", [("notes", 214)] = "deals",
        [("tasks", 204)] = "contacts", [("tasks", 192)] = "companies", [("tasks", 216)] = "deals",
        [("emails", 198)] = "contacts", [("emails", 186)] = "companies", [("emails", 210)] = "deals",
    };

    /// <summary>
    /// The association type the fake records for seeded associations: deal→company 341, contact→company 279; deal→line
    /// item 19 and line item→deal 20 (associations v4 guide, "Association type id values", and the line items guide:
    /// "the associationTypeId for the line item-deal association is 20").
    /// </summary>
    public static int SeedTypeId(string from, string to) => (from, to) switch
    {
        ("deals", "companies") => 341,
        ("contacts", "companies") => 279,
        ("deals", "contacts") => 3,
        ("deals", "line_items") => 19,
        ("line_items", "deals") => 20,
        _ => EngagementAssociationTypes.FirstOrDefault(kv => kv.Key.From == from && kv.Value == to).Key.TypeId,
    };

    public static string ModifiedProperty(string type) => type == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";

    public static bool Knows(string type, string property) =>
        Properties.TryGetValue(type, out var own) && (own.Contains(property) || Common.Contains(property))
        && !(type == "contacts" && property == "hs_lastmodifieddate");

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
