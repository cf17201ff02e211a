using System.Text;

namespace AeBot.Data.Import;

/// <summary>
/// Column names used by Salesforce, HubSpot, Pipedrive and Dynamics 365 exports and plain synonyms, per kind of
/// file, mapped to AeBot's field names. Names are compared after <see cref="Normalize"/> (lower case, letters and
/// digits only), so "Deal - Owner", "deal owner" and "DealOwner" are the same column.
/// </summary>
public static partial class ColumnSynonyms
{
    // One vocabulary per concept (#16), shared by every kind of file: a person is a person whether the column names
    // the owner of a deal, an account or an activity, or the user in a roster; a company is a company whether a deal,
    // a contact, a contract or an activity names it. A kind adds only the names that are its own ("Deal Owner").

    /// <summary>Names of the person a record belongs to: owner, rep, seller, agent, assignee, executive, user.</summary>
    private static readonly string[] Person =
    [
        "owner", "ownername", "ownerfullname", "salesrep", "salesagent", "salesperson", "salesexecutive", "seller", "agent",
        "assignedto", "assignee", "assigneduser", "rep", "repname", "accountexecutive", "ae", "user", "salesowner",
        "recordowner", "responsible", "responsibleuser", "ownedby",
    ];

    /// <summary>Names of the company a record is about.</summary>
    private static readonly string[] Company =
    [
        "accountname", "account", "company", "companyname", "organization", "organisation", "organizationname",
        "organisationname", "customer", "customername", "client", "clientname", "associatedcompany", "salesaccount",
    ];

    private static readonly string[] CompanyId =
        ["accountid", "companyid", "organizationid", "associatedcompanyid", "associatedcompanyids", "primaryassociatedcompanyid", "accountnameid"];

    /// <summary>When a record began: created, added, opened.</summary>
    private static readonly string[] Created =
        ["createddate", "createdate", "createdon", "datecreated", "created", "createdat", "createdtime", "addtime", "dateadded", "opendate", "dateopened",
         "organizationcreated", "personcreated"];

    private static readonly string[] Currency = ["currency", "currencycode", "isocurrencycode"];

    private static readonly string[] Email = ["email", "emailaddress", "workemail", "primaryemail", "email1", "businessemail"];

    private static readonly string[] ListPrice = ["listprice", "price", "unitprice", "standardprice", "salesprice", "msrp"];

