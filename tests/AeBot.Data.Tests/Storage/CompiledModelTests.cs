using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Tests.Storage;

/// <summary>
/// The compiled models the app runs on (CompiledModels/) against the model EF builds from AeBotDbContext by
/// conventions: a change to the model that was not followed by scripts/optimize-model.sh fails here, not in production.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "The compiled model is behind AeBotDbContext: run scripts/optimize-model.sh and commit CompiledModels/.";

    [Fact]
    public void Sqlite_compiled_model_matches_the_model_built_by_conventions()
    {
        using var db = new SqliteAeBotDbContext(new DbContextOptionsBuilder<SqliteAeBotDbContext>().UseSqlite("Data Source=:memory:").Options);
        AssertSame(db, AeBot.Data.CompiledModels.Sqlite.SqliteAeBotDbContextModel.Instance);
    }

    [Fact]
    public void Postgres_compiled_model_matches_the_model_built_by_conventions()
    {
        using var db = new PostgresAeBotDbContext(new DbContextOptionsBuilder<PostgresAeBotDbContext>().UseNpgsql("Host=localhost").Options);
        AssertSame(db, AeBot.Data.CompiledModels.Postgres.PostgresAeBotDbContextModel.Instance);
    }

    [Fact]
    public async Task The_one_query_schema_check_agrees_with_efs_pending_migrations()
    {
        var directory = Directory.CreateTempSubdirectory("aebot-schema-");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAeBotDbContext>()
                .UseSqlite($"Data Source={Path.Combine(directory.FullName, "aebot.db")};Pooling=False")
                .UseModel(AeBot.Data.CompiledModels.Sqlite.SqliteAeBotDbContextModel.Instance).Options;
            await using var db = new SqliteAeBotDbContext(options);
            var initializer = new DatabaseInitializer(db, Options.Create(new StorageOptions()), NullLogger<DatabaseInitializer>.Instance);

            Assert.False(await initializer.SchemaIsCurrentAsync(default)); // a new file: no history table
            await initializer.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await initializer.SchemaIsCurrentAsync(default));
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(db.Database.GetConnectionString()))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode";
                Assert.Equal("wal", await command.ExecuteScalarAsync());
            }

            // One migration missing from the history (an older one merged late): pending again, as EF sees it.
            var last = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last);
            Assert.Equal([last], await db.Database.GetPendingMigrationsAsync());
            Assert.False(await initializer.SchemaIsCurrentAsync(default));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static void AssertSame(DbContext db, IModel compiled)
    {
        // The schema differ cannot read a compiled (read-optimised) model, so both are described in the terms the
        // runtime uses: tables, columns and their store types, converters, keys, relationships, indexes.
        var byConventions = db.GetService<IDesignTimeModel>().Model;
        var expected = Describe(byConventions);
        Assert.Contains("Opportunity", expected);
        Assert.True(expected == Describe(compiled), Regenerate);
    }

    private static string Describe(IModel model) => string.Join('\n', model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e =>
        new[] { $"{e.Name} {e.GetTableName()}" }
            .Concat(e.GetProperties().Select(p => $"  {p.Name} {p.ClrType.Name} null={p.IsNullable} column={p.GetColumnName()} store={p.FindRelationalTypeMapping()?.StoreType} converter={(p.GetValueConverter() ?? p.GetTypeMapping().Converter)?.GetType().Name} max={p.GetMaxLength()} precision={p.GetPrecision()},{p.GetScale()} generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken}"))
            .Concat(e.GetKeys().Select(k => $"  key {string.Join(',', k.Properties.Select(p => p.Name))} primary={k.IsPrimaryKey()}"))
            .Concat(e.GetNavigations().Select(n => $"  nav {n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection}"))
            .Concat(e.GetForeignKeys().Select(f => $"  fk {string.Join(',', f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}"))
            .Concat(e.GetIndexes().Select(i => $"  index {string.Join(',', i.Properties.Select(p => p.Name))} unique={i.IsUnique} filter={i.GetFilter()}"))));
}
