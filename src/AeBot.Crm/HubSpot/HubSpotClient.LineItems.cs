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
    /// answer (nor are deals whose line items name no product).
    /// </summary>
    private async Task<Dictionary<string, string>> FirstProductsAsync(IReadOnlyList<HsObject> deals, CancellationToken cancellationToken)
    {
        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        if (deals.Count == 0)
            return products;
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
        return products;
    }
}