    public static readonly IReadOnlyDictionary<ImportKind, IReadOnlyDictionary<string, string[]>> Fields =
        new Dictionary<ImportKind, IReadOnlyDictionary<string, string[]>>
        {
            [ImportKind.Opportunities] = new Dictionary<string, string[]>
            {
                ["id"] = ["opportunityid", "opportunityidcasesafe", "opportunity18digitid", "dealid", "recordid", "id", "donotmodifyopportunity", "externalid", "crmid", "copperid"],
                ["name"] = ["opportunityname", "dealname", "dealtitle", "title", "name", "topic", "opportunity", "deal", "subject"],
                // Close calls the company a lead.
                ["account"] = [.. Company, "dealorganization", "dealorganizationname", "potentialcustomer", "leadname"],
                ["account_id"] = [.. CompanyId, "dealorganizationid", "potentialcustomerid", "leadid"],
                // Data Loader and API exports name the owner by the user's id; it resolves once the users file is imported.
                ["owner"] = [.. Person, "opportunityowner", "dealowner", "dealownername", "ownerid", "username"],
                ["owner_email"] = ["owneremail", "opportunityowneremail", "dealowneremail", "salesrepemail", "repemail"],
                ["amount"] = ["amount", "value", "dealvalue", "closevalue", "dealamount", "opportunityamount", "estrevenue", "estimatedrevenue", "actualrevenue", "totalamount", "revenue", "acv", "tcv", "amountconverted", "valueformatted"],
                ["currency"] = [.. Currency, "opportunitycurrency", "dealcurrency", "dealcurrencycode", "amountcurrency", "valuecurrency", "currencyofvalue"],
                ["stage"] = ["stage", "stagename", "dealstage", "salesstage", "pipelinephase", "pipelinestage", "phase", "opportunitystage", "statuslabel"],
                ["status"] = ["status", "dealstatus", "state", "outcome", "statusreason", "statustype"],
                ["is_won"] = ["won", "iswon", "closedwon", "isclosedwon"],
                ["is_closed"] = ["closed", "isclosed"],
                ["probability"] = ["probability", "probabilitypercent", "winprobability", "probabilitypct", "confidence"],
                // HubSpot writes probability as a fraction: 1 means 100 %.
                ["probability_fraction"] = ["dealprobability", "probabilityfraction"],
                ["forecast_category"] = ["forecastcategory", "forecastcategoryname", "forecast", "dealforecastcategory"],
                ["close_date"] = ["closedate", "expectedclosedate", "dealexpectedclosedate", "estclosedate", "estimatedclosedate", "actualclosedate", "closingdate", "dealclosedate", "dealwontime", "wondate", "closedon", "closeddate", "datewon",
                    "wontime", "losttime", "dealclosedon", "datelost", "completeddate"],
                ["created_date"] = [.. Created, "dealcreated", "dealcreatedon", "dealaddtime"],
                ["next_step"] = ["nextstep", "nextsteps", "dealnextstep"],
                ["next_step_due"] = ["nextstepdue", "nextstepdate", "nextstepduedate", "nextactivitydate", "dealnextactivitydate"],
                ["type"] = ["type", "opportunitytype", "dealtype", "businesstype", "salestype"],
                ["loss_reason"] = ["lossreason", "lostreason", "closedlostreason", "deallostreason", "reasonlost", "reasonforloss"],
                ["product"] = ["product", "productname", "products", "dealproduct", "primaryproduct", "productinterest"],
                ["last_activity"] = ["lastactivity", "lastactivitydate", "lastengagementdate", "lastcontacted", "deallastactivitydate"],
            },
            [ImportKind.Accounts] = new Dictionary<string, string[]>
            {
                ["id"] = ["accountid", "companyid", "organizationid", "recordid", "id", "donotmodifyaccount", "externalid", "crmid", "accountidcasesafe", "copperid"],
                ["name"] = ["accountname", "companyname", "name", "organizationname", "organisationname", "company", "account", "organization", "customername", "displayname"],
                ["owner"] = [.. Person, "accountowner", "companyowner", "organizationowner", "ownerid"],
                ["account_manager"] = ["accountmanager", "customersuccessmanager", "csm", "customersuccessowner", "am"],
                ["industry"] = ["industry", "industrytype", "vertical", "sector", "organizationindustry"],
                ["employees"] = ["employees", "numberofemployees", "employeecount", "headcount", "noofemployees", "organizationemployees"],
                ["segment"] = ["segment", "size", "companysize", "accountsize", "tier", "accountsegment"],
                ["parent"] = ["parentaccount", "parentcompany", "parentaccountname", "parent", "parentorganization"],
                ["parent_id"] = ["parentaccountid", "parentcompanyid", "parentid"],
                ["website"] = ["website", "web", "companydomainname", "domain", "url", "organizationwebsite"],
                ["country"] = ["country", "billingcountry", "countryregion", "addresscountry", "organizationcountry", "address1countryregion", "address1country", "countryofaddress"],
                ["created_date"] = Created,
            },
            [ImportKind.Contacts] = new Dictionary<string, string[]>
            {
                ["id"] = ["contactid", "personid", "recordid", "id", "donotmodifycontact", "externalid", "crmid", "copperid"],
                ["name"] = ["name", "fullname", "contactname", "contact", "personname"],
                ["first_name"] = ["firstname", "givenname", "first"],
                ["last_name"] = ["lastname", "surname", "familyname", "last"],
                ["email"] = [.. Email, "personemail", "emails"],
                ["phone"] = ["phone", "phonenumber", "businessphone", "workphone", "work", "mobile", "mobilephone", "personphone"],
                ["title"] = ["title", "jobtitle", "position", "role"],
                ["account"] = [.. Company, "personorganization", "parentcustomer"],
                ["account_id"] = CompanyId,
            },
            [ImportKind.Reps] = new Dictionary<string, string[]>
            {
                ["id"] = ["userid", "repid", "employeeid", "id", "recordid", "ownerid", "externalid", "donotmodifyuser"],
                // Not "username": Salesforce's Username is the login (an address), never the person's name.
                ["name"] = [.. Person, "name", "fullname", "employee", "employeename", "displayname"],
                ["first_name"] = ["firstname", "givenname"],
                ["last_name"] = ["lastname", "surname", "familyname"],
                ["email"] = [.. Email, "useremail"],
                // Not "profile": a profile is a permission set (Administrator, Standard), not what the person does.
                ["role"] = ["role", "userrole", "title", "jobtitle", "position", "securityrole", "assignedrole"],
                ["manager"] = ["manager", "managername", "reportsto", "reportingto", "salesmanager", "managesemail", "manageremail", "managerid"],
                ["team"] = ["team", "teamname", "teams", "salesteam", "group", "division", "businessunit", "region", "assignedteams", "assignedteam", "primaryteam"],
                ["time_zone"] = ["timezone", "tz", "timezonesidkey", "usertimezone"],
                ["quota"] = ["quota", "quotaamount", "target", "salesquota", "annualquota", "quarterlyquota"],
                ["quota_currency"] = ["quotacurrency", "currency", "currencycode"],
                ["quota_period"] = ["quotaperiod", "period", "fiscalperiod", "quarter", "fiscalyear"],
                ["quota_start"] = ["quotastart", "periodstart", "quotastartdate", "startdate"],
                ["quota_end"] = ["quotaend", "periodend", "quotaenddate", "enddate"],
                ["active"] = ["active", "isactive", "status", "enabled"],
            },
            [ImportKind.Products] = new Dictionary<string, string[]>
            {
                ["id"] = ["productid", "productcode", "sku", "id", "recordid", "externalid", "code"],
                ["name"] = ["productname", "name", "product", "title"],
                ["family"] = ["productfamily", "family", "category", "productcategory", "productline", "type"],
                ["list_price"] = [.. ListPrice, "amount"],
                ["currency"] = [.. Currency, "pricecurrency"],
            },
            [ImportKind.Contracts] = new Dictionary<string, string[]>
            {
                ["id"] = ["contractid", "contractnumber", "subscriptionid", "agreementid", "id", "recordid", "externalid"],
                ["account"] = Company,
                ["account_id"] = CompanyId,
                ["product"] = ["product", "productname", "plan", "subscription"],
                ["start_date"] = ["contractstartdate", "startdate", "start", "subscriptionstartdate", "effectivedate"],
                ["end_date"] = ["contractenddate", "enddate", "end", "renewaldate", "subscriptionenddate", "expirationdate", "expirydate"],
                ["term_months"] = ["contractterm", "contracttermmonths", "termmonths", "term"],
                ["annual_value"] = ["annualvalue", "acv", "arr", "annualcontractvalue", "contractvalue", "annualrecurringrevenue", "amount", "value"],
                ["currency"] = [.. Currency, "contractcurrency"],
                ["auto_renew"] = ["autorenew", "autorenewal", "autorenews", "evergreen", "renewaltype"],
            },
            [ImportKind.Activities] = new Dictionary<string, string[]>
            {
                ["id"] = ["activityid", "taskid", "eventid", "engagementid", "id", "recordid", "externalid"],
                ["type"] = ["activitytype", "type", "tasktype", "engagementtype", "tasksubtype", "eventsubtype", "activitysubtype", "channel"],
                ["subject"] = ["subject", "title", "activitysubject", "tasktitle", "calltitle", "meetingtitle", "meetingname", "emailsubject"],
                ["summary"] = ["description", "comments", "notes", "note", "body", "bodypreview", "notebody", "summary", "details", "callnotes", "meetingnotes", "activitynote"],
                ["date"] = ["activitydate", "date", "duedate", "startdate", "startdatetime", "activitydatetime", "createddate", "timestamp", "dateofactivity", "actualend", "when"],
                ["owner"] = [.. Person, "activityowner", "taskowner", "activityassignedto", "createdby", "assignedtouser", "assigned", "ownerid"],
                ["account"] = [.. Company, "regarding", "relatedto", "companyaccount"],
                ["account_id"] = CompanyId,
                ["deal"] = ["opportunity", "opportunityname", "deal", "dealname", "dealtitle", "associateddeal"],
                // Salesforce's WhatId names a deal or an account; a deal is looked up by it, an account id falls through.
                ["deal_id"] = ["opportunityid", "dealid", "associateddealid", "associateddealids", "whatid"],
                ["contacts"] = ["contact", "contacts", "contactname", "contactperson", "name", "person", "personname", "whoname", "whoid", "attendees", "associatedcontact", "contactemail"],
                ["status"] = ["status", "taskstatus", "activitystatus", "done", "completed"],
                ["objections"] = ["objections", "objection", "concerns"],
                ["next_step"] = ["nextstep", "nextsteps"],
                ["next_step_due"] = ["nextstepdue", "nextstepdate"],
            },
        };

