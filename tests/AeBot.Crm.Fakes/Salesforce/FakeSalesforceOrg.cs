using System.Globalization;

namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>
/// The fake org's data: records by id with a schema, stamped with SystemModstamp from <see cref="FakeClock"/>;
/// deletions kept for getDeleted (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm)
/// and merges deleting the loser (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_merge.htm).
/// Tests seed and edit it directly (typed helpers below); the REST API reads and writes it. Thread-safe.
/// </summary>
public sealed class FakeSalesforceOrg
{
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeRecord> _records = new(StringComparer.Ordinal);
    private readonly List<(string Type, string Id, DateTimeOffset DeletedAt)> _deleted = [];
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    internal FakeSalesforceOrg(FakeClock clock)
    {
        Clock = clock;
    }

    public FakeClock Clock { get; }

    internal Dictionary<string, FakeSObjectType> Schema { get; } = FakeSObjectType.Standard();

    internal object Gate => _gate;

    // ---- schema ----

    /// <summary>
    /// Adds a custom field (Text). <paramref name="externalIdUnique"/>: marked External ID and Unique, so it can be
    /// upserted by ("Insert or Update (Upsert) a Record Using an External ID").
    /// </summary>
    public void DefineCustomField(string type, string field, bool externalIdUnique = false)
    {
        if (!field.EndsWith("__c", StringComparison.Ordinal))
            throw new ArgumentException("Custom field names end in __c.", nameof(field));
        lock (_gate)
            Schema[type].Fields[field] = new FakeField(field, FakeFieldType.String, true, true, externalIdUnique);
    }

    /// <summary>Turns on multiple currencies: CurrencyIsoCode appears on the currency-bearing objects.</summary>
    public void EnableMultiCurrency()
    {
        lock (_gate)
        {
            foreach (var type in new[] { "Opportunity", "OpportunityLineItem", "PricebookEntry", "Product2", "Account" })
                Schema[type].Fields["CurrencyIsoCode"] = new FakeField("CurrencyIsoCode", FakeFieldType.String, true, true, false);
        }
    }

    // ---- seeding ----

    public string AddRole(string name) => Insert("UserRole", new() { ["Name"] = name });

    public string AddUser(string name, string? email = null, string? managerId = null, string? title = null, string? department = null,
        string? roleId = null, bool active = true, string userType = "Standard", string timeZone = "America/Los_Angeles")
    {
        var parts = name.Split(' ', 2);
        return Insert("User", new()
        {
            ["Name"] = name, ["FirstName"] = parts.Length > 1 ? parts[0] : null, ["LastName"] = parts[^1],
            ["Email"] = email, ["Username"] = email ?? name.Replace(' ', '.').ToLowerInvariant() + "@example.com",
            ["ManagerId"] = managerId, ["Title"] = title, ["Department"] = department, ["UserRoleId"] = roleId,
            ["IsActive"] = active, ["UserType"] = userType, ["TimeZoneSidKey"] = timeZone,
        });
    }

    public string AddStage(string label, int sortOrder, decimal probabilityPercent, bool closed = false, bool won = false,
        string forecastCategory = "Pipeline", string? apiName = null) => Insert("OpportunityStage", new()
        {
            ["MasterLabel"] = label, ["ApiName"] = apiName ?? label, ["IsActive"] = true, ["IsClosed"] = closed, ["IsWon"] = won,
            ["DefaultProbability"] = probabilityPercent, ["ForecastCategoryName"] = forecastCategory,
            ["ForecastCategory"] = forecastCategory.Replace(" ", "", StringComparison.Ordinal), ["SortOrder"] = sortOrder,
        });

    /// <summary>A product, with an entry in the standard price book when it has a price.</summary>
    public string AddProduct(string name, decimal? standardPrice = null)
    {
        var id = Insert("Product2", new() { ["Name"] = name, ["IsActive"] = true });
        if (standardPrice is { } price)
            Insert("PricebookEntry", new() { ["Product2Id"] = id, ["Pricebook2Id"] = StandardPricebookId(), ["UnitPrice"] = price, ["IsActive"] = true });
        return id;
    }

    public string AddAccount(string name, string? ownerId = null, string? industry = null, string? website = null, string? country = null,
        int? employees = null, string? parentId = null) => Insert("Account", new()
        {
            ["Name"] = name, ["OwnerId"] = ownerId, ["Industry"] = industry, ["Website"] = website, ["BillingCountry"] = country,
            ["NumberOfEmployees"] = employees, ["ParentId"] = parentId,
        });

