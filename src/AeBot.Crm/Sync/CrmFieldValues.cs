using System.Globalization;
using System.Text.Json;
using AeBot.Crm.Sources;

namespace AeBot.Crm.Sync;

/// <summary>
/// A deal's write-back fields as last synced from (or written to) the CRM, each with when: stored on its link row
/// (<see cref="Data.Crm.CrmRecordRow.Fields"/>). A write-back compares the CRM's current value with these to tell
/// "unchanged since AeBot last saw it" from "someone changed it in the CRM".
/// </summary>
internal sealed class CrmFieldValues
{
    private readonly Dictionary<string, string?[]> _values;

    private CrmFieldValues(Dictionary<string, string?[]> values) => _values = values;

    public static CrmFieldValues Parse(string? json) =>
        new(string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string?[]>>(json) ?? []);

    public string? Get(CrmDealField field) => _values.TryGetValue(field.ToString(), out var v) ? v[0] : null;

    public bool Has(CrmDealField field) => _values.ContainsKey(field.ToString());

    public DateTimeOffset? At(CrmDealField field) =>
        _values.TryGetValue(field.ToString(), out var v) && v.Length > 1 && DateTimeOffset.TryParse(v[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>Records the value; the time moves only when the value changes. True when it changed.</summary>
    public bool Set(CrmDealField field, string? value, DateTimeOffset at)
    {
        var key = field.ToString();
        value = Clip(value);
        if (_values.TryGetValue(key, out var old) && old[0] == value)
            return false;
        _values[key] = [value, at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)];
        return true;
    }

    public string Serialize() => JsonSerializer.Serialize(_values);

    /// <summary>
    /// Long texts (a loss reason with an e-mail pasted in) are kept to their first 300 characters: enough to tell a
    /// change, and six fields stay well inside the column.
    /// </summary>
    public static string? Clip(string? value) => value is { Length: > 300 } ? value[..300] : value;

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Money(decimal? amount) => amount?.ToString("0.############", CultureInfo.InvariantCulture);
}
