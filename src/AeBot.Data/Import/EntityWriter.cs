using System.Data.Common;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AeBot.Data.Import;

/// <summary>
/// Inserts and updates one entity type with reused, prepared ADO.NET commands inside the import's transaction.
/// Table and column names, value converters and parameter types all come from the EF model, so the SQL is the
/// same one EF would write on SQLite and PostgreSQL — but a million rows cost a million cheap statements, not a
/// change tracker the size of the file.
/// </summary>
internal sealed class EntityWriter<T> : IDisposable where T : class
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly List<Column> _columns;
    private readonly IProperty? _generatedKey;
    private readonly string _table;
    private readonly ISqlGenerationHelper _sql;
    private DbCommand? _insert;
    private DbCommand? _update;

    public EntityWriter(AeBotDbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _sql = db.GetService<ISqlGenerationHelper>();
        _connection = db.Database.GetDbConnection();
        _transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Imports write inside a transaction.");
        _table = _sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!;
        _generatedKey = key.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } single] ? single : null;
        var storeObject = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _columns = entityType.GetProperties()
            .Where(p => p != _generatedKey)
            .Select(p => new Column(p, _sql.DelimitIdentifier(p.GetColumnName(storeObject)!), (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
    }

    /// <summary>Inserts the entity and sets its generated id.</summary>
    public async Task InsertAsync(T entity, CancellationToken cancellationToken)
    {
        _insert ??= CreateInsert();
        SetValues(_insert, entity, 0);
        if (_generatedKey is null)
        {
            await _insert.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        var id = await _insert.ExecuteScalarAsync(cancellationToken);
        _generatedKey.PropertyInfo!.SetValue(entity, Convert.ChangeType(id, _generatedKey.ClrType));
    }

    /// <summary>Writes every column of an entity that has a generated id.</summary>
    public async Task UpdateAsync(T entity, CancellationToken cancellationToken)
    {
        if (_generatedKey is null)
            throw new InvalidOperationException($"{typeof(T).Name} has no single generated key to update by.");
        _update ??= CreateUpdate();
        SetValues(_update, entity, 0);
        _update.Parameters[_columns.Count].Value = _generatedKey.GetGetter().GetClrValue(entity);
        await _update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The entity's stored values, to tell later whether a row changed anything.</summary>
    public object?[] Snapshot(T entity) => _columns.Select(c => c.Property.GetGetter().GetClrValue(entity)).ToArray();

    public bool Unchanged(T entity, object?[] snapshot)
    {
        for (var i = 0; i < _columns.Count; i++)
            if (!Equals(_columns[i].Property.GetGetter().GetClrValue(entity), snapshot[i]))
                return false;
        return true;
    }

    private void SetValues(DbCommand command, T entity, int offset)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = _columns[i];
            var value = column.Property.GetGetter().GetClrValue(entity);
            if (value is not null && column.Mapping.Converter is { } converter)
                value = converter.ConvertToProvider(value);
            command.Parameters[offset + i].Value = value ?? DBNull.Value;
        }
    }

    private DbCommand CreateInsert()
    {
        var command = NewCommand();
        var names = string.Join(", ", _columns.Select(c => c.Name));
        var values = string.Join(", ", _columns.Select((c, i) => AddParameter(command, c, i)));
        command.CommandText = _generatedKey is null
            ? $"INSERT INTO {_table} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING"
            : $"INSERT INTO {_table} ({names}) VALUES ({values}) RETURNING {_sql.DelimitIdentifier(_generatedKey!.GetColumnName())}";
        command.Prepare();
        return command;
    }

    private DbCommand CreateUpdate()
    {
        var command = NewCommand();
        var sets = string.Join(", ", _columns.Select((c, i) => $"{c.Name} = {AddParameter(command, c, i)}"));
        var keyMapping = (RelationalTypeMapping)_generatedKey!.GetRelationalTypeMapping();
        var keyParameter = keyMapping.CreateParameter(command, "pk", null);
        command.Parameters.Add(keyParameter);
        command.CommandText = $"UPDATE {_table} SET {sets} WHERE {_sql.DelimitIdentifier(_generatedKey!.GetColumnName())} = @pk";
        command.Prepare();
        return command;
    }

    private DbCommand NewCommand()
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        return command;
    }

    private static string AddParameter(DbCommand command, Column column, int index)
    {
        var name = $"p{index}";
        command.Parameters.Add(column.Mapping.CreateParameter(command, name, null, nullable: true));
        return "@" + name;
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping);
}
