using AeBot.Crm.Sources;

namespace AeBot.Crm.Salesforce;

/// <summary>The SOQL for each object and the mapping of its records onto the CRM-neutral records.</summary>
internal static class SalesforceMapping
{
    // Only people who sell: UserType 'Standard' excludes portal, guest, chatter-free and automated users
    // (Object Reference: User.UserType). Team: the department, else the role's name.
    public static string UsersQuery(CrmWindow window) =>
        "SELECT Id, Name, Email, ManagerId, Title, IsActive, Department, UserRole.Name, TimeZoneSidKey, SystemModstamp FROM User"
        + SalesforceSoql.Where(window, "UserType = 'Standard'");

    public static CrmUser User(SalesforceRecord r) => new(
        r.Id, r.Required("Name"), r.Text("Email"), r.Text("ManagerId"),
        NullIfBlank(r.Text("Department")) ?? r.Text("UserRole.Name"), r.Text("Title"), r.Bool("IsActive") ?? true,
        r.RequiredDateTime("SystemModstamp"), NullIfBlank(r.Text("TimeZoneSidKey")));

    // OpportunityStage (Object Reference): MasterLabel is the label people see, ApiName the picklist value that
    // Opportunity.StageName stores (the two differ once an admin renames a stage's label), so the id is ApiName.
    public const string StagesQuery =
        "SELECT Id, MasterLabel, ApiName, IsActive, IsClosed, IsWon, DefaultProbability, ForecastCategoryName, SortOrder FROM OpportunityStage ORDER BY SortOrder";

    public static CrmStage Stage(SalesforceRecord r)
    {
        var label = r.Required("MasterLabel");
        var probability = r.Decimal("DefaultProbability");
        return new CrmStage(
            NullIfBlank(r.Text("ApiName")) ?? label, label, null, null,
            probability is { } p ? p / 100m : null, r.Bool("IsClosed") ?? false, r.Bool("IsWon") ?? false,
            r.Text("ForecastCategoryName"), r.Int("SortOrder") ?? 0);
    }

    // The price is the standard price book's entry (a product has at most one there per currency).
    public static string ProductsQuery(CrmWindow window, bool multiCurrency) =>
        "SELECT Id, Name, SystemModstamp, (SELECT UnitPrice" + (multiCurrency ? ", CurrencyIsoCode" : "")
        + " FROM PricebookEntries WHERE Pricebook2.IsStandard = true ORDER BY CreatedDate LIMIT 1) FROM Product2"
        + SalesforceSoql.Where(window);

    public static CrmProduct Product(SalesforceRecord r)
    {
        var entry = r.Children("PricebookEntries").Select(e => (SalesforceRecord?)e).FirstOrDefault();
        return new CrmProduct(r.Id, r.Required("Name"), entry?.Decimal("UnitPrice"), entry?.Text("CurrencyIsoCode"), r.RequiredDateTime("SystemModstamp"));
    }

    public static string CompaniesQuery(CrmWindow window) =>
        "SELECT Id, Name, OwnerId, Industry, Website, BillingCountry, NumberOfEmployees, ParentId, CreatedDate, SystemModstamp FROM Account"
        + SalesforceSoql.Where(window);

    // Merges delete the losing accounts: they arrive through getDeleted, so MergedIds stays empty here.
    public static CrmCompany Company(SalesforceRecord r) => new(
        r.Id, r.Required("Name"), r.Text("OwnerId"), r.Text("Industry"), r.Text("Website"), r.Text("BillingCountry"),
        r.Int("NumberOfEmployees"), r.Text("ParentId"), r.RequiredDateTime("CreatedDate"), r.RequiredDateTime("SystemModstamp"), []);

    public static string ContactsQuery(CrmWindow window) =>
        "SELECT Id, Name, Email, Phone, Title, AccountId, CreatedDate, SystemModstamp FROM Contact" + SalesforceSoql.Where(window);

    public static CrmContact Contact(SalesforceRecord r) => new(
        r.Id, r.Required("Name"), r.Text("Email"), r.Text("Phone"), r.Text("Title"), r.Text("AccountId"),
        r.RequiredDateTime("CreatedDate"), r.RequiredDateTime("SystemModstamp"), []);

    public static string DealsQuery(CrmWindow window, SalesforceOptions options) => DealsSelect(options) + SalesforceSoql.Where(window);

    /// <summary>The opportunities with these ids (a line item of theirs changed or went).</summary>
    public static string DealsByIdQuery(IEnumerable<string> ids, SalesforceOptions options) =>
        DealsSelect(options) + " WHERE Id IN (" + string.Join(",", ids.Select(SalesforceSoql.String)) + ")";

