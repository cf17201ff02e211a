using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AeBot.Crm.Fakes.HubSpot;

public sealed partial class FakeHubSpot
{
    /// <summary>
    /// POST /crm/v3/objects/{type}/batch/read: records by id, with the properties asked for (ones the object does not
    /// have are left out, as on every read). Refuses what HubSpot refuses: more than 100 inputs ("Batch operations are
    /// limited to 100 records at a time", contacts guide "Limits", https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide;
    /// HubSpot answers VALIDATION_ERROR "The maximum number of inputs supported in a batch is 100…"), more than 50 when
    /// property histories are asked for (VALIDATION_ERROR "…for property histories is 50…"), and a body without inputs
    /// (the schema requires inputs, properties and propertiesWithHistory:
    /// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/line-items/batch/get-line-items). Ids it
    /// cannot find (never were, or deleted) are not an error of the request: the answer is 207 with those ids under
    /// an OBJECT_NOT_FOUND error and the rest in results.
    /// </summary>
    private JsonNode BatchRead(string type, JsonObject input, IQueryCollection query)
    {
        if (input["inputs"] is not JsonArray inputs)
            throw Invalid("Invalid input JSON: inputs is required.");
        if (inputs.Count > 100)
            throw Invalid("The maximum number of inputs supported in a batch is 100. Please reduce the number of items and try again");
        var histories = input["propertiesWithHistory"] as JsonArray ?? [];
        if (histories.Count > 0 && inputs.Count > 50)
            throw Invalid("The maximum number of inputs supported in a batch request for property histories is 50. Please reduce the number of items and try again");
        if (input["properties"] is not (null or JsonArray))
            throw Invalid("Invalid input JSON: properties must be a list of property names.");
        var properties = (input["properties"] as JsonArray ?? []).Select(p => p?.GetValue<string>() ?? "").ToList();
        var archived = query["archived"] == "true";
        var results = new JsonArray();
        var missing = new List<string>();
        foreach (var i in inputs)
        {
            var id = i?["id"]?.ToString() ?? throw Invalid("Invalid input JSON: every input needs an id.");
            var record = long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && _objects[type].TryGetValue(n, out var r) && (r.ArchivedAt is not null) == archived ? r : null;
            if (record is null)
                missing.Add(id);
            else
                results.Add(Json(record, properties, []));
        }
        var answer = new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = Iso(Now), ["completedAt"] = Iso(Now) };
        if (missing.Count > 0)
        {
            answer["numErrors"] = 1;
            answer["errors"] = new JsonArray(new JsonObject
            {
                ["status"] = "error",
                ["category"] = "OBJECT_NOT_FOUND",
                ["message"] = $"Could not get some {(type == "companies" ? "COMPANY" : type.ToUpperInvariant().TrimEnd('S'))} objects, they may be deleted or not exist. Check that ids are valid.",
                ["context"] = new JsonObject { ["ids"] = new JsonArray(missing.Select(m => (JsonNode?)m).ToArray()) },
            });
        }
        return answer;
    }
}
