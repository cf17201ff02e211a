using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AeBot.Crm.HubSpot;

// The shapes of HubSpot's CRM v3/v4 answers, as far as AeBot reads them. Property values are always strings in v3
// (numbers and dates included), so they stay strings here and are parsed where a malformed one can be skipped.

internal sealed record HsObject(
    string Id, Dictionary<string, string?>? Properties, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, bool Archived,
    DateTimeOffset? ArchivedAt, Dictionary<string, HsAssociationList>? Associations)
{
    public string? Get(string property) => Properties is not null && Properties.TryGetValue(property, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}

internal sealed record HsAssociationList(List<HsAssociationRef> Results);

internal sealed record HsAssociationRef(string Id, string? Type);

internal sealed record HsNext(string After);

internal sealed record HsPaging(HsNext? Next);

internal sealed record HsCollection<T>(List<T> Results, HsPaging? Paging, int? Total);

internal sealed record HsTeam(string Id, string? Name, bool Primary);

internal sealed record HsOwner(
    string Id, string? Email, string? FirstName, string? LastName, long? UserId, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt,
    bool Archived, List<HsTeam>? Teams);

internal sealed record HsStage(string Id, string Label, int DisplayOrder, Dictionary<string, JsonElement>? Metadata, bool Archived);

internal sealed record HsPipeline(string Id, string Label, int DisplayOrder, List<HsStage> Stages, bool Archived);

internal sealed record HsObjectId(string Id);

internal sealed record HsAssociationTarget(JsonElement ToObjectId);

/// <summary>One record's associations; <see cref="Paging"/> is there only when it has more than a page holds.</summary>
internal sealed record HsAssociationResult(HsObjectId From, List<HsAssociationTarget> To, HsPaging? Paging = null);

internal sealed record HsAssociationBatch(List<HsAssociationResult> Results);

/// <summary>GET /account-info/v3/details, as far as AeBot reads it (account information reference).</summary>
internal sealed record HsAccountDetails(long? PortalId, string? TimeZone, string? CompanyCurrency, long? UtcOffsetMilliseconds);

/// <summary>A batch read's answer: the records found (ids it could not find are in its errors, with status 207).</summary>
internal sealed record HsBatch(List<HsObject> Results);

internal static class HubSpotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>HubSpot writes datetimes as ISO 8601 (v3 answers) or epoch milliseconds (what it accepts and some old values).</summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    public static string Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