    /// <summary>Columns that, when present, say most about what a file holds.</summary>
    public static readonly IReadOnlyDictionary<ImportKind, string[]> Telltales = new Dictionary<ImportKind, string[]>
    {
        [ImportKind.Opportunities] = ["stage", "amount", "close_date", "probability", "forecast_category", "loss_reason"],
        [ImportKind.Accounts] = ["industry", "employees", "website", "parent", "segment", "account_manager"],
        [ImportKind.Contacts] = ["first_name", "last_name", "email", "title", "phone"],
        [ImportKind.Reps] = ["role", "manager", "quota", "time_zone", "team"],
        [ImportKind.Products] = ["family", "list_price"],
        [ImportKind.Contracts] = ["start_date", "end_date", "annual_value", "auto_renew", "term_months"],
        [ImportKind.Activities] = ["summary", "subject", "date", "deal", "contacts", "type"],
    };

    /// <summary>Words in a file name that say what it holds ("Opportunities_2026.csv", "hubspot-deals.csv").</summary>
    public static readonly IReadOnlyDictionary<ImportKind, string[]> FileNameHints = new Dictionary<ImportKind, string[]>
    {
        [ImportKind.Opportunities] = ["opportunit", "deal", "pipeline"],
        [ImportKind.Accounts] = ["account", "compan", "organi", "customer"],
        [ImportKind.Contacts] = ["contact", "people", "person", "lead"],
        [ImportKind.Reps] = ["user", "rep", "team", "staff", "employee", "quota"],
        [ImportKind.Products] = ["product", "pricebook", "catalog", "sku"],
        [ImportKind.Contracts] = ["contract", "subscription", "renewal", "agreement"],
        [ImportKind.Activities] = ["activit", "task", "event", "call", "meeting", "engagement", "note"],
    };

