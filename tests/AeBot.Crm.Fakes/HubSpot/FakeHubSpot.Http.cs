using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AeBot.Crm.Fakes.HubSpot;

public sealed partial class FakeHubSpot
{
    // Wall-clock request logs for the burst and search limits (HubSpot's limits run on real seconds).
    private readonly Queue<DateTimeOffset> _burstLog = new();
    private readonly Queue<DateTimeOffset> _searchLog = new();

    private sealed class Refusal(int status, string category, string message, JsonObject? extra = null, TimeSpan? retryAfter = null) : Exception(message)
    {
        public int Status { get; } = status;
        public string Category { get; } = category;
        public JsonObject? Extra { get; } = extra;
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        _requests.Enqueue(new(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", body));
        // Every HTTP answer carries the server's clock (RFC 9110 "Date"); the fake's is its settable Now, the clock its
        // change stamps come from, so a client reading "HubSpot's now" from it windows its reads on the same clock.
        context.Response.Headers.Date = Now.ToString("R", CultureInfo.InvariantCulture);
        try
        {
            Authenticate(request);
            Throttle(request);
            var daily = Interlocked.Increment(ref _dailyUsed);
            // Private apps get their daily limit and what is left of it on each answer (usage guidelines, "Rate limits";
            // changelog 2018-11-06 "Rate limit information headers").
            context.Response.Headers["X-HubSpot-RateLimit-Daily"] = DailyLimit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-HubSpot-RateLimit-Daily-Remaining"] = Math.Max(0, DailyLimit - daily).ToString(CultureInfo.InvariantCulture);
            JsonNode? answer;
            lock (_lock)
                answer = Route(request, body);
            if (answer is null)
            {
                context.Response.StatusCode = 204;
                return;
            }
            context.Response.StatusCode = Status(request, answer);
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString());
        }
        catch (Refusal refusal)
        {
            await WriteError(context, refusal);
        }
    }

    /// <summary>
    /// 201 for a create; 200 for reads, searches and batch reads; 207 ("multiple statuses") for a batch read that could
    /// not find some of its ids — the found records in results, the rest in errors (batch read reference,
    /// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/line-items/batch/get-line-items: responses 200 and 207).
    /// </summary>
    private static int Status(HttpRequest request, JsonNode answer)
    {
        var path = request.Path.Value!;
        if (request.Method != "POST" || path.EndsWith("/search", StringComparison.Ordinal))
            return 200;
        if (path.EndsWith("/batch/read", StringComparison.Ordinal))
            return answer is JsonObject o && o["numErrors"] is not null ? 207 : 200;
        return 201;
    }

    /// <summary>
    /// HubSpot's error shape: status, message, correlationId, category, optional errors/context
    /// (developers.hubspot.com/docs/api-reference/error-handling; docs/faq/api-error-responses).
    /// </summary>
    private static async Task WriteError(HttpContext context, Refusal refusal)
    {
        var error = new JsonObject
        {
            ["status"] = "error",
            ["message"] = refusal.Message,
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["category"] = refusal.Category,
        };
        foreach (var (k, v) in refusal.Extra ?? [])
            error[k] = v?.DeepClone();
        context.Response.StatusCode = refusal.Status;
        if (refusal.RetryAfter is { } retry)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(error.ToJsonString());
    }

    // ---- Authentication, scopes and limits --------------------------------------------------------------------------

