using System.Runtime.CompilerServices;
using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>
    /// CRM object batch reads take at most 100 ids ("Batch operations are limited to 100 records at a time", contacts
    /// guide "Limits": developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide).
    /// </summary>
    internal const int BatchReadSize = 100;

    /// <summary>
    /// The product of each deal's first line item (<see cref="HubSpotLineItems.FirstProduct"/>), for a page of deals at
    /// once: their line item ids by a v4 association batch read, then the line items by batch reads of 100 — one
    /// request plus one per 100 line items for the page, never one per deal. Deals without line items are not in the
    /// answer (nor are deals whose line items name no product). The line item ids of each deal come back too.
    /// </summary>
    private async Task<(Dictionary<string, string> Products, Dictionary<string, List<string>> LineItems)> FirstProductsAsync(
        IReadOnlyList<HsObject> deals, CancellationToken cancellationToken)
    {
        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        if (deals.Count == 0)
            return (products, []);
        var lineItemsOf = await ReadAssociationsAsync(HubSpotObjects.Deals.Path, "line_items", deals.Select(d => d.Id).ToList(), cancellationToken);
        var lineItems = new Dictionary<string, HsObject>(StringComparer.Ordinal);
        foreach (var chunk in lineItemsOf.Values.SelectMany(ids => ids).Distinct().Chunk(BatchReadSize))
        {
            // A line item deleted since the association was read comes back under the 207's errors, not in results:
            // it is simply not there.
            var batch = await SendAsync<HsBatch>(HttpMethod.Post, "/crm/v3/objects/line_items/batch/read",
                new { inputs = chunk.Select(id => new { id }).ToArray(), properties = HubSpotLineItems.Properties, propertiesWithHistory = Array.Empty<string>() },
                read: true, "read the deals' line items", cancellationToken);
            foreach (var lineItem in batch.Results ?? [])
                lineItems[lineItem.Id] = lineItem;
        }
        foreach (var (deal, ids) in lineItemsOf)
        {
            if (HubSpotLineItems.FirstProduct(ids.Select(lineItems.GetValueOrDefault).OfType<HsObject>()) is { } product)
                products[deal] = product;
        }
        return (products, lineItemsOf);
    }

    private static readonly HubSpotObjectSpec LineItems = new("line_items", CrmObject.Deals, "hs_lastmodifieddate", ["hs_product_id", "hs_lastmodifieddate"], ["deals"]);

    /// <summary>
    /// Line items changed in the window — a search of line_items on hs_lastmodifieddate, their deals by a v4 association
    /// batch read (<see cref="SearchAsync"/>, paced as every search) — and those deleted in it: the archived list
    /// (<c>GET /crm/v3/objects/line_items?archived=true</c>, each with archivedAt; CRM objects guide, "Retrieve records").
    /// A deleted line item's associations are gone with it, so which deal it was on is for the caller to remember.
    /// HubSpot does not document that a deal's hs_lastmodifieddate moves when a line item is added to it or removed,
    /// so this is asked rather than assumed.
    /// </summary>
    public async Task<CrmLineItemChanges> ReadLineItemChangesAsync(CrmWindow window, CancellationToken cancellationToken)
    {
        var deals = new HashSet<string>(StringComparer.Ordinal);
        if (window.Since is not { } since)
            return new(deals, []);
        await foreach (var page in SearchAsync(LineItems, since, window.Until, cancellationToken))
        {
            foreach (var lineItem in page)
            {
                if (lineItem.Associations?.GetValueOrDefault("deals") is { } list)
                    deals.UnionWith(list.Results.Select(r => r.Id));
            }
        }
        var deleted = new List<string>();
        string? after = null;
        do
        {
            var page = await GetAsync<HsCollection<HsObject>>(
                $"/crm/v3/objects/line_items?limit={ListPageSize}&archived=true&properties=hs_lastmodifieddate{After(after)}", "read deleted line items", cancellationToken);
            deleted.AddRange(page.Results.Where(r => r.ArchivedAt is { } at && InWindow(at, window)).Select(r => r.Id));
            after = page.Paging?.Next?.After;
        }
        while (after is not null);
        return new(deals, deleted);
    }

    /// <summary>
    /// Deals by id: batch reads of 100 (POST /crm/v3/objects/deals/batch/read; one HubSpot no longer has is named under
    /// the 207's errors and left out), their companies by a v4 association batch read and their line items as on every
    /// deal read.
    /// </summary>
    public async IAsyncEnumerable<CrmPage<CrmDeal>> ReadDealsByIdAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var spec = HubSpotObjects.Deals;
        var portal = await PortalAsync(cancellationToken);
        foreach (var chunk in ids.Distinct().Chunk(BatchReadSize))
        {
            var batch = await SendAsync<HsBatch>(HttpMethod.Post, "/crm/v3/objects/deals/batch/read",
                new { inputs = chunk.Select(id => new { id }).ToArray(), properties = spec.Properties, propertiesWithHistory = Array.Empty<string>() },
                read: true, "read deals by id", cancellationToken);
            var records = await WithAssociationsAsync(spec, batch.Results ?? [], cancellationToken);
            if (records.Count == 0)
                continue;
            var (products, lineItems) = await FirstProductsAsync(records, cancellationToken);
            yield return Map(spec, records, o => HubSpotMapping.Deal(o, portal, products.GetValueOrDefault(o.Id), lineItems.GetValueOrDefault(o.Id) ?? []));
        }
    }
}
