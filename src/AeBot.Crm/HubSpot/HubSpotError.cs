using System.Net;
using System.Text.Json;
using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

/// <summary>
/// HubSpot's error answer: <c>{"status":"error","message":…,"category":…,"errors":[{"message":…,"context":{…}}],
/// "correlationId":…}</c>; every field optional (developers.hubspot.com/docs/api-reference/error-handling and
/// developers.hubspot.com/docs/faq/api-error-responses). 429s add <c>policyName</c> (TEN_SECONDLY_ROLLING, DAILY…).
/// </summary>
internal sealed record HubSpotError(int Status, string? Message, string? Category, string? PolicyName, string? CorrelationId, IReadOnlyList<string> Scopes, TimeSpan? RetryAfter)
{
    public static async Task<HubSpotError> ReadAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        string? message = null, category = null, policy = null, correlation = null;
        var scopes = new List<string>();
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    message = Str(root, "message");
                    category = Str(root, "category");
                    policy = Str(root, "policyName");
                    correlation = Str(root, "correlationId");
                    CollectScopes(root, scopes);
                }
            }
        }
        catch (JsonException)
        {
            // A gateway's HTML page or similar: the status alone decides.
        }
        return new((int)response.StatusCode, message, category, policy, correlation, scopes.Distinct().ToList(), RetryAfterOf(response, time));
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } retry)
            return null;
        if (retry.Delta is { } delta)
            return delta;
        if (retry.Date is { } date)
            return date - time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // 403 MISSING_SCOPES names the scopes in context.requiredGranularScopes (or requiredScopes), at the top or per error.
    private static void CollectScopes(JsonElement e, List<string> into)
    {
        if (e.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in new[] { "requiredGranularScopes", "requiredScopes", "missingScopes" })
            {
                if (context.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array)
                    into.AddRange(list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
            }
        }
        if (e.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in errors.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
                CollectScopes(inner, into);
        }
    }

    public bool IsDailyLimit => string.Equals(PolicyName, "DAILY", StringComparison.OrdinalIgnoreCase);

    public CrmException ToException(string what, TimeSpan throttledFallback)
    {
        var detail = string.IsNullOrWhiteSpace(Message) ? "" : $": {Message}";
        var reference = CorrelationId is null ? "" : $" (HubSpot correlation id {CorrelationId})";
        return Status switch
        {
            (int)HttpStatusCode.Unauthorized => new CrmAuthException(
                $"HubSpot refused the access token ({Category ?? "401"}){detail}. Check Crm:HubSpot:AccessToken: the private app's token, "
                + "replaced if it was rotated or revoked."),
            (int)HttpStatusCode.Forbidden => new CrmAuthException(Scopes.Count > 0
                ? $"HubSpot's private app lacks the scope {string.Join(" / ", Scopes)} needed to {what}: add it to the app (Settings → Integrations → Private apps → Scopes)."
                : $"HubSpot refused to let the private app {what} ({Category ?? "403"}){detail}."),
            429 when IsDailyLimit => new CrmLimitException($"HubSpot's daily API limit is used up{detail}{reference}.", null),
            429 => new CrmThrottledException($"HubSpot is throttling requests ({PolicyName ?? "rate limit"}) while AeBot tried to {what}.", RetryAfter ?? throttledFallback),
            >= 500 => new CrmException($"HubSpot failed ({Status}) while AeBot tried to {what}{detail}{reference}.", retryable: true),
            _ => new CrmRejectedException($"HubSpot refused to {what} ({Status}{(Category is null ? "" : " " + Category)}){detail}{reference}.", Status),
        };
    }
}
