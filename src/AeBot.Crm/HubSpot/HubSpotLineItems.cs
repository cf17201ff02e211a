using System.Globalization;

namespace AeBot.Crm.HubSpot;

/// <summary>Which product a HubSpot deal is about: the product of its first line item.</summary>
internal static class HubSpotLineItems
{
    /// <summary>
    /// What AeBot reads of a line item: the product it was made from and what orders it. Its name, quantity and
    /// prices are not read — AeBot keeps one product per deal, and the product's own name and price come from the
    /// products read.
    /// </summary>
    public static readonly string[] Properties = ["hs_product_id", "hs_position_on_quote", "createdate"];

    /// <summary>
    /// The product of the deal's first line item that was made from one. HubSpot promises no order in an association
    /// answer, so "first" is worked out the way the deal's line item list is ordered: by hs_position_on_quote (set when
    /// line items are arranged in the deal's editor or on a quote; ones without come after), then by creation, then
    /// by id — the same deal always gives the same product. A line item made from no product (a one-off fee, a
    /// discount) has nothing to group a deal by and is passed over; Salesforce's line items always name a product.
    /// </summary>
    public static string? FirstProduct(IEnumerable<HsObject> lineItems) =>
        lineItems
            .Where(li => li.Get("hs_product_id") is not null)
            .OrderBy(li => Position(li) is null)
            .ThenBy(Position)
            .ThenBy(li => HubSpotJson.TryParseInstant(li.Get("createdate"), out var at) ? at : li.CreatedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(li => li.Id.Length)
            .ThenBy(li => li.Id, StringComparer.Ordinal)
            .Select(li => li.Get("hs_product_id")!.Trim())
            .FirstOrDefault();

    // A position that is not a number (hand-edited through the API) orders as none rather than failing the deal.
    private static decimal? Position(HsObject lineItem) =>
        decimal.TryParse(lineItem.Get("hs_position_on_quote"), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null;
}
