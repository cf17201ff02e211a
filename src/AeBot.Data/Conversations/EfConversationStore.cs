using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Core.Conversation;
using AeBot.Core.Understanding;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Conversations;

internal sealed class EfConversationStore(AeBotDbContext db, TimeProvider clock) : IConversationStore
{
    /// <summary>A follow-up refers to the question just asked, not to one from last week.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromHours(12);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<RememberedQuestion?> LoadAsync(string channel, string conversationId, long repId, CancellationToken cancellationToken)
    {
        var row = await db.ConversationStates.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Channel == channel && s.ConversationId == conversationId && s.RepId == repId, cancellationToken);
        if (row is null || clock.GetUtcNow() - row.UpdatedAt > Expiry)
            return null;
        try
        {
            return JsonSerializer.Deserialize<RememberedQuestion>(row.LastQuestion, Json);
        }
        catch (JsonException)
        {
            return null; // written by an older version: start afresh rather than fail the turn
        }
    }

    public async Task SaveAsync(string channel, string conversationId, long repId, RememberedQuestion question, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(question, Json);
        var now = clock.GetUtcNow();
        // One upsert on the unique index: two turns of the same conversation racing each other both succeed and
        // the later one wins, with no check-then-insert window. The syntax is the same on SQLite and PostgreSQL;
        // the instant is passed as each provider stores it (UTC ticks on SQLite, see UtcTicksConverter).
        var updatedAt = db.Instant(now);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ConversationStates" ("Channel", "ConversationId", "RepId", "LastQuestion", "UpdatedAt")
            VALUES ({channel}, {conversationId}, {repId}, {json}, {updatedAt})
            ON CONFLICT ("Channel", "ConversationId", "RepId") DO UPDATE SET "LastQuestion" = excluded."LastQuestion", "UpdatedAt" = excluded."UpdatedAt"
            """, cancellationToken);
    }
}
