using System.Data.Common;
using AeBot.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AeBot.Data.Import;

/// <summary>
/// Inserts and updates one entity type with statements prepared once, inside the import's transaction. Table and
/// column names, value converters and parameter types all come from the EF model, so the SQL is the same one EF
/// would write on SQLite and PostgreSQL — but a million rows cost a million cheap statements, not a change
/// tracker the size of the file. On SQLite, statements run on the raw handle (<see cref="SqliteStatement"/>).
/// </summary>
internal sealed class EntityWriter<T> : IDisposable where T : class
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly List<Column> _columns;
    private readonly IProperty? _generatedKey;
    private readonly string _table;
    private readonly ISqlGenerationHelper _sql;
    private readonly SqliteConnection? _sqlite;
    private Statement? _insert;
    private Statement? _update;

    public EntityWriter(AeBotDbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _sql = db.GetService<ISqlGenerationHelper>();
        _connection = db.Database.GetDbConnection();
        _sqlite = _connection as SqliteConnection;
        _transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Imports write inside a transaction.");
        _table = _sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!;
        _generatedKey = key.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } single] ? single : null;
        var storeObject = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _columns = entityType.GetProperties()
            .Where(p => p != _generatedKey)
            .Select(p => new Column(p, _sql.DelimitIdentifier(p.GetColumnName(storeObject)!), (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.GetGetter()))
            .ToList();
    }

    /// <summary>Inserts the entity and sets its generated id.</summary>
    public async Task InsertAsync(T entity, CancellationToken cancellationToken)
    {
        _insert ??= CreateInsert();
        SetValues(_insert, entity);
        var id = await _insert.ExecuteAsync(returnsId: _generatedKey is not null, cancellationToken);
        if (_generatedKey is not null)
            _generatedKey.PropertyInfo!.SetValue(entity, Convert.ChangeType(id, _generatedKey.ClrType));
    }

    /// <summary>Writes every column of an entity that has a generated id.</summary>
    public async Task UpdateAsync(T entity, CancellationToken cancellationToken)
    {
        if (_generatedKey is null)
            throw new InvalidOperationException($"{typeof(T).Name} has no single generated key to update by.");
        _update ??= CreateUpdate();
        SetValues(_update, entity);
        _update.Bind(_columns.Count, _generatedKey.GetGetter().GetClrValue(entity));
        await _update.ExecuteAsync(returnsId: false, cancellationToken);
    }

    /// <summary>The entity's stored values, to tell later whether a row changed anything.</summary>
    public object?[] Snapshot(T entity) => _columns.Select(c => c.Getter.GetClrValue(entity)).ToArray();

    public bool Unchanged(T entity, object?[] snapshot)
    {
        for (var i = 0; i < _columns.Count; i++)
            if (!Equals(_columns[i].Getter.GetClrValue(entity), snapshot[i]))
                return false;
        return true;
    }

    private void SetValues(Statement statement, T entity)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = _columns[i];
            var value = column.Getter.GetClrValue(entity);
            if (value is not null && column.Mapping.Converter is { } converter)
                value = converter.ConvertToProvider(value);
            statement.Bind(i, value);
        }
    }

    private Statement CreateInsert()
    {
        var names = string.Join(", ", _columns.Select(c => c.Name));
        var values = string.Join(", ", _columns.Select((_, i) => $"@p{i}"));
        var sql = _generatedKey is null
            ? $"INSERT INTO {_table} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING"
            : _sqlite is not null
                ? $"INSERT INTO {_table} ({names}) VALUES ({values})"
                : $"INSERT INTO {_table} ({names}) VALUES ({values}) RETURNING {_sql.DelimitIdentifier(_generatedKey.GetColumnName())}";
        return Prepare(sql, _columns.Select(c => c.Mapping));
    }

    private Statement CreateUpdate()
    {
        var sets = string.Join(", ", _columns.Select((c, i) => $"{c.Name} = @p{i}"));
        var sql = $"UPDATE {_table} SET {sets} WHERE {_sql.DelimitIdentifier(_generatedKey!.GetColumnName())} = @p{_columns.Count}";
        return Prepare(sql, _columns.Select(c => c.Mapping).Append((RelationalTypeMapping)_generatedKey!.GetRelationalTypeMapping()));
    }

    private Statement Prepare(string sql, IEnumerable<RelationalTypeMapping> parameters)
    {
        if (_sqlite is not null)
            return new SqliteRawStatement(new SqliteStatement(_sqlite, sql));
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        var index = 0;
        foreach (var mapping in parameters)
            command.Parameters.Add(mapping.CreateParameter(command, $"@p{index++}", null, nullable: true));
        command.Prepare();
        return new AdoStatement(command);
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }

    /// <summary>A prepared statement with positional parameters (provider values, after converters).</summary>
    private abstract class Statement : IDisposable
    {
        public abstract void Bind(int index, object? value);
        public abstract Task<long> ExecuteAsync(bool returnsId, CancellationToken cancellationToken);
        public abstract void Dispose();
    }

    private sealed class SqliteRawStatement(SqliteStatement statement) : Statement
    {
        public override void Bind(int index, object? value) => statement.Bind(index, value);

        public override Task<long> ExecuteAsync(bool returnsId, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(statement.Execute());
        }

        public override void Dispose() => statement.Dispose();
    }

    private sealed class AdoStatement(DbCommand command) : Statement
    {
        public override void Bind(int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

        public override async Task<long> ExecuteAsync(bool returnsId, CancellationToken cancellationToken)
        {
            if (!returnsId)
                return await command.ExecuteNonQueryAsync(cancellationToken);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        }

        public override void Dispose() => command.Dispose();
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);
}
