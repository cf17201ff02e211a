using System.Data.Common;
using System.Text;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AeBot.Data.Sales;

/// <summary>
/// The most frequent questions — count and sum of deals for named owners, in all or per owner — as one
/// hand-written, parameterised statement. EF's LINQ pipeline costs several times what SQLite needs to answer this from its index, and this
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
            var currency = Columns[nameof(Opportunity.Currency)];
            var probability = Columns[nameof(Opportunity.Probability)];
            var amount = Columns[nameof(Opportunity.Amount)];
            var owner = Columns[nameof(Opportunity.OwnerId)];
            var sums = $"COUNT(*), SUM(CASE WHEN {amount} IS NULL THEN 1 ELSE 0 END), SUM({amount})";
            // Columns: currency, probability (or a second currency), count, count without amount, amount, owner.
            Statements = new Dictionary<Grouping, (string, string)>
            {
                [Grouping.Total] = ($"SELECT {currency}, {probability}, {sums} FROM {Table}", $" GROUP BY {currency}, {probability}"),
                [Grouping.OwnerAndProbability] = ($"SELECT {currency}, {probability}, {sums}, {owner} FROM {Table}", $" GROUP BY {owner}, {currency}, {probability}"),
                [Grouping.Owner] = ($"SELECT {currency}, NULL, {sums}, {owner} FROM {Table}", $" GROUP BY {owner}, {currency}"),
                // Grouped by owner alone, the rows come in index order and need no sort; MIN and MAX of the currency
                // tell whether an owner's deals were all in one (the usual case) or the currency split is needed.
                [Grouping.OwnerInOneCurrency] = ($"SELECT MIN({currency}), MAX({currency}), {sums}, {owner} FROM {Table}", $" GROUP BY {owner}"),
            };
            Probability = Mappings[nameof(Opportunity.Probability)];
            Amount = Mappings[nameof(Opportunity.Amount)];
        }

        /// <summary>The statement's head (SELECT … FROM) and tail (GROUP BY …) for each grouping.</summary>
        public Dictionary<Grouping, (string Select, string GroupBy)> Statements { get; }
        public RelationalTypeMapping Probability { get; }
        public RelationalTypeMapping Amount { get; }

        public string Table { get; }
        public Dictionary<string, string> Columns { get; } = [];
        public Dictionary<string, RelationalTypeMapping> Mappings { get; } = [];
    }

    public async Task<DealTotals> RunAsync(DealFilter f, CancellationToken cancellationToken) =>
        Fold(await ReadAsync(f, Grouping.Total, cancellationToken));

    /// <summary>
    /// The same sums per owner (a team rollup, a measure by rep): one row per owner, currency and — when
    /// <paramref name="weighted"/>, to weight by it — probability (then <see cref="OwnerSum.Probability"/> is null).
    /// </summary>
    public async Task<IReadOnlyList<OwnerSum>> ByOwnerAsync(DealFilter f, bool weighted, CancellationToken cancellationToken)
    {
        var rows = weighted ? await ReadAsync(f, Grouping.OwnerAndProbability, cancellationToken) : await ReadAsync(f, Grouping.OwnerInOneCurrency, cancellationToken);
        if (!weighted && rows.Any(r => r.Mixed))
            rows = await ReadAsync(f, Grouping.Owner, cancellationToken);
        return rows.Select(r => new OwnerSum(r.Owner, r.Currency, r.Probability, checked((int)r.Count), r.Amount)).ToList();
    }

    public sealed record OwnerSum(long OwnerId, string Currency, decimal? Probability, int Count, decimal? Amount);

    private enum Grouping { Total, Owner, OwnerInOneCurrency, OwnerAndProbability }

    private async Task<List<SumRow>> ReadAsync(DealFilter f, Grouping grouping, CancellationToken cancellationToken)
    {
        var (connection, owned) = Connection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Statement(command, f, grouping);
            var rows = new List<SumRow>();
            // Microsoft.Data.Sqlite's async methods run synchronously anyway; calling the synchronous ones saves the
            // state machines on a query that takes a tenth of a millisecond. Other providers do real I/O: await it.
            var synchronous = connection is SqliteConnection;
            await using (var reader = synchronous ? command.ExecuteReader() : await command.ExecuteReaderAsync(cancellationToken))
            {
                var oneCurrency = grouping == Grouping.OwnerInOneCurrency;
                while (synchronous ? reader.Read() : await reader.ReadAsync(cancellationToken))
                {
                    var currency = reader.GetString(0);
                    rows.Add(new(currency, oneCurrency ? null : Read(reader, 1, _shape.Probability), reader.GetInt64(2), reader.GetInt64(3), Read(reader, 4, _shape.Amount),
                        grouping == Grouping.Total ? 0 : reader.GetInt64(5), oneCurrency && reader.GetString(1) != currency));
                }
            }
            return rows;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
            if (owned)
                await connection.DisposeAsync();
        }
    }

    // On SQLite, a connection of its own from the same pool: EF's connection registers a dozen SQL functions and
    // sets PRAGMAs on every open — a fifth of this statement's cost — and this statement uses none of them. Inside
    // an ambient transaction, or on another provider (Npgsql forgets the password of an opened connection's
    // string), EF's connection is used as it is.
    private (DbConnection Connection, bool Owned) Connection()
    {
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite && db.Database.CurrentTransaction is null && connection.State == System.Data.ConnectionState.Closed)
            return (new SqliteConnection(sqlite.ConnectionString), true);
        return (connection, false);
    }

    // Mixed: grouped by owner alone, this owner's deals were in more than one currency (the sums mean nothing).
    private readonly record struct SumRow(string Currency, decimal? Probability, long Count, long Missing, decimal? Amount, long Owner, bool Mixed = false);

    private string Statement(DbCommand command, DealFilter f, Grouping grouping)
    {
        var (select, groupBy) = _shape.Statements[grouping];
        var sql = new StringBuilder(256).Append(select);
        var first = true;
        StringBuilder And() { sql.Append(first ? " WHERE " : " AND "); first = false; return sql; }
        void In(string property, IReadOnlyList<long>? values)
        {
            if (values is null)
                return;
            if (values.Count == 0)
            {
                And().Append("1 = 0");
                return;
            }
            And().Append(Column(property)).Append(" IN (");
            for (var i = 0; i < values.Count; i++)
                sql.Append(i == 0 ? "" : ", ").Append(Parameter(command, property, values[i]));
            sql.Append(')');
        }
        void Compare(string property, string op, object? value)
        {
            if (value is not null)
                And().Append(Column(property)).Append(' ').Append(op).Append(' ').Append(Parameter(command, property, value));
        }
        In(nameof(Opportunity.OwnerId), f.OwnerIds);
        In(nameof(Opportunity.AccountId), f.AccountIds);
        In(nameof(Opportunity.ProductId), f.ProductIds);
        Compare(nameof(Opportunity.StageCategory), "=", f.Category);
        if (f.Stages is { } stages)
        {
            if (stages.Count == 0)
            {
                And().Append("1 = 0");
            }
            else
            {
                And().Append(Column(nameof(Opportunity.Stage))).Append(" IN (");
                for (var i = 0; i < stages.Count; i++)
                    sql.Append(i == 0 ? "" : ", ").Append(Parameter(command, nameof(Opportunity.Stage), stages[i]));
                sql.Append(')');
            }
        }
        Compare(nameof(Opportunity.CreatedAt), ">=", f.CreatedFrom);
        Compare(nameof(Opportunity.CreatedAt), "<", f.CreatedBefore);
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
            var lastEngaged = Column(nameof(Opportunity.LastEngagedAt));
            And().Append($"({lastEngaged} < {engaged} OR ({lastEngaged} IS NULL AND {Column(nameof(Opportunity.CreatedAt))} < {created}))");
        }
        return sql.Append(groupBy).ToString();
    }

    // Weighting happens here, per probability, because SQL arithmetic on SQLite's scaled money would scale twice.
    private static DealTotals Fold(List<SumRow> rows)
    {
        if (rows.Count == 0)
            return DealTotals.Empty;
        var byCurrency = new Dictionary<string, (long Count, decimal Amount, decimal Weighted)>(StringComparer.Ordinal);
        long count = 0, missing = 0;
        foreach (var row in rows)
        {
            byCurrency.TryGetValue(row.Currency, out var sum);
            var amount = row.Amount ?? 0m;
            byCurrency[row.Currency] = (sum.Count + row.Count, sum.Amount + amount, sum.Weighted + amount * (row.Probability ?? 0m) / 100m);
            count += row.Count;
            missing += row.Missing;
        }
        var totals = byCurrency.Select(c => new CurrencyTotal(c.Key, checked((int)c.Value.Count), c.Value.Amount, c.Value.Weighted)).ToList();
        totals.Sort((a, b) => b.Amount.CompareTo(a.Amount));
        return new DealTotals(checked((int)count), checked((int)missing), totals);
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
    private static decimal? Read(DbDataReader reader, int ordinal, RelationalTypeMapping mapping)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        var converter = mapping.Converter;
        if (converter is null)
            return reader.GetDecimal(ordinal);
        var value = converter.ProviderClrType == typeof(long) ? reader.GetInt64(ordinal) : Convert.ChangeType(reader.GetValue(ordinal), converter.ProviderClrType);
        return (decimal)converter.ConvertFromProvider(value)!;
    }
}
