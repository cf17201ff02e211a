using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Storage;

internal static class SqlParameters
{
    /// <summary>
    /// An instant as a raw-SQL parameter, stored the way the model stores it: UTC ticks on SQLite (see
    /// <see cref="UtcTicksConverter"/>), <c>timestamptz</c> (offset zero, as Npgsql requires) on PostgreSQL.
    /// </summary>
    public static object Instant(this AeBotDbContext db, DateTimeOffset at) => Instant(db.Database.IsSqlite(), at);

    /// <inheritdoc cref="Instant(AeBotDbContext, DateTimeOffset)"/>
    public static object Instant(bool sqlite, DateTimeOffset at) => sqlite ? at.UtcTicks : at.ToUniversalTime();

    /// <summary>An instant read back from raw SQL, stored as <see cref="Instant(AeBotDbContext, DateTimeOffset)"/> wrote it.</summary>
    public static DateTimeOffset ReadInstant(this AeBotDbContext db, DbDataReader reader, int ordinal) =>
        db.Database.IsSqlite() ? new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero) : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>Adds a named parameter to a raw command (value may be set later, e.g. for a prepared insert).</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