    public static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header)
            if (char.IsLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>Whether a normalised header names a seller: the owner of something, a rep, a user, a manager.</summary>
    public static bool IsPersonName(string normalizedHeader) => SellerNames.Contains(normalizedHeader);

    /// <summary>Whether any kind knows this normalised header by name.</summary>
    public static bool IsKnownName(string normalizedHeader) => AllNames.Contains(normalizedHeader);

    // Who "Created By" names is an admin as often as a seller: not evidence of who sells.
    private static readonly HashSet<string> SellerNames =
    [
        .. Person, .. Fields[ImportKind.Opportunities]["owner"], .. Fields[ImportKind.Accounts]["owner"],
        .. Fields[ImportKind.Activities]["owner"].Where(n => n != "createdby"), .. Fields[ImportKind.Reps]["manager"],
    ];

    private static readonly HashSet<string> AllNames = Fields.Values.SelectMany(kind => kind.Values.SelectMany(names => names)).ToHashSet();

    /// <summary>
    /// The normalised names a header may be known by, most specific first: the whole name; without Pipedrive's
    /// "Deal - " / "Person - " prefix; without Close's "custom." or Copper's " cf_689104"; without a number that
    /// tells a second copy apart ("Email 2"); and a qualified value's first part ("Email - Work" → email).
    /// </summary>
    public static IReadOnlyList<string> Variants(string header, ImportKind? kind = null)
    {
        var variants = new List<string>(4);
        void Add(string text)
        {
            var normalized = Normalize(text);
            if (normalized.Length > 0 && !variants.Contains(normalized))
                variants.Add(normalized);
        }
        var text = header.Trim();
        // Pipedrive's "Deal - Probability" is the deal's Probability (percent), not HubSpot's "Deal probability"
        // (a fraction): the property behind the entity prefix is read first.
        // Another entity's prefix stays: in an activities export "Deal - Title" is the deal (dealtitle), not the subject.
        var prefix = text.IndexOf(" - ", StringComparison.Ordinal);
        if (prefix > 0 && EntityPrefixes.TryGetValue(Normalize(text[..prefix]), out var entity))
        {
            if (kind is not null && kind != entity)
                Add(text);
            text = text[(prefix + 3)..];
        }
        Add(text);
        Add(header);
        if (text.StartsWith("custom.", StringComparison.OrdinalIgnoreCase))
            Add(text = text[7..]);
        if (CustomFieldSuffix().Match(text) is { Success: true } custom)
            Add(text = text[..custom.Index]);
        if (CopyNumber().Match(text) is { Success: true } copy)
            Add(text = text[..copy.Index]);
        var dash = text.IndexOf(" - ", StringComparison.Ordinal);
        if (dash > 0)
            Add(text[..dash]);
        return variants;
    }

    private static readonly Dictionary<string, ImportKind> EntityPrefixes = new()
    {
        ["deal"] = ImportKind.Opportunities, ["organization"] = ImportKind.Accounts, ["organisation"] = ImportKind.Accounts,
        ["person"] = ImportKind.Contacts, ["lead"] = ImportKind.Contacts, ["activity"] = ImportKind.Activities,
        ["note"] = ImportKind.Activities, ["product"] = ImportKind.Products,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+cf_\d+$")]
    private static partial System.Text.RegularExpressions.Regex CustomFieldSuffix();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+\d$")]
    private static partial System.Text.RegularExpressions.Regex CopyNumber();

    /// <summary>The field of <paramref name="kind"/> a header names by any of its <see cref="Variants"/>, or null.</summary>
    public static string? FieldForHeader(ImportKind kind, string header)
    {
        foreach (var variant in Variants(header, kind))
            if (FieldFor(kind, variant) is { } field)
                return field;
        return null;
    }

    /// <summary>Maps a normalised header to a field of <paramref name="kind"/>, or null.</summary>
    public static string? FieldFor(ImportKind kind, string normalizedHeader)
    {
        foreach (var (field, names) in Fields[kind])
            if (names.Contains(normalizedHeader))
                return field;
        return null;
    }
}
