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
        // Update first; insert when there is no row. Two turns racing to insert meet the unique index, and the
        // loser updates instead — the database decides, not a check-then-insert.
        var updated = await db.ConversationStates
            .Where(s => s.Channel == channel && s.ConversationId == conversationId && s.RepId == repId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastQuestion, json).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (updated > 0)
            return;
        db.ConversationStates.Add(new ConversationStateRow { Channel = channel, ConversationId = conversationId, RepId = repId, LastQuestion = json, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await db.ConversationStates
                .Where(s => s.Channel == channel && s.ConversationId == conversationId && s.RepId == repId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastQuestion, json).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