    /// <summary>
    /// 401 when the bearer token is missing, unknown, expired or revoked (error-handling page: "401 Unauthorized:
    /// the authentication provided is invalid"); the categories are HubSpot's INVALID_AUTHENTICATION and
    /// EXPIRED_AUTHENTICATION.
    /// </summary>
    private void Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            throw new Refusal(401, "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        if (header["Bearer ".Length..] != Token)
            throw new Refusal(401, "INVALID_AUTHENTICATION", "The access token provided is invalid.");
        if (TokenState == FakeTokenState.Expired)
            throw new Refusal(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired 5 minute(s) ago.");
        if (TokenState == FakeTokenState.Revoked)
            throw new Refusal(401, "INVALID_AUTHENTICATION", "The access token provided has been revoked.");
    }

    /// <summary>
    /// 429 when over a limit (usage guidelines: private apps 100 per 10 s on Free/Starter, 190 on Professional and
    /// Enterprise; search "five requests per second per account", search-the-crm "Limitations"), or when a test
    /// scripted one. The body names the policy that was hit.
    /// </summary>
    private void Throttle(HttpRequest request)
    {
        lock (_lock)
        {
            if (_scripted429 > 0)
            {
                _scripted429--;
                throw new Refusal(429, "RATE_LIMITS", "You have reached your ten_secondly_rolling limit.",
                    new() { ["errorType"] = "RATE_LIMIT", ["policyName"] = "TEN_SECONDLY_ROLLING" }, _scriptedRetryAfter);
            }
            var now = DateTimeOffset.UtcNow;
            if (request.Path.Value!.EndsWith("/search", StringComparison.Ordinal) && SearchRequestsPerSecond is { } perSecond)
            {
                Prune(_searchLog, now, TimeSpan.FromSeconds(1));
                if (_searchLog.Count >= perSecond)
                    throw new Refusal(429, "RATE_LIMITS", "You have reached your secondly limit.", new() { ["errorType"] = "RATE_LIMIT", ["policyName"] = "SECONDLY" });
                _searchLog.Enqueue(now);
            }
            if (RequestsPer10Seconds is { } burst)
            {
                Prune(_burstLog, now, TimeSpan.FromSeconds(10));
                if (_burstLog.Count >= burst)
                    throw new Refusal(429, "RATE_LIMITS", "You have reached your ten_secondly_rolling limit.",
                        new() { ["errorType"] = "RATE_LIMIT", ["policyName"] = "TEN_SECONDLY_ROLLING" });
                _burstLog.Enqueue(now);
            }
        }
    }

    private static void Prune(Queue<DateTimeOffset> log, DateTimeOffset now, TimeSpan window)
    {
        while (log.Count > 0 && log.Peek() + window <= now)
            log.Dequeue();
    }

    /// <summary>
    /// 403 MISSING_SCOPES naming the scopes, any one of which would do (error-handling page: "403 Forbidden … does not
    /// have the proper permissions").
    /// </summary>
    private void RequireScope(params string[] anyOf)
    {
        if (anyOf.All(MissingScopes.Contains))
            throw new Refusal(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
                new() { ["errors"] = new JsonArray(new JsonObject { ["message"] = "One or more of the following scopes are required.", ["context"] = new JsonObject { ["requiredGranularScopes"] = new JsonArray(anyOf.Select(s => (JsonNode?)s).ToArray()) } }) });
    }

    private static Refusal Invalid(string message, JsonObject? extra = null) => new(400, "VALIDATION_ERROR", message, extra);

    // ---- Routing ----------------------------------------------------------------------------------------------------

    private JsonNode? Route(HttpRequest request, string body)
    {
        var segments = request.Path.Value!.Trim('/').Split('/');
        var method = request.Method;
        return segments switch
        {
            ["account-info", "v3", "details"] when method == "GET" => AccountDetails(),
            ["crm", "v3", "owners"] when method == "GET" => ListOwners(request.Query),
            ["crm", "v3", "pipelines", "deals"] when method == "GET" => ListPipelines(),
            ["crm", "v3", "objects", var type] when method == "GET" => ListObjects(ObjectType(type, write: false), request.Query),
            ["crm", "v3", "objects", var type] when method == "POST" => Create(ObjectType(type, write: true), Parse(body)),
            ["crm", "v3", "objects", var type, "search"] when method == "POST" => Search(ObjectType(type, write: false), body),
            ["crm", "v3", "objects", var type, "batch", "read"] when method == "POST" => BatchRead(ObjectType(type, write: false), Parse(body), request.Query),
            ["crm", "v3", "objects", var type, var id] when method == "GET" => ReadObject(ObjectType(type, write: false), id, request.Query),
            ["crm", "v3", "objects", var type, var id] when method == "PATCH" => UpdateObject(ObjectType(type, write: true), id, Parse(body)),
            ["crm", "v3", "objects", var type, var id] when method == "DELETE" => ArchiveObject(ObjectType(type, write: true), id),
            ["crm", "v4", "objects", var from, var id, "associations", var to, var toId] when method == "PUT" =>
                Associate(ObjectType(from, write: true), id, ObjectType(to, write: false), toId, body),
            ["crm", "v4", "objects", var from, var id, "associations", var to, var toId] when method == "DELETE" =>
                Dissociate(ObjectType(from, write: true), id, ObjectType(to, write: false), toId),
            ["crm", "v4", "associations", var from, var to, "batch", "read"] when method == "POST" =>
                BatchReadAssociations(ObjectType(from, write: false), ObjectType(to, write: false), Parse(body)),
            _ => throw new Refusal(404, "OBJECT_NOT_FOUND", $"No route for {method} {request.Path}."),
        };
    }

    private string ObjectType(string name, bool write)
    {
        if (!_objects.ContainsKey(name))
            throw Invalid($"Unable to infer object type from: {name}");
        // Engagements are covered by the contacts scopes (calls/meetings/notes/tasks guides: "Scope requirements").
        var scopeObject = FakeHubSpotSchema.Engagements.Contains(name) ? "contacts" : name;
        var scope = $"crm.objects.{scopeObject}.{(write ? "write" : "read")}";
        // Line items take their own scope or the older e-commerce one (line items reference, "Scope requirements":
        // crm.objects.line_items.read or e-commerce, https://developers.hubspot.com/docs/api-reference/latest/crm/objects/line-items/guide).
        if (name == "line_items")
            RequireScope(scope, "e-commerce");
        else
            RequireScope(scope);
        return name;
    }

    private static JsonObject Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw Invalid("Invalid input JSON: expected an object.");
        }
        catch (JsonException e)
        {
            throw Invalid($"Invalid input JSON on line 1: {e.Message}");
        }
    }