    // Every line item's id (first created first): the product is the first's, and the ids let a line item deleted
    // later be traced to its opportunity (getDeleted names only the line item).
    private static string DealsSelect(SalesforceOptions options) =>
        "SELECT Id, Name, Amount, StageName, CloseDate, OwnerId, AccountId, NextStep, Type, CreatedDate, SystemModstamp"
        + (options.MultiCurrency ? ", CurrencyIsoCode" : "")
        + (string.IsNullOrWhiteSpace(options.LossReasonField) ? "" : ", " + options.LossReasonField)
        + ", (SELECT Id, Product2Id FROM OpportunityLineItems ORDER BY CreatedDate) FROM Opportunity";

    public static CrmDeal Deal(SalesforceRecord r, SalesforceOptions options)
    {
        var lineItems = r.Children("OpportunityLineItems").ToList();
        return new(
            r.Id, r.Required("Name"), r.Decimal("Amount"), options.MultiCurrency ? r.Text("CurrencyIsoCode") : null,
            r.Text("StageName"), null, r.Date("CloseDate"), r.Text("OwnerId"), r.Text("AccountId"),
            lineItems.Select(i => i.Text("Product2Id")).FirstOrDefault(), r.Text("NextStep"),
            string.IsNullOrWhiteSpace(options.LossReasonField) ? null : r.Text(options.LossReasonField), r.Text("Type"),
            r.RequiredDateTime("CreatedDate"), r.RequiredDateTime("SystemModstamp"), [], lineItems.Select(i => i.Text("Id")).OfType<string>().ToList());
    }

    /// <summary>Line items changed in the window, with their opportunity.</summary>
    public static string LineItemsQuery(CrmWindow window) =>
        "SELECT Id, OpportunityId, SystemModstamp FROM OpportunityLineItem" + SalesforceSoql.Where(window);

    public static string TasksQuery(CrmWindow window) =>
        "SELECT Id, Subject, Description, ActivityDate, Status, IsClosed, TaskSubtype, OwnerId, WhatId, WhoId, AccountId, CreatedDate, SystemModstamp FROM Task"
        + SalesforceSoql.Where(window);

    /// <summary>
    /// A Task: TaskSubtype Call or Email is that kind, anything else a task. A call's or e-mail's moment is its
    /// ActivityDate (the day it happened) else when it was logged; a task's ActivityDate is its due date.
    /// </summary>
    public static CrmActivity Task(SalesforceRecord r)
    {
        var kind = r.Text("TaskSubtype") switch
        {
            "Call" => CrmActivityKind.Call,
            "Email" or "ListEmail" => CrmActivityKind.Email,
            _ => CrmActivityKind.Task,
        };
        var created = r.RequiredDateTime("CreatedDate");
        var activityDate = r.Date("ActivityDate");
        var occurred = kind != CrmActivityKind.Task && activityDate is { } day && DateOnly.FromDateTime(created.UtcDateTime) != day
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : created;
        var (deal, company) = What(r.Text("WhatId"), r.Text("AccountId"));
        return new CrmActivity(
            r.Id, kind, occurred, r.Text("Subject"), r.Text("Description"), r.Text("OwnerId"), deal, company, Who(r.Text("WhoId")),
            kind == CrmActivityKind.Task ? activityDate : null, r.Bool("IsClosed"), r.RequiredDateTime("SystemModstamp"));
    }

    public static string EventsQuery(CrmWindow window) =>
        "SELECT Id, Subject, Description, StartDateTime, OwnerId, WhatId, WhoId, AccountId, CreatedDate, SystemModstamp FROM Event"
        + SalesforceSoql.Where(window);

    public static CrmActivity Event(SalesforceRecord r)
    {
        var (deal, company) = What(r.Text("WhatId"), r.Text("AccountId"));
        return new CrmActivity(
            r.Id, CrmActivityKind.Meeting, r.DateTime("StartDateTime") ?? r.RequiredDateTime("CreatedDate"), r.Text("Subject"),
            r.Text("Description"), r.Text("OwnerId"), deal, company, Who(r.Text("WhoId")), null, null, r.RequiredDateTime("SystemModstamp"));
    }

    /// <summary>The object getDeleted is asked about for each type (users are deactivated, never deleted; stages are metadata).</summary>
    public static IReadOnlyList<string> DeletableObjects(CrmObject type) => type switch
    {
        CrmObject.Products => ["Product2"],
        CrmObject.Companies => ["Account"],
        CrmObject.Contacts => ["Contact"],
        CrmObject.Deals => ["Opportunity"],
        CrmObject.Activities => ["Task", "Event"],
        _ => [],
    };

    private static (string? Deal, string? Company) What(string? whatId, string? accountId) =>
        SalesforceIds.Is(whatId, SalesforceIds.Opportunity) ? (whatId, accountId)
        : SalesforceIds.Is(whatId, SalesforceIds.Account) ? (null, whatId)
        : (null, accountId);

    private static IReadOnlyList<string> Who(string? whoId) => SalesforceIds.Is(whoId, SalesforceIds.Contact) ? [whoId!] : [];

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
