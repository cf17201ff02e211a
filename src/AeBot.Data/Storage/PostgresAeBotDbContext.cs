using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AeBot.Data.Storage;

/// <summary>The PostgreSQL flavour, for several AeBot instances sharing one database.</summary>
public sealed class PostgresAeBotDbContext(DbContextOptions<PostgresAeBotDbContext> options) : AeBotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(19, 4);
        // timestamptz only accepts UTC values from Npgsql; the offset carries no meaning once stored.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    // Internal, not private: the compiled model (CompiledModels/Postgres) names it.
    internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}
