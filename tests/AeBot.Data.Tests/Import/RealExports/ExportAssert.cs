using AeBot.Data.Import;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>What every real-export test checks of a file, and the label/number pairs its SQL oracles read.</summary>
internal static class ExportAssert
{
    /// <summary>The file's kind, no error, the exact column mapping and ignored columns, the records created, nothing rejected.</summary>
    public static void File(ImportReport report, string name, ImportKind kind, int created, Dictionary<string, string> mapped, params string[] ignored)
    {
        var file = report.File(name);
        Assert.True(file.Error is null, $"{name}: {file.Error}");
        Assert.Equal(kind, file.Kind);
        Columns(file, mapped, ignored);
        Assert.Empty(file.Rejected);
        Assert.Equal(created, file.Created);
    }

    /// <summary>Exactly these columns feed these fields, and exactly these feed none.</summary>
    public static void Columns(FileImportResult file, Dictionary<string, string> mapped, string[] ignored)
    {
        Assert.Equal(mapped.OrderBy(c => c.Key, StringComparer.Ordinal), file.MappedColumns.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(ignored.Order(StringComparer.Ordinal), file.IgnoredColumns.Order(StringComparer.Ordinal));
    }

    /// <summary>(label, number) rows by plain SQL; a null label reads "(null)", a null number 0.</summary>
    public static List<(string, long)> Pairs(this TestDatabase database, string sql) =>
        database.Rows(sql, r => (r.IsDBNull(0) ? "(null)" : r.GetString(0), r.IsDBNull(1) ? 0 : r.GetInt64(1)));

    /// <summary>(label, value) rows by plain SQL; a null label reads "(null)", a null value the type's default.</summary>
    public static List<(string, T)> Pairs<T>(this TestDatabase database, string sql) =>
        database.Rows(sql, r => (r.IsDBNull(0) ? "(null)" : r.GetString(0), r.IsDBNull(1) ? default! : r.GetFieldValue<T>(1)));

    /// <summary>A money value read raw by SQL: decimals are stored as integer counts of 1/10,000 (ScaledDecimalConverter).</summary>
    public static decimal Money(long scaled) => scaled / 10_000m;

    /// <summary>SUM(Amount × Probability) read raw: both scaled by 10,000, and the probability a percentage.</summary>
    public static decimal Weighted(long scaledProduct) => scaledProduct / 10_000m / 10_000m / 100m;
}
