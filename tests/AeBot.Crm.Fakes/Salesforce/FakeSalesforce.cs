using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>
/// A strict fake Salesforce org over real HTTP (Kestrel on 127.0.0.1, a free port): the OAuth token endpoint of the
/// JWT bearer flow and the REST API resources AeBot uses, refusing what Salesforce refuses with Salesforce's status
/// codes and error bodies. Login URL and instance URL are both <see cref="Url"/>.
/// </summary>
public sealed class FakeSalesforce : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeSalesforceOptions _options;
    private readonly RSA _certificateKey;
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _cursors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeSalesforceRequest> _requests = new();
    private readonly List<(Func<FakeSalesforceRequest, bool> When, int Status, string Code, string Message)> _failures = [];
    private long _apiUsed;

    private FakeSalesforce(WebApplication app, FakeSalesforceOptions options)
    {
        _app = app;
        _options = options;
        _certificateKey = options.CertificatePem.Contains("CERTIFICATE", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(options.CertificatePem).GetRSAPublicKey() ?? throw new ArgumentException("The certificate has no RSA key.")
            : ImportPublicKey(options.CertificatePem);
        Clock = new FakeClock(options.Start);
        Org = new FakeSalesforceOrg(Clock);
        DailyApiLimit = options.DailyApiLimit;
    }

    public FakeSalesforceOrg Org { get; }

    public FakeClock Clock { get; }

    /// <summary>http://127.0.0.1:port — the login URL, the JWT's audience and the instance URL.</summary>
    public string Url { get; private set; } = "";

    public IReadOnlyList<FakeSalesforceRequest> Requests => _requests.ToArray();

    /// <summary>Requests counted against the daily allowance so far (settable, to start a test near the limit).</summary>
    public long ApiUsed
    {
        get => Interlocked.Read(ref _apiUsed);
        set => Interlocked.Exchange(ref _apiUsed, value);
    }

    public long DailyApiLimit { get; set; }

    public static async Task<FakeSalesforce> StartAsync(FakeSalesforceOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Kestrel's own 8 KB request-line cap would answer before the fake does: Salesforce's is 16,384 bytes (below).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestLineSize = 64 * 1024);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSalesforce(app, options);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Url = app.Urls.First().TrimEnd('/');
        return fake;
    }

    /// <summary>Revokes every session: the next REST call gets 401 INVALID_SESSION_ID, as after a timeout or a revoke.</summary>
    public void ExpireSessions() => _sessions.Clear();

    /// <summary>The next <paramref name="times"/> REST requests (matching <paramref name="when"/>) get this error instead.</summary>
    public void FailNext(int status, string errorCode, string message, int times = 1, Func<FakeSalesforceRequest, bool>? when = null)
    {
        lock (_failures)
        {
            for (var i = 0; i < times; i++)
                _failures.Add((when ?? (_ => true), status, errorCode, message));
        }
    }

    /// <summary>503 Server Unavailable ("Status Codes and Error Responses": the server is overloaded or down for maintenance).</summary>
    public void FailNextWithServiceUnavailable(int times = 1) =>
        FailNext(503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable, please try again later.", times);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificateKey.Dispose();
    }

    // ---- dispatch ----

    private async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(ctx.RequestAborted);
        var path = request.Path.Value ?? "";
        var record = new FakeSalesforceRequest(request.Method, path, request.QueryString.Value ?? "",
            request.Query.TryGetValue("q", out var q) ? q.ToString() : null, body.Length == 0 ? null : body, 0);
        ctx.Response.Headers.Date = Clock.Now.ToString("R", CultureInfo.InvariantCulture);
        int status;
        JsonNode? answer;
        try
        {
            if (path.Equals("/services/oauth2/token", StringComparison.Ordinal))
                (status, answer) = Token(request, body);
            else if (path.StartsWith("/services/data/", StringComparison.Ordinal))
            {
                // "In each REST call, the maximum length for the combined URI and headers is 16,384 bytes … If the URI
                // itself exceeds this limit, the request returns a 414 URI Too Long error" (Knowledge article 000386264).
                var uriLength = (request.Path.Value ?? "").Length + (request.QueryString.Value ?? "").Length;
                if (uriLength > 16_384)
                    throw new FakeSalesforceError(414, "URI_TOO_LONG", "URI Too Long");
                (status, answer) = Rest(ctx, record, body);
            }
            else
                throw FakeSalesforceError.NotFound();
        }
        catch (FakeSalesforceError e)
        {
            status = e.Status;
            answer = new JsonArray(new JsonObject { ["message"] = e.Message, ["errorCode"] = e.ErrorCode });
        }
        _requests.Enqueue(record with { Status = status });
        ctx.Response.StatusCode = status;
        if (answer is not null)
        {
            ctx.Response.ContentType = "application/json;charset=UTF-8";
            await ctx.Response.WriteAsync(answer.ToJsonString(), ctx.RequestAborted);
        }
    }

    private (int, JsonNode?) Rest(HttpContext ctx, FakeSalesforceRequest record, string body)
    {
        // Every REST answer carries the org's usage ("Limit Info Header").
        void LimitHeader() => ctx.Response.Headers["Sforce-Limit-Info"] = $"api-usage={ApiUsed}/{DailyApiLimit}";

        var auth = ctx.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : auth.StartsWith("OAuth ", StringComparison.Ordinal) ? auth[6..] : "";
        if (!_sessions.ContainsKey(token))
            throw new FakeSalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid");

        lock (_failures)
        {
            var i = _failures.FindIndex(f => f.When(record));
            if (i >= 0)
            {
                var f = _failures[i];
                _failures.RemoveAt(i);
                LimitHeader();
                throw new FakeSalesforceError(f.Status, f.Code, f.Message);
            }
        }
        // The org's rolling 24-hour allowance is spent: 403 REQUEST_LIMIT_EXCEEDED ("API Request Limits and Allocations").
        if (ApiUsed >= DailyApiLimit)
        {
            LimitHeader();
            throw new FakeSalesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        Interlocked.Increment(ref _apiUsed);
        LimitHeader();

        var segments = record.Path["/services/data/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = segments.Length > 0 ? segments[0] : "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^v\d{2}\.0$"))
            throw FakeSalesforceError.NotFound();
        var method = ctx.Request.Method;
        return (segments[1..], method) switch
        {
            (["query"], "GET") => Query(record.Soql, version),
            // "QueryAll": like Query, plus the recycle bin's records and archived tasks and events. The fake keeps no
            // recycle bin values and archives nothing, so it answers what Query answers (IsDeleted is false on all).
            (["queryAll"], "GET") => Query(record.Soql, version),
            (["query", var locator], "GET") => QueryMore(locator, version),
            (["sobjects", var type, "deleted"], "GET") => GetDeleted(type, ctx.Request.Query["start"], ctx.Request.Query["end"]),
            (["sobjects", var type, var id], "GET") => Retrieve(type, id, ctx.Request.Query["fields"], version),
            (["sobjects", var type, var id], "PATCH") => Update(type, id, body),
            (["sobjects", var type, var id], "DELETE") => Delete(type, id),
            (["sobjects", var type, var field, var value], "PATCH") => Upsert(type, field, Uri.UnescapeDataString(value), body),
            _ => throw FakeSalesforceError.NotFound(),
        };
    }

    // ---- OAuth 2.0 JWT bearer flow ----

    /// <summary>
    /// "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration": the assertion's signature must verify with the
    /// connected app's certificate, iss be its consumer key, sub a user pre-authorised for it, aud the login server,
    /// exp in the future and within three minutes. Refusals are 400 {"error","error_description"} ("OAuth 2.0
    /// Authorization Errors"; RFC 7523).
    /// </summary>
    private (int, JsonNode?) Token(HttpRequest request, string body)
    {
        static (int, JsonNode?) Refuse(string error, string description) =>
            (400, new JsonObject { ["error"] = error, ["error_description"] = description });

        if (request.Method != "POST" || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            return Refuse("invalid_request", "must use HTTP POST with application/x-www-form-urlencoded");
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        if (form.GetValueOrDefault("grant_type").ToString() != "urn:ietf:params:oauth:grant-type:jwt-bearer")
            return Refuse("unsupported_grant_type", "grant type not supported");
        var parts = form.GetValueOrDefault("assertion").ToString().Split('.');
        if (parts.Length != 3)
            return Refuse("invalid_grant", "invalid assertion");
        JsonElement header, claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return Refuse("invalid_grant", "invalid assertion");
        }
        string? Claim(string name) => claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            return Refuse("invalid_grant", "invalid assertion");
        if (!_certificateKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            return Refuse("invalid_grant", "invalid assertion");
        if (Claim("iss") != _options.ConsumerKey)
            return Refuse("invalid_client_id", "client identifier invalid");
        if (Claim("aud")?.TrimEnd('/') != Url)
            return Refuse("invalid_grant", "audience is invalid");
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number)
            return Refuse("invalid_grant", "invalid assertion");
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64());
        if (expires <= Clock.Now)
            return Refuse("invalid_grant", "expired authorization code");
        if (expires > Clock.Now.AddMinutes(3).AddSeconds(30))
            return Refuse("invalid_grant", "invalid assertion: exp must be within 3 minutes");
        var user = Claim("sub");
        if (user is null || !_options.PreAuthorizedUsers.Contains(user, StringComparer.OrdinalIgnoreCase))
            return Refuse("invalid_grant", "user hasn't approved this consumer");

        var accessToken = "00D5g0000FAKEORG!" + System.Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _sessions[accessToken] = user;
        return (200, new JsonObject
        {
            ["access_token"] = accessToken,
            ["scope"] = "api",
            ["instance_url"] = Url,
            ["id"] = $"{Url}/id/00D5g0000FAKEORG/0055g0000INTEGR",
            ["token_type"] = "Bearer",
        });
    }

    // ---- query ----

    /// <summary>
    /// "Query": up to <see cref="FakeSalesforceOptions.BatchSize"/> records a batch; if more, done false and a
    /// nextRecordsUrl (/services/data/vXX.X/query/01g…-2000) for "Query More Results".
    /// </summary>
    private (int, JsonNode?) Query(string? soql, string version)
    {
        if (string.IsNullOrWhiteSpace(soql))
            throw FakeSalesforceError.Malformed("q is required");
        var parsed = FakeSoql.Parse(soql);
        List<JsonObject> rows;
        lock (Org.Gate)
            rows = FakeSoql.Run(parsed, Org, version);
        var cursor = "01g5g0000" + System.Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        _cursors[cursor] = rows;
        return Batch(cursor, 0, version);
    }

    private (int, JsonNode?) QueryMore(string locator, string version)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || !_cursors.ContainsKey(locator[..dash]))
            throw new FakeSalesforceError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        return Batch(locator[..dash], offset, version);
    }

    private (int, JsonNode?) Batch(string cursor, int offset, string version)
    {
        var rows = _cursors[cursor];
        var batch = rows.Skip(offset).Take(_options.BatchSize).Select(r => r.DeepClone()).ToArray();
        var next = offset + batch.Length;
        var answer = new JsonObject { ["totalSize"] = rows.Count, ["done"] = next >= rows.Count };
        if (next < rows.Count)
            answer["nextRecordsUrl"] = $"/services/data/{version}/query/{cursor}-{next}";
        else
            _cursors.TryRemove(cursor, out _);
        answer["records"] = new JsonArray(batch);
        return (200, answer);
    }

    // ---- getDeleted ----

    /// <summary>
    /// "sObject Get Deleted" (and SOAP getDeleted()'s rules): start and end in ISO 8601, seconds ignored; start must
    /// precede end and lie within the last 30 days, else 400 INVALID_REPLICATION_DATE. Answers deletedRecords
    /// [{id, deletedDate}], earliestDateAvailable and latestDateCovered.
    /// </summary>
    private (int, JsonNode?) GetDeleted(string type, string? start, string? end)
    {
        if (!Org.Schema.TryGetValue(type, out var schema))
            throw FakeSalesforceError.NotFound();
        static DateTimeOffset? Minute(string? s) =>
            DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                ? new DateTimeOffset(d.UtcTicks - d.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero)
                : null;
        var from = Minute(start) ?? throw new FakeSalesforceError(400, "INVALID_REPLICATION_DATE", "start is not a valid dateTime");
        var to = Minute(end) ?? throw new FakeSalesforceError(400, "INVALID_REPLICATION_DATE", "end is not a valid dateTime");
        if (from >= to)
            throw new FakeSalesforceError(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
        var earliest = Clock.Now.AddDays(-30);
        if (from < earliest)
            throw new FakeSalesforceError(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than 30 days ago");
        List<(string Type, string Id, DateTimeOffset DeletedAt)> deleted;
        lock (Org.Gate)
            deleted = Org.Deleted.Where(d => d.Type == schema.Name && d.DeletedAt >= from && d.DeletedAt <= to).ToList();
        return (200, new JsonObject
        {
            ["deletedRecords"] = new JsonArray(deleted.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["deletedDate"] = FakeSoql.ToJson(d.DeletedAt) }).ToArray()),
            ["earliestDateAvailable"] = FakeSoql.ToJson(earliest),
            ["latestDateCovered"] = FakeSoql.ToJson(to),
        });
    }

    // ---- records ----

    /// <summary>"Get Field Values from a Standard Object Record": GET sobjects/T/id?fields=a,b.</summary>
    private (int, JsonNode?) Retrieve(string type, string id, string? fields, string version)
    {
        lock (Org.Gate)
        {
            var (schema, record) = Existing(type, id);
            var names = string.IsNullOrEmpty(fields) ? schema.Fields.Keys.ToArray() : fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var json = new JsonObject { ["attributes"] = FakeSoql.Attributes(schema.Name, record.Id, version) };
            foreach (var name in names)
            {
                var field = schema.Fields.TryGetValue(name, out var f) ? f : throw FakeSalesforceError.NoSuchColumn(name, schema.Name);
                json[field.Name] = FakeSoql.ToJson(record.Values.GetValueOrDefault(field.Name));
            }
            return (200, json);
        }
    }

    /// <summary>"Update a Record": PATCH sobjects/T/id with the fields to change; 204.</summary>
    private (int, JsonNode?) Update(string type, string id, string body)
    {
        lock (Org.Gate)
        {
            var (schema, record) = Existing(type, id);
            var values = Values(schema, body, creating: false);
            foreach (var (k, v) in values)
                record.Values[k] = v;
            Org.Touch(record);
            return (204, null);
        }
    }

    /// <summary>
    /// "Delete a Record": DELETE sobjects/T/id, 204, into the recycle bin (getDeleted lists it); deleted already: 404
    /// ENTITY_IS_DELETED; never there: 404 NOT_FOUND
    /// (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm).
    /// </summary>
    private (int, JsonNode?) Delete(string type, string id)
    {
        lock (Org.Gate)
        {
            if (Org.Deleted.Any(d => d.Id == id))
                throw new FakeSalesforceError(404, "ENTITY_IS_DELETED", "entity is deleted");
            Existing(type, id);
            Org.Delete(id);
            return (204, null);
        }
    }

    /// <summary>
    /// "Insert or Update (Upsert) a Record Using an External ID": PATCH sobjects/T/field/value. The field must be an
    /// External ID field of T (else 404 NOT_FOUND), and not repeated in the body. No match: created, 201
    /// {id, success, errors, created: true}; one match: updated, 200 created: false; several: 300.
    /// </summary>
    private (int, JsonNode?) Upsert(string type, string fieldName, string key, string body)
    {
        lock (Org.Gate)
        {
            if (!Org.Schema.TryGetValue(type, out var schema))
                throw FakeSalesforceError.NotFound();
            if (!schema.Fields.TryGetValue(fieldName, out var field) || !field.ExternalId)
                throw new FakeSalesforceError(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}");
            var values = Values(schema, body, creating: true);
            if (values.ContainsKey(field.Name))
                throw new FakeSalesforceError(400, "INVALID_FIELD", $"The external ID field {field.Name} is given in the URL; it can't also be in the body.");
            var matches = Org.All(schema.Name).Where(r => string.Equals(r.Values.GetValueOrDefault(field.Name) as string, key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 1)
                return (300, new JsonArray(matches.Select(m => (JsonNode)JsonValue.Create($"/services/data/v62.0/sobjects/{schema.Name}/{m.Id}")).ToArray()));
            if (matches.Count == 1)
            {
                var record = matches[0];
                var refused = values.Keys.Where(k => !schema.Fields[k].Updateable).ToList();
                if (refused.Count > 0)
                    throw NotWritable(refused);
                foreach (var (k, v) in values)
                    record.Values[k] = v;
                Org.Touch(record);
                return (200, new JsonObject { ["id"] = record.Id, ["success"] = true, ["errors"] = new JsonArray(), ["created"] = false });
            }
            Required(schema, values);
            values[field.Name] = key;
            var id = Org.Insert(schema.Name, values);
            return (201, new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray(), ["created"] = true });
        }
    }

    private (FakeSObjectType, FakeRecord) Existing(string type, string id)
    {
        if (!Org.Schema.TryGetValue(type, out var schema))
            throw FakeSalesforceError.NotFound();
        return Org.Find(id) is { } record && record.Type == schema.Name ? (schema, record) : throw FakeSalesforceError.NotFound();
    }

    /// <summary>A record body's fields, typed; unknown fields, read-only fields, values of the wrong type and dangling ids refused.</summary>
    private Dictionary<string, object?> Values(FakeSObjectType schema, string body, bool creating)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            throw new FakeSalesforceError(400, "JSON_PARSER_ERROR", e.Message);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new FakeSalesforceError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of sObject from a non-object value");
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var notWritable = new List<string>();
        foreach (var p in root.EnumerateObject())
        {
            if (!schema.Fields.TryGetValue(p.Name, out var field))
                throw new FakeSalesforceError(400, "INVALID_FIELD", $"No such column '{p.Name}' on sobject of type {schema.Name}");
            if (creating ? !field.Createable : !field.Updateable)
                notWritable.Add(field.Name);
            values[field.Name] = ToValue(field, p.Value);
        }
        if (notWritable.Count > 0)
            throw NotWritable(notWritable);
        return values;
    }

    private static FakeSalesforceError NotWritable(List<string> fields) => new(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
        $"Unable to create/update fields: {string.Join(", ", fields)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.");

    private object? ToValue(FakeField field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        FakeSalesforceError Bad() => new(400, "JSON_PARSER_ERROR", $"Cannot deserialize instance of {field.Type.ToString().ToLowerInvariant()} from {value.ValueKind} value {value.GetRawText()} or request may be missing a required field");
        switch (field.Type)
        {
            case FakeFieldType.Id:
                var id = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad();
                if (id.Length is not (15 or 18) || !id.All(char.IsAsciiLetterOrDigit))
                    throw new FakeSalesforceError(400, "MALFORMED_ID", $"{field.Name}: id value of incorrect type: {id}");
                if (Org.Find(id) is null)
                    throw new FakeSalesforceError(400, "INVALID_CROSS_REFERENCE_KEY", $"invalid cross reference id: {field.Name}");
                return id;
            case FakeFieldType.String:
                return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Bad();
            case FakeFieldType.Bool:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Bad();
            case FakeFieldType.Int:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : throw Bad();
            case FakeFieldType.Number:
                return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var m) ? m : throw Bad();
            case FakeFieldType.Date:
                return value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw Bad();
            default:
                return value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt) ? dt.ToUniversalTime() : throw Bad();
        }
    }

    /// <summary>
    /// What a create needs: an Event a start and a duration or end (REQUIRED_FIELD_MISSING); a Task's TaskSubtype a
    /// value of its restricted picklist (Task, Email, ListEmail, Cadence, Call, LinkedIn).
    /// </summary>
    private static void Required(FakeSObjectType schema, Dictionary<string, object?> values)
    {
        if (schema.Name == "Event")
        {
            var missing = new List<string>();
            if (values.GetValueOrDefault("StartDateTime") is null && values.GetValueOrDefault("ActivityDateTime") is null)
                missing.Add("StartDateTime");
            if (values.GetValueOrDefault("DurationInMinutes") is null && values.GetValueOrDefault("EndDateTime") is null)
                missing.Add("DurationInMinutes");
            if (missing.Count > 0)
                throw new FakeSalesforceError(400, "REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]");
        }
        if (schema.Name == "Task" && values.GetValueOrDefault("TaskSubtype") is string subtype
            && subtype is not ("Task" or "Email" or "ListEmail" or "Cadence" or "Call" or "LinkedIn"))
            throw new FakeSalesforceError(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"Subtype: bad value for restricted picklist field: {subtype}");
    }

    private static RSA ImportPublicKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }
}
