using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Storage;

internal static class SqlParameters
{
    /// <summary>
    /// An instant as a raw-SQL parameter, stored the way the model stores it: UTC ticks on SQLite (see
    /// <see cref="UtcTicksConverter"/>), <c>timestamptz</c> (offset zero, as Npgsql requires) on PostgreSQL.
    /// </summary>
    public static object Instant(this AeBotDbContext db, DateTimeOffset at) =>
        db.Database.IsSqlite() ? at.UtcTicks : at.ToUniversalTime();
}