    public string AddContact(string firstName, string lastName, string? accountId = null, string? email = null, string? phone = null, string? title = null) =>
        Insert("Contact", new()
        {
            ["FirstName"] = firstName, ["LastName"] = lastName, ["Name"] = $"{firstName} {lastName}".Trim(), ["AccountId"] = accountId,
            ["Email"] = email, ["Phone"] = phone, ["Title"] = title,
        });

    public string AddOpportunity(string name, string stageName, DateOnly closeDate, decimal? amount = null, string? ownerId = null,
        string? accountId = null, string? nextStep = null, string? type = null, string? productId = null)
    {
        var id = Insert("Opportunity", new()
        {
            ["Name"] = name, ["StageName"] = stageName, ["CloseDate"] = closeDate, ["Amount"] = amount, ["OwnerId"] = ownerId,
            ["AccountId"] = accountId, ["NextStep"] = nextStep, ["Type"] = type,
        });
        if (productId is not null)
            Insert("OpportunityLineItem", new() { ["OpportunityId"] = id, ["Product2Id"] = productId, ["Quantity"] = 1m, ["UnitPrice"] = amount });
        return id;
    }

    public string AddTask(string subject, string? ownerId = null, string? whatId = null, string? whoId = null, DateOnly? activityDate = null,
        string status = "Not Started", string taskSubtype = "Task", string? description = null) => Insert("Task", new()
        {
            ["Subject"] = subject, ["OwnerId"] = ownerId, ["WhatId"] = whatId, ["WhoId"] = whoId, ["ActivityDate"] = activityDate,
            ["Status"] = status, ["TaskSubtype"] = taskSubtype, ["Description"] = description,
        });

    public string AddEvent(string subject, DateTimeOffset start, int durationMinutes = 30, string? ownerId = null, string? whatId = null,
        string? whoId = null, string? description = null) => Insert("Event", new()
        {
            ["Subject"] = subject, ["StartDateTime"] = start, ["DurationInMinutes"] = durationMinutes, ["OwnerId"] = ownerId,
            ["WhatId"] = whatId, ["WhoId"] = whoId, ["Description"] = description,
        });

    // ---- editing ----

    /// <summary>Sets a field as a user would (SystemModstamp moves to now).</summary>
    public void Update(string id, string field, object? value)
    {
        lock (_gate)
        {
            var record = _records[id];
            record.Values[Schema[record.Type].Fields[field].Name] = value;
            Touch(record);
        }
    }

    /// <summary>Stores any value, even one of the wrong type (a malformed record), without touching SystemModstamp.</summary>
    public void SetRaw(string id, string field, object? value)
    {
        lock (_gate)
            _records[id].Values[field] = value;
    }

    /// <summary>Deletes a record (into the recycle bin: getDeleted lists it).</summary>
    public void Delete(string id)
    {
        lock (_gate)
        {
            var record = _records[id];
            _records.Remove(id);
            _deleted.Add((record.Type, id, Clock.Now));
        }
    }

    /// <summary>
    /// Merges <paramref name="loserId"/> into <paramref name="masterId"/> ("Merge Accounts"): the loser's children
    /// move to the master and the loser is deleted, so integrations see a deletion.
    /// </summary>
    public void Merge(string masterId, string loserId)
    {
        lock (_gate)
        {
            var type = _records[masterId].Type;
            foreach (var (_, (child, foreignKey)) in Schema[type].Children)
            {
                foreach (var r in _records.Values.Where(r => r.Type == child && Equals(r.Values.GetValueOrDefault(foreignKey), loserId)).ToList())
                {
                    r.Values[foreignKey] = masterId;
                    Touch(r);
                }
            }
            Touch(_records[masterId]);
            Delete(loserId);
        }
    }

    public object? Get(string id, string field)
    {
        lock (_gate)
            return _records.TryGetValue(id, out var r) ? r.Values.GetValueOrDefault(field) : null;
    }

    public bool Exists(string id)
    {
        lock (_gate)
            return _records.ContainsKey(id);
    }

    public IReadOnlyList<string> Ids(string type)
    {
        lock (_gate)
            return _records.Values.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(r => r.Id).ToList();
    }

