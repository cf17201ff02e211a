using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AeBot.Data.Storage;

// Used only by "dotnet ef migrations add"; no database is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAeBotDbContext>
{
    public SqliteAeBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAeBotDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAeBotDbContext>
{
    public PostgresAeBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAeBotDbContext>().UseNpgsql("Host=localhost;Database=aebot_design").Options);
}
