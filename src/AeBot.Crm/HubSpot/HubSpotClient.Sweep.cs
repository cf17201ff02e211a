using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>
    /// The HubSpot objects AeBot holds records of a type from: activities are five (calls, meetings, notes, tasks and
    /// e-mails).
    /// </summary>
    private static IReadOnlyList<HubSpotObjectSpec> SpecsOf(CrmObject type) => type switch
    {
        CrmObject.Products => [HubSpotObjects.Products],
        CrmObject.Companies => [HubSpotObjects.Companies],
        CrmObject.Contacts => [HubSpotObjects.Contacts],
        CrmObject.Deals => [HubSpotObjects.Deals],
        CrmObject.Activities => HubSpotObjects.LinkedEngagements,
        _ => [],
    };

    /// <summary>
    /// The ids HubSpot no longer has: batch reads of 100 (CRM objects' batch read; an id it cannot find — deleted, or
    /// merged into another record — is left out of the results and named under the 207's OBJECT_NOT_FOUND); for
    /// activities against calls, meetings, notes, tasks and e-mails in turn, since an activity's id does not say which it is.
    /// Owners are not CRM objects and have no batch read: a full read lists archived owners too, so an owner missing
    /// from it is not confirmed here and the person stays as they are.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> ConfirmGoneAsync(CrmObject type, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var specs = SpecsOf(type);
        if (specs.Count == 0)
            return [];
        var gone = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            foreach (var chunk in gone.ToList().Chunk(BatchReadSize))
            {
                var batch = await SendAsync<HsBatch>(HttpMethod.Post, $"/crm/v3/objects/{spec.Path}/batch/read",
                    new { inputs = chunk.Select(id => new { id }).ToArray(), properties = Array.Empty<string>(), propertiesWithHistory = Array.Empty<string>() },
                    read: true, $"check which {spec.Path} are gone", cancellationToken);
                foreach (var found in batch.Results ?? [])
                    gone.Remove(found.Id);
            }
            if (gone.Count == 0)
                break;
        }
        return gone;
    }
}
