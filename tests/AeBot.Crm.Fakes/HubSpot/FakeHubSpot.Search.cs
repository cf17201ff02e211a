using System.Globalization;
using System.Text.Json.Nodes;

namespace AeBot.Crm.Fakes.HubSpot;

public sealed partial class FakeHubSpot
{
    /// <summary>
    /// POST /crm/v3/objects/{type}/search, refusing what the search guide's "Limitations" refuse
    /// (https://developers.hubspot.com/docs/api-reference/latest/crm/search-the-crm): at most five filterGroups with up to six
    /// filters each and 18 in all; at most 200 results a page; a request body of at most 3,000 characters; no paging
    /// beyond the first 10,000 results ("Attempting to page beyond 10,000 will result in a 400 error"). A filter or sort
    /// on a property the object does not have is a 400 too. Results are ANDed within a group and ORed across groups.
    /// </summary>
    /// <summary>
    /// How long a create or edit takes to reach the search index: records changed less than this before <see cref="Now"/>
    /// are not found by search yet ("Limitations": it may take a few moments for newly created or updated objects to
    /// appear in search results, https://developers.hubspot.com/docs/api-reference/latest/crm/search-the-crm). Reads by id,
    /// lists and batch reads see them at once. Zero: indexed at once.
    /// </summary>
    public TimeSpan SearchLag { get; set; } = TimeSpan.Zero;

    private JsonNode Search(string type, string body)
    {
        if (body.Length > 3000)
            throw Invalid($"The request body is {body.Length} characters; a search may have at most 3000.");
        var input = Parse(body);
        var limit = input["limit"]?.GetValue<int>() ?? 10;
        if (limit is < 1 or > 200)
            throw Invalid($"limit must be between 1 and 200, was {limit}");
        var offset = Offset(input["after"]?.ToString());
        if (offset >= 10_000)
            throw Invalid("Paging beyond 10,000 results is not supported: the search endpoints are limited to 10,000 total results for any given query.");
        var groups = input["filterGroups"]?.AsArray() ?? [];
        if (groups.Count > 5)
            throw Invalid($"Too many filter groups ({groups.Count}); the maximum is 5.");
        var filters = new List<List<(string Property, string Operator, JsonNode? Filter)>>();
        foreach (var group in groups)
        {
            var list = group?["filters"]?.AsArray() ?? [];
            if (list.Count > 6)
                throw Invalid($"Too many filters in a group ({list.Count}); the maximum is 6.");
            filters.Add(list.Select(f =>
            {
                var property = f?["propertyName"]?.GetValue<string>() ?? throw Invalid("propertyName is required");
                var op = f["operator"]?.GetValue<string>() ?? "EQ";
                if (!FakeHubSpotSchema.Knows(type, property))
                    throw Invalid($"There was a problem with the request: property '{property}' does not exist on {type}.");
                if (!FakeHubSpotSchema.Operators.Contains(op))
                    throw Invalid($"Unknown filter operator '{op}'.");
                return (property, op, (JsonNode?)f);
            }).ToList());
        }
        if (filters.Sum(g => g.Count) > 18)
            throw Invalid("Too many filters; the maximum is 18 across all groups.");
        var sorts = (input["sorts"]?.AsArray() ?? []).Select(s => (
            Property: s is JsonValue v ? v.GetValue<string>() : s?["propertyName"]?.GetValue<string>() ?? throw Invalid("sort propertyName is required"),
            Descending: s is JsonObject o && o["direction"]?.GetValue<string>() == "DESCENDING")).ToList();
        foreach (var sort in sorts)
        {
            if (!FakeHubSpotSchema.Knows(type, sort.Property))
                throw Invalid($"There was a problem with the request: cannot sort on '{sort.Property}', which does not exist on {type}.");
        }
        var properties = (input["properties"]?.AsArray() ?? []).Select(p => p!.GetValue<string>()).ToList();

        var indexedUpTo = Now - SearchLag;
        IEnumerable<FakeRecord> matches = _objects[type].Values.Where(r => r.ArchivedAt is null && r.UpdatedAt <= indexedUpTo
            && (filters.Count == 0 || filters.Any(g => g.All(f => Matches(r, f.Property, f.Operator, f.Filter!)))));
        IOrderedEnumerable<FakeRecord>? ordered = null;
        foreach (var (property, descending) in sorts)
        {
            Func<FakeRecord, IComparable> key = r => SortKey(property, r[property]);
            ordered = ordered is null
                ? descending ? matches.OrderByDescending(key) : matches.OrderBy(key)
                : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        }
        var all = (ordered?.ThenBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture)) ?? matches.OrderBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture))).ToList();
        var page = all.Skip(offset).Take(limit).Select(r => Json(r, properties, [])).ToArray();
        return Collection(page, offset + limit < all.Count ? offset + limit : null, total: all.Count);
    }

    private static IComparable SortKey(string property, string? value)
    {
        if (value is null)
            return (0, 0m, "");
        if (FakeHubSpotSchema.DateProperties.Contains(property) && TryInstant(value, out var at))
            return (1, (decimal)at.ToUnixTimeMilliseconds(), "");
        if (FakeHubSpotSchema.NumberProperties.Contains(property) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
            return (1, d, "");
        return (1, 0m, value);
    }

    private static bool Matches(FakeRecord record, string property, string op, JsonNode filter)
    {
        var value = record[property];
        switch (op)
        {
            case "HAS_PROPERTY":
                return !string.IsNullOrEmpty(value);
            case "NOT_HAS_PROPERTY":
                return string.IsNullOrEmpty(value);
            case "IN":
            case "NOT_IN":
                var values = filter["values"]?.AsArray().Select(v => v!.ToString()).ToList() ?? [];
                var found = value is not null && values.Any(v => Compare(property, value, v) == 0);
                return op == "IN" ? found : !found;
            case "CONTAINS_TOKEN":
            case "NOT_CONTAINS_TOKEN":
                var token = filter["value"]?.ToString()?.Trim('*') ?? "";
                var contains = value?.Contains(token, StringComparison.OrdinalIgnoreCase) == true;
                return op == "CONTAINS_TOKEN" ? contains : !contains;
        }
        var operand = filter["value"]?.ToString();
        if (value is null || operand is null)
            return op == "NEQ" && value is not null;
        var c = Compare(property, value, operand);
        return op switch
        {
            "EQ" => c == 0,
            "NEQ" => c != 0,
            "LT" => c < 0,
            "LTE" => c <= 0,
            "GT" => c > 0,
            "GTE" => c >= 0,
            "BETWEEN" => c >= 0 && filter["highValue"]?.ToString() is { } high && Compare(property, value, high) <= 0,
            _ => false,
        };
    }

    /// <summary>Datetimes compare as instants (filter values are epoch milliseconds or ISO 8601), numbers as numbers.</summary>
    private static int Compare(string property, string stored, string operand)
    {
        if (FakeHubSpotSchema.DateProperties.Contains(property) && TryInstant(stored, out var a) && TryInstant(operand, out var b))
            return a.CompareTo(b);
        if (FakeHubSpotSchema.NumberProperties.Contains(property)
            && decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(operand, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
            return x.CompareTo(y);
        return string.Compare(stored, operand, StringComparison.OrdinalIgnoreCase);
    }
}
