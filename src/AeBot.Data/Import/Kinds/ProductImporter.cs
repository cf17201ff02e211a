using AeBot.Core.Accounts;
using AeBot.Core.Products;

namespace AeBot.Data.Import.Kinds;

internal sealed class ProductImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var writer = S.Writer<Product>();
        foreach (var row in rows)
        {
            var name = Get(row, "name");
            if (name is null)
            {
                Result.Reject(row.Line, "no product name");
                continue;
            }
            var normalized = NameNormalizer.Normalize(name);
            var externalId = Get(row, "id") ?? NaturalKey.For(ImportKind.Products, name);

            // "GTX Pro" and "GTXPro" are one product: match by id, else by folded name.
            var product = S.ProductsByKey.GetValueOrDefault("id:" + externalId) ?? S.ProductsByKey.GetValueOrDefault("name:" + normalized);
            var duplicate = await NoteDuplicateAsync<Product>(externalId, product?.Id, row, cancellationToken);
            var isNew = product is null;
            product ??= new Product { Name = name, ExternalId = externalId };
            var before = isNew ? null : writer.Snapshot(product);
            if (!isNew && product.NormalizedName == normalized && product.Name != name)
                Result.Warn($"product '{name}' is the same as '{product.Name}'", row.Line);

            if (isNew || Get(row, "id") is not null)
                product.ExternalId = externalId;
            if (isNew)
                product.Name = S.Truncate(name, 200, "product name", row.Line)!;
            product.NormalizedName = NameNormalizer.Normalize(product.Name);
            if (Map.Has("family"))
                product.Family = Get(row, "family") is { } family ? S.Families.Canonicalize(family, out _) : null;
            if (Map.Has("list_price"))
            {
                var (price, currency) = S.Money(Get(row, "list_price"), "list price", row.Line);
                product.ListPrice = price;
                product.Currency = price is null ? null : S.Currency(Get(row, "currency"), currency, row.Line);
            }

            var changed = await SaveAsync(product, before, cancellationToken);
            S.IndexProduct(product);
            Count(duplicate, isNew, changed);
        }
    }
}