    // ---- Owners and pipelines ----------------------------------------------------------------------------------------

    /// <summary>GET /crm/v3/owners: limit at most 500, paging by after, archived=true for deactivated users (owners API reference).</summary>
    private JsonNode ListOwners(IQueryCollection query)
    {
        var limit = Limit(query, @default: 100, max: 500);
        var archived = query["archived"] == "true";
        var owners = _owners.Where(o => o.Archived == archived).ToList();
        var offset = Offset(query["after"]);
        var page = owners.Skip(offset).Take(limit).Select(o => (JsonNode)new JsonObject
        {
            ["id"] = o.Id, ["email"] = o.Email, ["firstName"] = o.FirstName, ["lastName"] = o.LastName, ["userId"] = o.UserId,
            ["createdAt"] = Iso(o.CreatedAt), ["updatedAt"] = Iso(o.UpdatedAt), ["archived"] = o.Archived,
            ["teams"] = new JsonArray(o.Teams.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["name"] = t.Name, ["primary"] = t.Primary }).ToArray()),
        }).ToArray();
        return Collection(page, offset + limit < owners.Count ? offset + limit : null);
    }

    /// <summary>GET /crm/v3/pipelines/deals: stages with metadata.probability and metadata.isClosed as strings (pipelines guide).</summary>
    private JsonNode ListPipelines() => new JsonObject
    {
        ["results"] = new JsonArray(Pipelines.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["label"] = p.Label, ["displayOrder"] = p.DisplayOrder, ["archived"] = false,
            ["stages"] = new JsonArray(p.Stages.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id, ["label"] = s.Label, ["displayOrder"] = s.DisplayOrder, ["archived"] = false,
                ["metadata"] = new JsonObject { ["isClosed"] = s.IsClosed ? "true" : "false", ["probability"] = s.Probability },
            }).ToArray()),
        }).ToArray()),
    };

    // ---- Objects --------------------------------------------------------------------------------------------------------

    /// <summary>
    /// GET /crm/v3/objects/{type}: limit at most 100 (CRM objects guide, "Retrieve records": "limit: the maximum
    /// number of results to display per page", max 100); unknown properties are left out of the answer rather than
    /// refused; associations inline; archived=true lists deleted records with archivedAt.
    /// </summary>
    private JsonNode ListObjects(string type, IQueryCollection query)
    {
        var limit = Limit(query, @default: 10, max: 100);
        var archived = query["archived"] == "true";
        var properties = List(query["properties"]);
        var associations = List(query["associations"]);
        foreach (var to in associations)
        {
            if (!_objects.ContainsKey(to))
                throw Invalid($"Unable to infer object type from: {to}");
        }
        var records = _objects[type].Values.Where(r => (r.ArchivedAt is not null) == archived).ToList();
        var offset = Offset(query["after"]);
        var page = records.Skip(offset).Take(limit).Select(r => Json(r, properties, associations)).ToArray();
        return Collection(page, offset + limit < records.Count ? offset + limit : null);
    }

    private JsonNode ReadObject(string type, string id, IQueryCollection query)
    {
        var record = Find(type, id) ?? throw new Refusal(404, "OBJECT_NOT_FOUND", $"Object not found.  objectId are usually numeric.");
        return Json(record, List(query["properties"]), List(query["associations"]));
    }

    private FakeRecord? Find(string type, string id) =>
        long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && _objects[type].TryGetValue(n, out var r) && r.ArchivedAt is null ? r : null;

    /// <summary>
    /// POST /crm/v3/objects/{type}: every property must exist ("Property values were not valid", PROPERTY_DOESNT_EXIST);
    /// engagements require hs_timestamp (calls/meetings/notes/tasks guides: "hs_timestamp: Required"); associations
    /// need a HUBSPOT_DEFINED type id valid for the pair and an existing target (associations v4 guide).
    /// </summary>
    private JsonNode Create(string type, JsonObject input)
    {
        var properties = Properties(type, input["properties"]);
        if (FakeHubSpotSchema.Engagements.Contains(type) && string.IsNullOrEmpty(properties.GetValueOrDefault("hs_timestamp")))
            throw Invalid("Property values were not valid: hs_timestamp is required", Errors("hs_timestamp", "REQUIRED_FIELD", "hs_timestamp is required"));
        var associations = new List<(string To, string Id, int TypeId)>();
        foreach (var association in input["associations"]?.AsArray() ?? [])
        {
            var toId = association?["to"]?["id"]?.ToString() ?? throw Invalid("Association is missing to.id");
            foreach (var t in association!["types"]?.AsArray() ?? throw Invalid("Association is missing types"))
            {
                var category = t?["associationCategory"]?.GetValue<string>();
                var typeId = t?["associationTypeId"]?.GetValue<int>() ?? throw Invalid("associationTypeId is required");
                if (category != "HUBSPOT_DEFINED" || !FakeHubSpotSchema.EngagementAssociationTypes.TryGetValue((type, typeId), out var to))
                    throw Invalid($"{category}:{typeId} is not a valid association type between {type} and the target.", Errors("associations", "INVALID_ASSOCIATION_TYPE", "invalid association type"));
                if (Find(to, toId) is null)
                    throw Invalid($"No {to} with ID {toId} exist", Errors("associations", "INVALID_ASSOCIATION_TARGET", "target does not exist"));
                associations.Add((to, toId, typeId));
            }
        }
        var id = Add(type, properties.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        var record = _objects[type][long.Parse(id, CultureInfo.InvariantCulture)];
        foreach (var group in associations.GroupBy(a => a.To))
            record.Associations[group.Key] = group.Select(a => (a.Id, a.TypeId)).ToList();
        return Json(record, properties.Keys.ToList(), []);
    }

    /// <summary>PATCH /crm/v3/objects/{type}/{id}: only the given properties change; each is validated as on create; 404 if gone.</summary>
    private JsonNode UpdateObject(string type, string id, JsonObject input)
    {
        var record = Find(type, id) ?? throw new Refusal(404, "OBJECT_NOT_FOUND", "Object not found.");
        var properties = Properties(type, input["properties"]);
        foreach (var (k, v) in properties)
            record.Properties[k] = v.Length == 0 ? null : Normalize(k, v);
        Stamp(record, created: false);
        return Json(record, properties.Keys.ToList(), []);
    }

    /// <summary>
    /// DELETE /crm/v3/objects/{type}/{id}: moves the record to the recycle bin ("Archive", 204 No Content; CRM objects
    /// guide, "Delete records", https://developers.hubspot.com/docs/api-reference/latest/crm/objects/calls/basic/archive-calls):
    /// it leaves lists, search and association reads and shows in ?archived=true. Archiving one already archived answers
    /// 204 again; an id that never was is 404 OBJECT_NOT_FOUND.
    /// </summary>
    private JsonNode? ArchiveObject(string type, string id)
    {
        if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || !_objects[type].TryGetValue(n, out var record))
            throw new Refusal(404, "OBJECT_NOT_FOUND", "Object not found.");
        record.ArchivedAt ??= Now;
        return null;
    }

    private Dictionary<string, string> Properties(string type, JsonNode? node)
    {
        if (node is not JsonObject obj)
            throw Invalid("properties is required");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            if (!FakeHubSpotSchema.Knows(type, name) || name is "hs_object_id" or "hs_lastmodifieddate" or "lastmodifieddate" or "createdate" or "hs_merged_object_ids")
                throw Invalid($"Property values were not valid: Property \"{name}\" does not exist", Errors(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
            var text = value is null ? "" : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            if (text.Length > 0)
                Validate(name, text);
            result[name] = text;
        }
        return result;
    }

    private void Validate(string name, string value)
    {
        if (FakeHubSpotSchema.NumberProperties.Contains(name) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            throw Invalid($"Property values were not valid: {value} is not a valid number for {name}", Errors(name, "INVALID_DECIMAL", "not a number"));
        if (FakeHubSpotSchema.DateProperties.Contains(name) && !TryInstant(value, out _))
            throw Invalid($"Property values were not valid: {value} is not a valid datetime for {name}", Errors(name, "INVALID_DATE", "not a date"));
        if (name == "hs_task_status" && !FakeHubSpotSchema.TaskStatuses.Contains(value))
            throw Invalid($"Property values were not valid: {value} was not one of the allowed options", Errors(name, "INVALID_OPTION", "not an allowed option"));
        if (name == "hs_email_direction" && !FakeHubSpotSchema.EmailDirections.Contains(value))
            throw Invalid($"Property values were not valid: {value} was not one of the allowed options", Errors(name, "INVALID_OPTION", "not an allowed option"));
        if (name == "hs_email_status" && !FakeHubSpotSchema.EmailStatuses.Contains(value))
            throw Invalid($"Property values were not valid: {value} was not one of the allowed options", Errors(name, "INVALID_OPTION", "not an allowed option"));
        if (name == "dealstage" && !Pipelines.SelectMany(p => p.Stages).Any(s => s.Id == value))
            throw Invalid($"Property values were not valid: {value} was not one of the allowed options", Errors(name, "INVALID_OPTION", "not a deal stage"));
        if (name == "hubspot_owner_id" && !_owners.Any(o => o.Id == value && !o.Archived))
            throw Invalid($"Property values were not valid: {value} is not a valid owner id", Errors(name, "INVALID_OWNER_ID", "not an owner"));
    }

    /// <summary>Datetimes are kept as HubSpot answers them: ISO 8601 in UTC with milliseconds.</summary>
    private static string Normalize(string name, string value) =>
        FakeHubSpotSchema.DateProperties.Contains(name) && TryInstant(value, out var at) ? Iso(at) : value;

    private static JsonObject Errors(string property, string code, string message) => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["code"] = code, ["context"] = new JsonObject { ["propertyName"] = new JsonArray(property) } }),
    };

    /// <summary>
    /// Associations a v4 batch read answers per record at most (HubSpot's v4 association reads page a record's
    /// associations 500 at a time: the associations v4 reference's "List" read takes a limit of at most 500, and the
    /// batch read pages each record the same way, https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associate-records/batch/get-associations).
    /// </summary>
    public int AssociationPageSize { get; set; } = 500;

    /// <summary>
    /// POST /crm/v4/associations/{from}/{to}/batch/read: at most 1,000 ids a request (changelog "Bug fix: batch read
    /// limit for HubSpot associations API", February 2025); ids without associations are left out of results. Each
    /// record's associations come <see cref="AssociationPageSize"/> at a time: a result with more has
    /// <c>paging.next.after</c>, and an input carrying that <c>after</c> beside its id reads the next page ("The 'after'
    /// field in a returned paging object can be added alongside the 'id' to retrieve the next page of associations
    /// from that objectId … The 'paging' field will only be present if there are more pages", batch read reference).
    /// Associations to deleted (archived) records are not answered.
    /// </summary>
    private JsonNode BatchReadAssociations(string from, string to, JsonObject input)
    {
        var inputs = input["inputs"]?.AsArray() ?? throw Invalid("inputs is required");
        if (inputs.Count > 1000)
            throw Invalid($"Batch size of {inputs.Count} exceeds the maximum of 1000 inputs.");
        var results = new JsonArray();
        foreach (var i in inputs)
        {
            var id = i?["id"]?.ToString() ?? throw Invalid("input id is required");
            var offset = Offset(i["after"]?.ToString());
            if (Find(from, id) is not { } record || !record.Associations.TryGetValue(to, out var all))
                continue;
            var targets = all.Where(t => Find(to, t.Id) is not null).ToList();
            if (targets.Count == 0 || offset >= targets.Count)
                continue;
            var page = targets.Skip(offset).Take(AssociationPageSize).ToList();
            var result = new JsonObject
            {
                ["from"] = new JsonObject { ["id"] = id },
                ["to"] = new JsonArray(page.Select(t => (JsonNode)new JsonObject
                {
                    ["toObjectId"] = long.Parse(t.Id, CultureInfo.InvariantCulture),
                    ["associationTypes"] = new JsonArray(new JsonObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = t.TypeId, ["label"] = null }),
                }).ToArray()),
            };
            if (offset + page.Count < targets.Count)
            {
                var next = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
                result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next, ["link"] = null } };
            }
            results.Add(result);
        }
        return new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = Iso(Now), ["completedAt"] = Iso(Now) };
    }

    /// <summary>
    /// PUT /crm/v4/objects/{type}/{id}/associations/{toType}/{toId} with a body of association types
    /// (<c>[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":206}]</c>; associations v4 reference,
    /// "Associate records (labelled)",
    /// https://developers.hubspot.com/docs/api-reference/legacy/crm/associations/associate-records/update-association-labeled):
    /// answers 200 with fromObjectId, toObjectId and the labels. Refused as HubSpot refuses them: a record that does not
    /// exist (404 OBJECT_NOT_FOUND for the one in the path's first place; the target is a VALIDATION_ERROR, as on create),
    /// a body that is not a list of types, a category other than the documented ones, and a HUBSPOT_DEFINED type id
    /// that is not one between the two objects (associations v4 guide, "Association type id values"). Associating
    /// again with a type already there changes nothing.
    /// </summary>
    private JsonNode Associate(string from, string id, string to, string toId, string body)
    {
        var record = Find(from, id) ?? throw new Refusal(404, "OBJECT_NOT_FOUND", $"No {from} with ID {id} exist.");
        if (Find(to, toId) is null)
            throw Invalid($"No {to} with ID {toId} exist", Errors("associations", "INVALID_ASSOCIATION_TARGET", "target does not exist"));
        JsonArray types;
        try
        {
            types = JsonNode.Parse(body) as JsonArray ?? throw Invalid("Invalid input JSON: expected a list of association types.");
        }
        catch (JsonException e)
        {
            throw Invalid($"Invalid input JSON on line 1: {e.Message}");
        }
        if (types.Count == 0)
            throw Invalid("Invalid input JSON: at least one association type is required.");
        var added = new List<int>();
        foreach (var t in types)
        {
            var category = t?["associationCategory"]?.GetValue<string>();
            var typeId = t?["associationTypeId"]?.GetValue<int>() ?? throw Invalid("associationTypeId is required");
            if (category is not ("HUBSPOT_DEFINED" or "USER_DEFINED" or "INTEGRATOR_DEFINED"))
                throw Invalid($"associationCategory '{category}' is not one of HUBSPOT_DEFINED, USER_DEFINED, INTEGRATOR_DEFINED.");
            // The fake knows HubSpot's own types only; a labelled (USER_DEFINED) one would need a label made first.
            if (category != "HUBSPOT_DEFINED" || !FakeHubSpotSchema.EngagementAssociationTypes.TryGetValue((from, typeId), out var target) || target != to)
                throw Invalid($"{category}:{typeId} is not a valid association type between {from} and {to}.", Errors("associations", "INVALID_ASSOCIATION_TYPE", "invalid association type"));
            added.Add(typeId);
        }
        if (!record.Associations.TryGetValue(to, out var list))
            record.Associations[to] = list = [];
        foreach (var typeId in added.Where(t => !list.Contains((toId, t))))
            list.Add((toId, typeId));
        return new JsonObject
        {
            ["fromObjectTypeId"] = from, ["fromObjectId"] = long.Parse(id, CultureInfo.InvariantCulture),
            ["toObjectTypeId"] = to, ["toObjectId"] = long.Parse(toId, CultureInfo.InvariantCulture), ["labels"] = new JsonArray(),
        };
    }

    /// <summary>
    /// DELETE /crm/v4/objects/{type}/{id}/associations/{toType}/{toId}: "deletes all associations between two records",
    /// 204 (associations v4 reference, "Remove association between records",
    /// https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/delete-association);
    /// two records that were not associated answer 204 too. A record that does not exist is 404 OBJECT_NOT_FOUND.
    /// </summary>
    private JsonNode? Dissociate(string from, string id, string to, string toId)
    {
        var record = Find(from, id) ?? throw new Refusal(404, "OBJECT_NOT_FOUND", $"No {from} with ID {id} exist.");
        if (Find(to, toId) is null)
            throw new Refusal(404, "OBJECT_NOT_FOUND", $"No {to} with ID {toId} exist.");
        if (record.Associations.TryGetValue(to, out var list))
            list.RemoveAll(a => a.Id == toId);
        return null;
    }

    // ---- JSON helpers -----------------------------------------------------------------------------------------------

    private JsonNode Json(FakeRecord r, IReadOnlyCollection<string> properties, IReadOnlyCollection<string> associations)
    {
        // The answer always carries hs_object_id, createdate and the change stamp (CRM objects guide, default properties).
        var wanted = properties.Concat(["hs_object_id", "createdate", FakeHubSpotSchema.ModifiedProperty(r.Type)]).Distinct();
        var props = new JsonObject();
        foreach (var name in wanted.Where(n => FakeHubSpotSchema.Knows(r.Type, n)))
            props[name] = r[name];
        // Without sales-email-read an e-mail's content is redacted in every answer, the record itself still listed
        // (changelog "Announcement: New scope required to get the content of email engagements",
        // https://developers.hubspot.com/changelog/announcement-new-scope-required-to-get-the-content-of-email-engagements).
        if (r.Type == "emails" && MissingScopes.Contains("sales-email-read"))
        {
            foreach (var name in new[] { "hs_email_subject", "hs_email_text", "hs_email_html", "hs_email_headers" }.Where(props.ContainsKey))
                props[name] = null;
        }
        var json = new JsonObject
        {
            ["id"] = r.Id, ["properties"] = props, ["createdAt"] = Iso(r.CreatedAt), ["updatedAt"] = Iso(r.UpdatedAt), ["archived"] = r.ArchivedAt is not null,
        };
        if (r.ArchivedAt is { } archivedAt)
            json["archivedAt"] = Iso(archivedAt);
        var inline = new JsonObject();
        foreach (var to in associations)
        {
            // Inline, a record's line items come under "line items", with a space: not documented, but what HubSpot's
            // answers carry (seen in logged deal answers and in SDK models), so a client reading "line_items" finds none.
            if (r.Associations.TryGetValue(to, out var targets) && targets.Count > 0)
                inline[to == "line_items" ? "line items" : to] = new JsonObject { ["results"] = new JsonArray(targets.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["type"] = $"{r.Type}_to_{to}" }).ToArray()) };
        }
        if (inline.Count > 0)
            json["associations"] = inline;
        return json;
    }

    private static JsonObject Collection(JsonNode[] results, int? next, int? total = null)
    {
        var json = new JsonObject();
        if (total is not null)
            json["total"] = total;
        json["results"] = new JsonArray(results);
        if (next is { } after)
            json["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = after.ToString(CultureInfo.InvariantCulture), ["link"] = "?after=" + after } };
        return json;
    }

    private static int Limit(IQueryCollection query, int @default, int max)
    {
        if (string.IsNullOrEmpty(query["limit"]))
            return @default;
        if (!int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > max)
            throw Invalid($"limit must be between 1 and {max}, was {query["limit"]}");
        return limit;
    }

    private static int Offset(string? after) =>
        string.IsNullOrEmpty(after) ? 0
        : int.TryParse(after, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
        : throw Invalid($"after '{after}' is not a valid paging cursor");

    private static List<string> List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    internal static bool TryInstant(string value, out DateTimeOffset at)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at)
            && value.Contains('T', StringComparison.Ordinal);
    }
}
