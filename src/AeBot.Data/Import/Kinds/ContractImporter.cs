using AeBot.Core.Contracts;

namespace AeBot.Data.Import.Kinds;

internal sealed class ContractImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var keyed = new List<(CsvRow Row, string ExternalId)>();
        foreach (var row in rows)
        {
            var accountText = Get(row, "account") ?? Get(row, "account_id");
            if (accountText is null)
            {
                Result.Reject(row.Line, "no account");
                continue;
            }
            keyed.Add((row, Get(row, "id") ?? NaturalKey.For(ImportKind.Contracts, accountText, Get(row, "product"), Get(row, "start_date"), Get(row, "end_date"))));
        }
        var existing = await ExistingAsync<Contract>(keyed.Select(k => k.ExternalId), cancellationToken);
        var writer = S.Writer<Contract>();
        foreach (var (row, externalId) in keyed)
        {
            var line = row.Line;
            var start = S.Date(Get(row, "start_date"), "start date", line);
            var end = S.Date(Get(row, "end_date"), "end date", line);
            if (end is null && start is not null && Get(row, "term_months") is { } termText && ValueParsers.TryParseInt(termText, out var months) && months > 0)
                end = start.Value.AddMonths(months).AddDays(-1);
            if (end is null)
            {
                Result.Reject(line, "no end date (or start date and term): a contract without one cannot be renewed");
                continue;
            }
            if (start is not null && start > end)
            {
                Result.Reject(line, $"start date {start:yyyy-MM-dd} is after end date {end:yyyy-MM-dd}");
                continue;
            }

            existing.TryGetValue(externalId, out var contract);
            var duplicate = await NoteDuplicateAsync<Contract>(externalId, contract?.Id, row, cancellationToken);
            var isNew = contract is null;
            var (value, valueCurrency) = S.Money(Get(row, "annual_value"), "annual value", line);
            if (value is null)
                Result.Warn("contract without an annual value; imported as 0", line);
            contract ??= new Contract { ExternalId = externalId, Currency = S.DefaultCurrency };
            var before = isNew ? null : writer.Snapshot(contract);

            var account = await S.AccountAsync(Get(row, "account_id"), Get(row, "account"), null, line, cancellationToken);
            contract.AccountId = account!.Id;
            contract.StartDate = start ?? end.Value.AddYears(-1).AddDays(1);
            contract.EndDate = end.Value;
            contract.AnnualValue = value ?? 0m;
            contract.Currency = S.Currency(Get(row, "currency"), valueCurrency, line);
            if (Map.Has("product"))
                contract.ProductId = (await S.ProductAsync(Get(row, "product"), cancellationToken))?.Id;
            if (Get(row, "auto_renew") is { } autoText)
            {
                if (ValueParsers.TryParseBool(autoText, out var auto))
                    contract.AutoRenew = auto;
                else
                    Result.Warn($"auto-renew '{autoText}' not yes/no; read as no", line);
            }

            var changed = await SaveAsync(contract, before, cancellationToken);
            if (isNew)
                existing[externalId] = contract;
            Count(duplicate, isNew, changed);
        }
    }
}
