using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Crm.Fakes.HubSpot;

/// <summary>
/// A strict local HubSpot: CRM v3 objects (list, read, batch read, search, create, update), owners, deal pipelines,
/// v4 association batch reads and the account's details (time zone, company currency), served over real HTTP on loopback. It refuses what HubSpot refuses (each rule commented
/// with its documentation page), stamps changes from <see cref="Now"/>, records every request, and can be told to
/// expire the token, throttle, or enforce a burst limit.
/// </summary>
public sealed partial class FakeHubSpot : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<long, FakeRecord>> _objects = new(StringComparer.Ordinal);
    private readonly List<FakeOwner> _owners = [];
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private long _nextId = 1000;
    private int _scripted429;
    private TimeSpan? _scriptedRetryAfter;
    private long _dailyUsed;

    private FakeHubSpot(WebApplication app, string token, DateTimeOffset now)
    {
        _app = app;
        Token = token;
        Now = now;
        foreach (var type in FakeHubSpotSchema.Properties.Keys)
            _objects[type] = [];
    }

    public static async Task<FakeHubSpot> StartAsync(string token = "pat-na1-fake-token", DateTimeOffset? now = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeHubSpot(app, token, now ?? new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The private app token the fake accepts.</summary>
    public string Token { get; set; }

    public FakeTokenState TokenState { get; set; } = FakeTokenState.Valid;

    /// <summary>Scopes the private app lacks (e.g. "crm.objects.deals.read"): requests needing one get 403 MISSING_SCOPES.</summary>
    public HashSet<string> MissingScopes { get; } = [];

    /// <summary>Requests allowed per rolling 10 seconds (wall clock); null: no limit.</summary>
    public int? RequestsPer10Seconds { get; set; }

    /// <summary>Search requests allowed per second (wall clock); null: no limit.</summary>
    public int? SearchRequestsPerSecond { get; set; }

    public long DailyLimit { get; set; } = 500_000;

    /// <summary>The CRM's clock: what creates and edits are stamped with.</summary>
    public DateTimeOffset Now { get; set; }

    public void Advance(TimeSpan by) => Now += by;

    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    public void ClearRequests() => _requests.Clear();

    /// <summary>The next <paramref name="count"/> requests are answered 429 (TEN_SECONDLY_ROLLING), with Retry-After if given.</summary>
    public void ThrottleNext(int count, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            _scripted429 = count;
            _scriptedRetryAfter = retryAfter;
        }
    }

    public List<FakePipeline> Pipelines { get; } = [FakePipeline.Default()];

    // ---- Seeding and editing ----------------------------------------------------------------------------------------

    public string AddOwner(string firstName, string lastName, string email, string? team = null, bool archived = false)
    {
        lock (_lock)
        {
            var id = NextId();
            _owners.Add(new FakeOwner
            {
                Id = id, FirstName = firstName, LastName = lastName, Email = email, UserId = 9_000_000 + long.Parse(id, CultureInfo.InvariantCulture),
                Teams = team is null ? [] : [new FakeTeam("t-" + team.ToLowerInvariant(), team, true)], Archived = archived, CreatedAt = Now, UpdatedAt = Now,
            });
            return id;
        }
    }

    public FakeOwner Owner(string id)
    {
        lock (_lock)
            return _owners.Single(o => o.Id == id);
    }

    public void ArchiveOwner(string id)
    {
        lock (_lock)
        {
            var owner = _owners.Single(o => o.Id == id);
            owner.Archived = true;
            owner.UpdatedAt = Now;
        }
    }

    public string AddCompany(string name, IDictionary<string, string?>? properties = null) =>
        Add("companies", With(properties, ("name", name)));

    public string AddContact(string firstName, string lastName, string? email = null, string? companyId = null, IDictionary<string, string?>? properties = null) =>
        Add("contacts", With(properties, ("firstname", firstName), ("lastname", lastName), ("email", email)), companies: Ids(companyId));

    /// <summary>A deal as a rep enters it; <paramref name="closeDate"/> is picked in the account's zone (<see cref="StartOfDay"/>).</summary>
    public string AddDeal(string name, decimal? amount = null, string stage = "appointmentscheduled", string? companyId = null, string? ownerId = null,
        DateOnly? closeDate = null, IDictionary<string, string?>? properties = null) =>
        Add("deals", With(properties, ("dealname", name), ("amount", amount?.ToString(CultureInfo.InvariantCulture)), ("dealstage", stage), ("pipeline", "default"),
            ("hubspot_owner_id", ownerId), ("closedate", closeDate is { } d ? Iso(StartOfDay(d)) : null)),
            companies: Ids(companyId));

    public string AddProduct(string name, decimal? price = null) =>
        Add("products", With(null, ("name", name), ("price", price?.ToString(CultureInfo.InvariantCulture))));

    /// <summary>
    /// A line item on a deal, as adding a product to the deal in HubSpot makes it: a copy of the product's name and
    /// price (products guide: a line item made from a product "will inherit property values from the product, such as
    /// price", https://developers.hubspot.com/docs/api-reference/latest/crm/objects/products/guide), its quantity, amount
    /// (quantity × price) and position, associated both ways with the deal (line item→deal 20, deal→line item 19).
    /// <paramref name="productId"/> null: a one-off line item that is in no product library.
    /// </summary>
    public string AddLineItem(string dealId, string? productId, decimal quantity = 1, int? position = null, string? name = null, decimal? price = null)
    {
        lock (_lock)
        {
            var product = productId is null ? null : _objects["products"][long.Parse(productId, CultureInfo.InvariantCulture)];
            var unit = price ?? (product?["price"] is { } p ? decimal.Parse(p, CultureInfo.InvariantCulture) : null);
            var id = Add("line_items", With(null, ("name", name ?? product?["name"] ?? "Line item"), ("hs_product_id", productId),
                ("quantity", quantity.ToString(CultureInfo.InvariantCulture)), ("price", unit?.ToString(CultureInfo.InvariantCulture)),
                ("amount", unit is { } u ? (u * quantity).ToString(CultureInfo.InvariantCulture) : null),
                ("hs_position_on_quote", position?.ToString(CultureInfo.InvariantCulture))), deals: [dealId]);
            var deal = _objects["deals"][long.Parse(dealId, CultureInfo.InvariantCulture)];
            if (!deal.Associations.TryGetValue("line_items", out var lineItems))
                deal.Associations["line_items"] = lineItems = [];
            lineItems.Add((id, FakeHubSpotSchema.SeedTypeId("deals", "line_items")));
            return id;
        }
    }

    /// <summary>
    /// Removes a line item from its deal as the deal's line item editor does: the line item is deleted (line items
    /// belong to one deal: line items guide, "Create a line item … associate it with a deal") and so no longer associated.
    /// </summary>
    public void RemoveLineItem(string dealId, string lineItemId)
    {
        lock (_lock)
        {
            _objects["line_items"][long.Parse(lineItemId, CultureInfo.InvariantCulture)].ArchivedAt = Now;
            var deal = _objects["deals"][long.Parse(dealId, CultureInfo.InvariantCulture)];
            if (deal.Associations.TryGetValue("line_items", out var lineItems))
                lineItems.RemoveAll(l => l.Id == lineItemId);
        }
    }

    /// <summary>A call, meeting, note or task ("calls"…), associated as given.</summary>
    public string AddEngagement(string type, DateTimeOffset timestamp, IDictionary<string, string?>? properties = null,
        string? dealId = null, string? companyId = null, IEnumerable<string>? contactIds = null) =>
        Add(type, With(properties, ("hs_timestamp", Iso(timestamp))), companies: Ids(companyId), deals: Ids(dealId), contacts: contactIds?.ToArray());

    /// <summary>
    /// Adds a record as given, without the validation a create through the API gets: how a test plants a malformed
    /// value (HubSpot imports and old integrations leave such values behind).
    /// </summary>
    public string Add(string type, IDictionary<string, string?> properties, string[]? companies = null, string[]? deals = null, string[]? contacts = null)
    {
        lock (_lock)
        {
            var record = new FakeRecord(type, NextId()) { CreatedAt = Now, UpdatedAt = Now };
            foreach (var (k, v) in properties)
            {
                if (v is not null)
                    record.Properties[k] = v;
            }
            Stamp(record, created: true);
            foreach (var (to, ids) in new[] { ("companies", companies), ("deals", deals), ("contacts", contacts) })
            {
                if (ids is { Length: > 0 })
                    record.Associations[to] = ids.Select(id => (id, FakeHubSpotSchema.SeedTypeId(type, to))).ToList();
            }
            _objects[type][long.Parse(record.Id, CultureInfo.InvariantCulture)] = record;
            return record.Id;
        }
    }

    public FakeRecord? Get(string type, string id)
    {
        lock (_lock)
            return _objects[type].GetValueOrDefault(long.Parse(id, CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<FakeRecord> All(string type)
    {
        lock (_lock)
            return _objects[type].Values.Where(r => r.ArchivedAt is null).ToList();
    }

    /// <summary>Edits properties as a user in HubSpot would, stamping the change with <see cref="Now"/>.</summary>
    public void Update(string type, string id, IDictionary<string, string?> properties)
    {
        lock (_lock)
        {
            var record = _objects[type][long.Parse(id, CultureInfo.InvariantCulture)];
            foreach (var (k, v) in properties)
                record.Properties[k] = v;
            Stamp(record, created: false);
        }
    }

    /// <summary>Deletes (archives) a record: it leaves lists and search and appears in <c>?archived=true</c> with archivedAt.</summary>
    public void Archive(string type, string id)
    {
        lock (_lock)
            _objects[type][long.Parse(id, CultureInfo.InvariantCulture)].ArchivedAt = Now;
    }

    /// <summary>Merges <paramref name="mergedId"/> into <paramref name="survivorId"/>: the merged record's id is gone and
    /// the survivor's hs_merged_object_ids lists it (CRM objects guide, "Merge records").</summary>
    public void Merge(string type, string survivorId, string mergedId)
    {
        lock (_lock)
        {
            var records = _objects[type];
            records.Remove(long.Parse(mergedId, CultureInfo.InvariantCulture));
            var survivor = records[long.Parse(survivorId, CultureInfo.InvariantCulture)];
            var merged = survivor["hs_merged_object_ids"];
            survivor.Properties["hs_merged_object_ids"] = string.IsNullOrEmpty(merged) ? mergedId : merged + ";" + mergedId;
            Stamp(survivor, created: false);
        }
    }

    private void Stamp(FakeRecord record, bool created)
    {
        record.UpdatedAt = Now;
        record.Properties["hs_object_id"] = record.Id;
        record.Properties[FakeHubSpotSchema.ModifiedProperty(record.Type)] = Iso(Now);
        if (created)
        {
            record.CreatedAt = Now;
            record.Properties.TryAdd("createdate", Iso(Now));
            if (FakeHubSpotSchema.Engagements.Contains(record.Type))
                record.Properties.TryAdd("hs_createdate", Iso(Now));
        }
    }

    private string NextId() => (++_nextId).ToString(CultureInfo.InvariantCulture);

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string[]? Ids(string? id) => id is null ? null : [id];

    private static Dictionary<string, string?> With(IDictionary<string, string?>? extra, params (string Key, string? Value)[] values)
    {
        var d = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            if (v is not null)
                d[k] = v;
        }
        if (extra is not null)
        {
            foreach (var (k, v) in extra)
                d[k] = v;
        }
        return d;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
