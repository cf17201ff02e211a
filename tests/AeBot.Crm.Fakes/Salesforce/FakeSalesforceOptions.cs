namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>
/// What the fake org's connected app and limits are: the JWT bearer flow's checks
/// (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm), the query batch size
/// (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm) and the daily API
/// allowance reported in Sforce-Limit-Info (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
/// </summary>
public sealed class FakeSalesforceOptions
{
    /// <summary>The connected app's consumer key: the JWT's iss must be this.</summary>
    public string ConsumerKey { get; init; } = "3MVG9fake.consumer.key";

    /// <summary>The certificate (or public key) uploaded to the connected app, PEM: the JWT's signature must verify with it.</summary>
    public required string CertificatePem { get; init; }

    /// <summary>Users the connected app is pre-authorised for (admin-approved users, by profile or permission set).</summary>
    public IReadOnlyCollection<string> PreAuthorizedUsers { get; init; } = ["integration@aebot.example"];

    public DateTimeOffset Start { get; init; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Records per query answer: 2,000 is Salesforce's default and most ("Query").</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>The org's daily API request allowance (Enterprise Edition: 100,000 plus per-licence extras).</summary>
    public long DailyApiLimit { get; init; } = 100_000;
}
