using System.Data.Common;
using System.Text;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AeBot.Data.Sales;

/// <summary>
/// The most frequent question — count and sum of deals for named owners — as one hand-written, parameterised
/// statement. EF's LINQ pipeline costs several times what SQLite needs to answer this from its index, and this
/// query runs on nearly every turn. Table and column names, parameter types and value conversions (SQLite's
/// scaled money and tick instants) all come from the EF model, so it is the same SQL on both providers and reads
/// the same values EF would. Only used when every owner asked for is visible to the viewer, so no access
/// predicate is needed (see <see cref="EfSalesData"/>).
/// </summary>
internal sealed class TotalsSql(AeBotDbContext db)
{
    // Names, mappings and converters looked up once per model (a runtime annotation lives as long as the model),
    // not on every call: on a query SQLite answers in 100 µs, the look-ups were a visible share.
    private readonly Shape _shape = db.Model.GetOrAddRuntimeAnnotationValue("AeBot:TotalsSql", (AeBotDbContext? context) => new Shape(context!), db);

    private sealed class Shape
    {
        public Shape(AeBotDbContext db)
        {
            var deal = db.Model.FindEntityType(typeof(Opportunity))!;
            var sql = db.GetService<ISqlGenerationHelper>();
            Table = sql.DelimitIdentifier(deal.GetTableName()!, deal.GetSchema());
            foreach (var property in deal.GetProperties())
            {
                Columns[property.Name] = sql.DelimitIdentifier(property.GetColumnName());
                Mappings[property.Name] = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            }
        }

        public string Table { get; }
        public Dictionary<string, string> Columns { get; } = [];
        public Dictionary<string, RelationalTypeMapping> Mappings { get; } = [];
    }

    public async Task<DealTotals> RunAsync(DealFilter f, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        // Opened directly rather than through EF, whose open also registers SQL functions and sets PRAGMAs on
        // SQLite — a tenth of a millisecond this statement does not need. An already open connection (an
        // ambient transaction) is used as it is.
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var where = new List<string>();
            void In(string property, IReadOnlyList<long>? values)
            {
                if (values is null)
                    return;
                where.Add(values.Count == 0 ? "1 = 0" : $"{Column(property)} IN ({string.Join(", ", values.Select(v => Parameter(command, property, v)))})");
            }
            void Compare(string property, string op, object? value)
            {
                if (value is not null)
                    where.Add($"{Column(property)} {op} {Parameter(command, property, value)}");
            }
            In(nameof(Opportunity.OwnerId), f.OwnerIds);
            In(nameof(Opportunity.AccountId), f.AccountIds);
            In(nameof(Opportunity.ProductId), f.ProductIds);
            Compare(nameof(Opportunity.StageCategory), "=", f.Category);
            Compare(nameof(Opportunity.Stage), "=", f.Stage);
            Compare(nameof(Opportunity.CloseDate), ">=", f.CloseFrom);
            Compare(nameof(Opportunity.CloseDate), "<=", f.CloseTo);
            Compare(nameof(Opportunity.Amount), ">=", f.MinAmount);
            Compare(nameof(Opportunity.Amount), "<=", f.MaxAmount);
            Compare(nameof(Opportunity.Type), "=", f.Type);
            Compare(nameof(Opportunity.ForecastCategory), "=", f.Forecast);
            if (f.NotEngagedSince is { } since)
            {
                var engaged = Parameter(command, nameof(Opportunity.LastEngagedAt), since);
                var created = Parameter(command, nameof(Opportunity.CreatedAt), since);
                where.Add($"({Column(nameof(Opportunity.LastEngagedAt))} < {engaged} OR ({Column(nameof(Opportunity.LastEngagedAt))} IS NULL AND {Column(nameof(Opportunity.CreatedAt))} < {created}))");
            }

            var currency = Column(nameof(Opportunity.Currency));
            var probability = Column(nameof(Opportunity.Probability));
            var amount = Column(nameof(Opportunity.Amount));
            var sql = new StringBuilder()
                .Append($"SELECT {currency}, {probability}, COUNT(*), SUM(CASE WHEN {amount} IS NULL THEN 1 ELSE 0 END), SUM({amount}) FROM ")
                .Append(_shape.Table);
            if (where.Count > 0)
                sql.Append(" WHERE ").Append(string.Join(" AND ", where));
            sql.Append($" GROUP BY {currency}, {probability}");
            command.CommandText = sql.ToString();

            var rows = new List<(string Currency, decimal? Probability, int Count, int Missing, decimal? Amount)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), Read(reader, 1, nameof(Opportunity.Probability)), Convert.ToInt32(reader.GetValue(2)),
                        Convert.ToInt32(reader.GetValue(3)), Read(reader, 4, nameof(Opportunity.Amount))));
                }
            }
            if (rows.Count == 0)
                return DealTotals.Empty;
            var byCurrency = rows.GroupBy(r => r.Currency)
                .Select(c => new CurrencyTotal(c.Key, c.Sum(r => r.Count), c.Sum(r => r.Amount ?? 0m), c.Sum(r => (r.Amount ?? 0m) * (r.Probability ?? 0m) / 100m)))
                .OrderByDescending(c => c.Amount)
                .ToList();
            return new DealTotals(rows.Sum(r => r.Count), rows.Sum(r => r.Missing), byCurrency);
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }

    private string Column(string property) => _shape.Columns[property];

    private string Parameter(DbCommand command, string property, object value)
    {
        var mapping = _shape.Mappings[property];
        var name = $"@t{command.Parameters.Count}";
        // CreateParameter applies the property's converter (money to scaled integers, instants to ticks on SQLite).
        command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: false));
        return name;
    }

    // A SUM of a converted column comes back in the provider's type (scaled integers on SQLite): convert it back.
    private decimal? Read(DbDataReader reader, int ordinal, string property)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        var value = reader.GetValue(ordinal);
        var converter = _shape.Mappings[property].Converter;
        if (converter is not null)
            return (decimal)converter.ConvertFromProvider(Convert.ChangeType(value, converter.ProviderClrType))!;
        return Convert.ToDecimal(value);
    }
}