    // ---- for the API ----

    internal string Insert(string type, Dictionary<string, object?> values)
    {
        lock (_gate)
        {
            var schema = Schema[type];
            var id = NewId(schema.KeyPrefix);
            var record = new FakeRecord(schema.Name, id);
            foreach (var (k, v) in values)
                record.Values[schema.Fields.TryGetValue(k, out var f) ? f.Name : k] = v;
            record.Values["Id"] = id;
            record.Values["CreatedDate"] = Clock.Now;
            record.Values["IsDeleted"] = false;
            Derive(record);
            Touch(record);
            _records[id] = record;
            return id;
        }
    }

    internal void Touch(FakeRecord record)
    {
        Derive(record);
        record.Values["SystemModstamp"] = Clock.Now;
        record.Values["LastModifiedDate"] = Clock.Now;
    }

    internal FakeRecord? Find(string id) => _records.GetValueOrDefault(id);

    internal IEnumerable<FakeRecord> All(string type) => _records.Values.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase));

    internal IEnumerable<(string Type, string Id, DateTimeOffset DeletedAt)> Deleted => _deleted;

    /// <summary>Fields Salesforce computes: a task's IsClosed from its status, an activity's AccountId from what/who, an opportunity's IsClosed/IsWon from its stage.</summary>
    private void Derive(FakeRecord record)
    {
        switch (record.Type)
        {
            case "Task" or "Event":
                if (record.Type == "Task")
                    record.Values["IsClosed"] = Equals(record.Values.GetValueOrDefault("Status"), "Completed");
                else if (record.Values.GetValueOrDefault("StartDateTime") is DateTimeOffset start)
                {
                    record.Values["ActivityDateTime"] = start;
                    record.Values["ActivityDate"] = DateOnly.FromDateTime(start.UtcDateTime);
                }
                var what = record.Values.GetValueOrDefault("WhatId") as string;
                var who = record.Values.GetValueOrDefault("WhoId") as string;
                record.Values["AccountId"] = what?.StartsWith("001", StringComparison.Ordinal) == true ? what
                    : what?.StartsWith("006", StringComparison.Ordinal) == true ? _records.GetValueOrDefault(what)?.Values.GetValueOrDefault("AccountId")
                    : who is not null ? _records.GetValueOrDefault(who)?.Values.GetValueOrDefault("AccountId")
                    : null;
                break;
            case "Opportunity":
                var stage = _records.Values.FirstOrDefault(s => s.Type == "OpportunityStage" && Equals(s.Values.GetValueOrDefault("ApiName"), record.Values.GetValueOrDefault("StageName")));
                record.Values["IsClosed"] = stage?.Values.GetValueOrDefault("IsClosed") ?? false;
                record.Values["IsWon"] = stage?.Values.GetValueOrDefault("IsWon") ?? false;
                record.Values["ForecastCategoryName"] = stage?.Values.GetValueOrDefault("ForecastCategoryName");
                break;
            case "OpportunityLineItem" when record.Values.GetValueOrDefault("Product2Id") is null && record.Values.GetValueOrDefault("PricebookEntryId") is string entry:
                record.Values["Product2Id"] = _records.GetValueOrDefault(entry)?.Values.GetValueOrDefault("Product2Id");
                break;
        }
    }

    private string StandardPricebookId()
    {
        var standard = _records.Values.FirstOrDefault(r => r.Type == "Pricebook2" && Equals(r.Values.GetValueOrDefault("IsStandard"), true));
        return standard?.Id ?? Insert("Pricebook2", new() { ["Name"] = "Standard Price Book", ["IsActive"] = true, ["IsStandard"] = true });
    }

    /// <summary>18-character ids: the object's key prefix, a pod-like "5g0000", a base-36 counter and a 3-character suffix.</summary>
    private string NewId(string prefix)
    {
        var n = _counters[prefix] = _counters.GetValueOrDefault(prefix) + 1;
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var counter = new char[6];
        for (var i = 5; i >= 0; i--, n /= 36)
            counter[i] = digits[n % 36];
        return prefix + "5g0000" + new string(counter) + "AAA";
    }
}

internal sealed class FakeRecord(string type, string id)
{
    public string Type { get; } = type;

    public string Id { get; } = id;

    public Dictionary<string, object?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Type} {Id}");
}
