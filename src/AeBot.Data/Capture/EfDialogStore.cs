using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Core.Dialogs;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Capture;

/// <summary>
/// Dialog state in the database, written compare-and-swap: every write names the version it read, and a write
/// that finds another version changes nothing and reports false. Works the same on SQLite and PostgreSQL, and
/// across instances sharing one database.
/// </summary>
internal sealed class EfDialogStore(AeBotDbContext db) : IDialogStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<StoredDialog?> LoadAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var row = await db.DialogStates.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Channel == key.Channel && s.ConversationId == key.ConversationId && s.RepId == key.RepId, cancellationToken);
        if (row is null)
            return null;
        if (row.State.Length == 0)
            return new StoredDialog(null, row.Version);
        try
        {
            return new StoredDialog(JsonSerializer.Deserialize<DialogState>(row.State, Json), row.Version);
        }
        catch (JsonException)
        {
            return new StoredDialog(null, row.Version); // written by another version of AeBot: start afresh
        }
    }

    public async Task<bool> SaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, Json);
        var updatedAt = db.Instant(state.UpdatedAt);
        if (expectedVersion == 0)
        {
            // First dialog of this conversation: the unique index makes a racing insert a no-op for the loser.
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "DialogStates" ("Channel", "ConversationId", "RepId", "State", "Version", "UpdatedAt")
                VALUES ({key.Channel}, {key.ConversationId}, {key.RepId}, {json}, 1, {updatedAt})
                ON CONFLICT ("Channel", "ConversationId", "RepId") DO NOTHING
                """, cancellationToken);
            return inserted == 1;
        }
        var updated = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "DialogStates" SET "State" = {json}, "Version" = "Version" + 1, "UpdatedAt" = {updatedAt}
            WHERE "Channel" = {key.Channel} AND "ConversationId" = {key.ConversationId} AND "RepId" = {key.RepId} AND "Version" = {expectedVersion}
            """, cancellationToken);
        return updated == 1;
    }

    public async Task<bool> ClearAsync(ConversationKey key, long expectedVersion, CancellationToken cancellationToken)
    {
        // The row stays (with an empty state) so the version keeps counting: a stale turn can never match again.
        var cleared = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "DialogStates" SET "State" = '', "Version" = "Version" + 1
            WHERE "Channel" = {key.Channel} AND "ConversationId" = {key.ConversationId} AND "RepId" = {key.RepId} AND "Version" = {expectedVersion} AND "State" <> ''
            """, cancellationToken);
        return cleared == 1;
    }
}
