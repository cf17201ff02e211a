using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Storage;

/// <summary>The SQLite flavour: the default, zero set-up store.</summary>
public sealed class SqliteAeBotDbContext(DbContextOptions<SqliteAeBotDbContext> options) : AeBotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no decimal or instant type. EF's default TEXT mapping would compare "9" > "10" and cannot be
        // summed in SQL, so money is stored as exact integers of 1/10,000 of a unit and instants as UTC-ordered
        // integers. Both keep SQL comparisons, ORDER BY and SUM correct and fast.
        configurationBuilder.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
