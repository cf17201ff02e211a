using System.Globalization;
using System.Text.Json;

namespace AeBot.Crm.Salesforce;

/// <summary>
/// A record of a query answer, read by field. A value of the wrong shape throws <see cref="FormatException"/>: the
/// caller skips that record (CrmSkipped) and goes on. Salesforce's JSON: dates yyyy-MM-dd, datetimes
/// 2026-12-01T10:00:00.000+0000, numbers as JSON numbers, a parent's field as a nested object (UserRole.Name), a
/// child subquery as a nested query result.
/// </summary>
internal readonly struct SalesforceRecord(JsonElement element)
{
    public string Id => Text("Id") is { Length: 15 or 18 } id ? id : throw new FormatException("Id is missing or not a Salesforce id.");

    public string? IdOrNull => element.ValueKind == JsonValueKind.Object && element.TryGetProperty("Id", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public string? Text(string path)
    {
        var v = Get(path);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.String => v.GetString(),
            _ => throw new FormatException($"{path} is not text."),
        };
    }

    public string Required(string path) =>
        Text(path) is { Length: > 0 } s ? s : throw new FormatException($"{path} is missing.");

    public bool? Bool(string path)
    {
        var v = Get(path);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{path} is not true or false."),
        };
    }

    public decimal? Decimal(string path)
    {
        var v = Get(path);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            _ => throw new FormatException($"{path} is not a number: {v.GetRawText()}."),
        };
    }

    public int? Int(string path) => Decimal(path) is { } d
        ? d == Math.Truncate(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : throw new FormatException($"{path} is not a whole number: {d}.")
        : null;

    public DateOnly? Date(string path) => Text(path) is { } s
        ? DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new FormatException($"{path} is not a date: '{s}'.")
        : null;

    public DateTimeOffset? DateTime(string path) => Text(path) is { } s ? ParseDateTime(s) ?? throw new FormatException($"{path} is not a datetime: '{s}'.") : null;

    public DateTimeOffset RequiredDateTime(string path) => DateTime(path) ?? throw new FormatException($"{path} is missing.");

    /// <summary>The records of a child subquery (null when it matched none, as Salesforce answers).</summary>
    public IEnumerable<SalesforceRecord> Children(string relationship)
    {
        var v = Get(relationship);
        if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var r in records.EnumerateArray())
            yield return new SalesforceRecord(r);
    }

    internal static DateTimeOffset? ParseDateTime(string s)
    {
        // Salesforce writes the offset without a colon (+0000), which DateTimeOffset does not read.
        if (s.Length > 5 && (s[^5] == '+' || s[^5] == '-') && char.IsAsciiDigit(s[^1]) && s[^3] != ':')
            s = s[..^2] + ":" + s[^2..];
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.ToUniversalTime() : null;
    }

    private JsonElement Get(string path)
    {
        var current = element;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
                return default;
        }
        return current;
    }
}
