using System.Text.Json;
using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>
    /// Moves an engagement to the deal and company it is about now, with the v4 associations API: what it is associated
    /// with is read first (<see cref="ReadAssociationsAsync"/>), each missing link is added with
    /// <c>PUT /crm/v4/objects/{type}/{id}/associations/{toType}/{toId}</c> and a body of
    /// <c>[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":…}]</c> (associations v4 reference, "Associate
    /// records (labelled)"; the engagement type ids of <see cref="HubSpotObjects.AssociationTypeIds"/>), then each deal
    /// or company it should no longer have is removed with <c>DELETE</c> on the same path, which "deletes all
    /// associations between two records" and answers 204 ("Remove association between records"). New links go first,
    /// so a run cut short in between leaves the activity on both deals for the retry to finish, never on none. A PUT
    /// already made or a DELETE already done changes nothing when repeated.
    /// </summary>
    public async Task<bool> SetActivityLinksAsync(CrmActivityKind kind, string activityId, CrmActivityLinks links, CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Engagement(kind);
        var (toContact, toCompany, toDeal) = HubSpotObjects.AssociationTypeIds(kind);
        var targets = new (string To, IReadOnlyList<string> Wanted, int TypeId, bool Exact)[]
        {
            ("deals", links.DealId is { } deal ? [deal] : [], toDeal, true),
            ("companies", links.CompanyId is { } company ? [company] : [], toCompany, true),
            // A contact someone added in HubSpot is theirs: only the interaction's own are made sure of.
            ("contacts", links.ContactIds.Distinct().ToList(), toContact, false),
        };
        try
        {
            var current = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (to, _, _, _) in targets)
                current[to] = (await ReadAssociationsAsync(spec.Path, to, [activityId], cancellationToken)).GetValueOrDefault(activityId) ?? [];
            foreach (var (to, wanted, typeId, _) in targets)
            {
                foreach (var id in wanted.Where(w => !current[to].Contains(w)))
                {
                    await SendAsync<JsonElement>(HttpMethod.Put, AssociationPath(spec.Path, activityId, to, id),
                        new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = typeId } }, read: false,
                        $"associate {spec.Path} {activityId} with {to} {id}", cancellationToken);
                }
            }
            foreach (var (to, wanted, _, exact) in targets.Where(t => t.Exact))
            {
                foreach (var id in current[to].Where(c => !wanted.Contains(c)))
                {
                    await SendAsync<JsonElement>(HttpMethod.Delete, AssociationPath(spec.Path, activityId, to, id), null, read: false,
                        $"remove the association of {spec.Path} {activityId} with {to} {id}", cancellationToken);
                }
            }
            return true;
        }
        catch (CrmRejectedException e) when (e.Status == 404)
        {
            return false; // the activity is gone from HubSpot: nothing left to move
        }
    }

    private static string AssociationPath(string from, string fromId, string to, string toId) =>
        $"/crm/v4/objects/{from}/{Uri.EscapeDataString(fromId)}/associations/{to}/{Uri.EscapeDataString(toId)}";
}
