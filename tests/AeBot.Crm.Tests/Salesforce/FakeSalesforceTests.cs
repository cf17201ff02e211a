using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AeBot.Crm.Salesforce;

namespace AeBot.Crm.Tests.Salesforce;

/// <summary>The fake refuses what Salesforce refuses (raw HTTP, no client in between).</summary>
public sealed class FakeSalesforceTests : IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync(batchSize: 2000);

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(string assertion)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(_org.Fake.Url + "/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = assertion,
        }));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Token_endpoint_refuses_an_assertion_signed_with_a_key_other_than_the_certificates()
    {
        using var other = RSA.Create(2048);
        var (status, body) = await TokenAsync(SalesforceJwt.CreateAssertion(other, SalesforceTestOrg.ConsumerKey, SalesforceTestOrg.Username, _org.Fake.Url, _org.Fake.Clock.Now));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_endpoint_refuses_an_expired_assertion_a_user_not_pre_authorised_and_a_wrong_audience()
    {
        var now = _org.Fake.Clock.Now;
        var expired = await TokenAsync(SalesforceJwt.CreateAssertion(_org.Key, SalesforceTestOrg.ConsumerKey, SalesforceTestOrg.Username, _org.Fake.Url, now.AddMinutes(-10)));
        Assert.Equal("expired authorization code", expired.Body.GetProperty("error_description").GetString());
        var stranger = await TokenAsync(SalesforceJwt.CreateAssertion(_org.Key, SalesforceTestOrg.ConsumerKey, "someone@else.example", _org.Fake.Url, now));
        Assert.Equal("user hasn't approved this consumer", stranger.Body.GetProperty("error_description").GetString());
        var audience = await TokenAsync(SalesforceJwt.CreateAssertion(_org.Key, SalesforceTestOrg.ConsumerKey, SalesforceTestOrg.Username, "https://login.salesforce.com", now));
        Assert.Equal(HttpStatusCode.BadRequest, audience.Status);
        var app = await TokenAsync(SalesforceJwt.CreateAssertion(_org.Key, "another-app", SalesforceTestOrg.Username, _org.Fake.Url, now));
        Assert.Equal("invalid_client_id", app.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rest_calls_without_a_valid_session_get_401_INVALID_SESSION_ID()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(_org.Fake.Url + "/services/data/v62.0/query?q=SELECT+Id+FROM+Account");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", ErrorCode(await response.Content.ReadAsStringAsync()));

        var session = await _org.RawSessionAsync();
        _org.Fake.ExpireSessions();
        using var expired = await session.GetAsync("/services/data/v62.0/query?q=SELECT+Id+FROM+Account");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Theory]
    [InlineData("SELECT Id, Nonsense FROM Account", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Acount", "INVALID_TYPE")]
    [InlineData("SELECT Id FROM Account WHERE SystemModstamp >= '2026-12-01T10:00:00Z'", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Account WHERE SystemModstamp >= 2026-12-01", "INVALID_FIELD")]
    [InlineData("SELECT Id, CurrencyIsoCode FROM Opportunity", "INVALID_FIELD")]
    [InlineData("SELECT Id, (SELECT Id FROM LineItems) FROM Opportunity", "INVALID_TYPE")]
    [InlineData("SELECT Id FROM Account WHERE", "MALFORMED_QUERY")]
    [InlineData("SELECT FROM Account", "MALFORMED_QUERY")]
    public async Task Query_refuses_what_Salesforce_refuses(string soql, string errorCode)
    {
        var session = await _org.RawSessionAsync();
        using var response = await session.GetAsync("/services/data/v62.0/query?q=" + Uri.EscapeDataString(soql));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(errorCode, ErrorCode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Query_answers_2000_records_a_batch_with_a_nextRecordsUrl_until_done()
    {
        for (var i = 0; i < 2500; i++)
            _org.Org.AddAccount($"Account {i}");
        var session = await _org.RawSessionAsync();
        var first = JsonDocument.Parse(await session.GetStringAsync("/services/data/v62.0/query?q=" + Uri.EscapeDataString("SELECT Id, Name FROM Account"))).RootElement;
        Assert.Equal(2500, first.GetProperty("totalSize").GetInt32());
        Assert.False(first.GetProperty("done").GetBoolean());
        Assert.Equal(2000, first.GetProperty("records").GetArrayLength());
        var next = JsonDocument.Parse(await session.GetStringAsync(first.GetProperty("nextRecordsUrl").GetString())).RootElement;
        Assert.True(next.GetProperty("done").GetBoolean());
        Assert.Equal(500, next.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Every_rest_answer_carries_the_orgs_api_usage()
    {
        var session = await _org.RawSessionAsync();
        using var ok = await session.GetAsync("/services/data/v62.0/query?q=SELECT+Id+FROM+Account");
        using var bad = await session.GetAsync("/services/data/v62.0/query?q=SELECT+Nope+FROM+Account");
        Assert.Equal("api-usage=1/100000", ok.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal("api-usage=2/100000", bad.Headers.GetValues("Sforce-Limit-Info").Single());

        _org.Fake.ApiUsed = _org.Fake.DailyApiLimit;
        using var over = await session.GetAsync("/services/data/v62.0/query?q=SELECT+Id+FROM+Account");
        Assert.Equal(HttpStatusCode.Forbidden, over.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", ErrorCode(await over.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task GetDeleted_refuses_a_start_more_than_30_days_back_and_lists_deletions_within_the_window()
    {
        var id = _org.Org.AddAccount("Gone Ltd");
        _org.Org.Delete(id);
        var now = _org.Fake.Clock.Now;
        var session = await _org.RawSessionAsync();
        string Iso(DateTimeOffset d) => Uri.EscapeDataString(d.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture));

        using var old = await session.GetAsync($"/services/data/v62.0/sobjects/Account/deleted/?start={Iso(now.AddDays(-31))}&end={Iso(now)}");
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Equal("INVALID_REPLICATION_DATE", ErrorCode(await old.Content.ReadAsStringAsync()));

        var ok = JsonDocument.Parse(await session.GetStringAsync($"/services/data/v62.0/sobjects/Account/deleted/?start={Iso(now.AddDays(-1))}&end={Iso(now.AddMinutes(1))}")).RootElement;
        Assert.Equal(id, ok.GetProperty("deletedRecords")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Upsert_works_only_by_a_field_defined_as_external_id()
    {
        var session = await _org.RawSessionAsync();
        var body = new StringContent("""{"Subject":"Call","Status":"Completed","TaskSubtype":"Call"}""", Encoding.UTF8, "application/json");
        using var bySubject = await session.PatchAsync("/services/data/v62.0/sobjects/Task/Subject/abc", body);
        Assert.Equal(HttpStatusCode.NotFound, bySubject.StatusCode);
        Assert.Equal("NOT_FOUND", ErrorCode(await bySubject.Content.ReadAsStringAsync()));

        using var created = await session.PatchAsync("/services/data/v62.0/sobjects/Task/AeBot_Key__c/aebot-1",
            new StringContent("""{"Subject":"Call","Status":"Completed","TaskSubtype":"Call"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // TaskSubtype is create-only: an upsert that updates may not send it.
        using var again = await session.PatchAsync("/services/data/v62.0/sobjects/Task/AeBot_Key__c/aebot-1",
            new StringContent("""{"Subject":"Call","TaskSubtype":"Call"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", ErrorCode(await again.Content.ReadAsStringAsync()));
        Assert.Single(_org.Org.Ids("Task"));
    }

    private static string? ErrorCode(string body) => JsonDocument.Parse(body).RootElement[0].GetProperty("errorCode").GetString();

    [Fact]
    public async Task Query_with_Id_IN_finds_records_by_quoted_15_and_18_character_ids_and_refuses_a_malformed_list()
    {
        var first = _org.Org.AddAccount("Acme Corp");
        var second = _org.Org.AddAccount("Globex");
        _org.Org.AddAccount("Initech");
        var session = await _org.RawSessionAsync();
        async Task<(HttpStatusCode Status, string Body)> Query(string soql)
        {
            using var response = await session.GetAsync("/services/data/v62.0/query?q=" + Uri.EscapeDataString(soql));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var found = await Query($"SELECT Id FROM Account WHERE Id IN ('{first}', '{second[..15]}')");
        Assert.Equal(HttpStatusCode.OK, found.Status);
        var ids = JsonDocument.Parse(found.Body).RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()).ToList();
        Assert.Equal([first, second], ids);

        var notAnId = await Query("SELECT Id FROM Account WHERE Id IN ('not-an-id')");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_QUERY_FILTER_OPERATOR"), (notAnId.Status, ErrorCode(notAnId.Body)));
        Assert.Equal("MALFORMED_QUERY", ErrorCode((await Query("SELECT Id FROM Account WHERE Id IN ()")).Body));
        Assert.Equal("MALFORMED_QUERY", ErrorCode((await Query($"SELECT Id FROM Account WHERE Id IN ('{first}' '{second}')")).Body));
        Assert.Equal("MALFORMED_QUERY", ErrorCode((await Query($"SELECT Id FROM Account WHERE Id IN '{first}'")).Body));
        Assert.Equal("MALFORMED_QUERY", ErrorCode((await Query($"SELECT Id FROM Account WHERE Id IN ('{first}'")).Body));
    }

    [Fact]
    public async Task A_query_URI_longer_than_16384_bytes_is_refused_414()
    {
        var session = await _org.RawSessionAsync();
        var ids = string.Join(",", Enumerable.Range(0, 800).Select(i => $"'001000000000{i:D3}AAA'"));
        using var response = await session.GetAsync("/services/data/v62.0/query?q=" + Uri.EscapeDataString($"SELECT Id FROM Account WHERE Id IN ({ids})"));
        Assert.Equal((HttpStatusCode)414, response.StatusCode);
    }

    [Fact]
    public async Task Delete_a_record_answers_204_then_404_ENTITY_IS_DELETED_and_getDeleted_lists_it()
    {
        var task = _org.Org.AddTask("Call back");
        var session = await _org.RawSessionAsync();
        using var first = await session.DeleteAsync($"/services/data/v62.0/sobjects/Task/{task}");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.False(_org.Org.Exists(task));
        using var again = await session.DeleteAsync($"/services/data/v62.0/sobjects/Task/{task}");
        Assert.Equal((HttpStatusCode.NotFound, "ENTITY_IS_DELETED"), (again.StatusCode, ErrorCode(await again.Content.ReadAsStringAsync())));
    }
}
