using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Data.Channels;

/// <summary>
/// Group commit for inbound requests. Each request still waits until its row is committed before it is
/// acknowledged — nothing acknowledged can be lost — but the rows that arrive together are written in one
/// transaction: under load a commit carries dozens of requests instead of one, and requests never queue for the
/// database's write lock. There is no writer thread: the first request to find nobody committing commits its own
/// row and whatever arrived meanwhile, so with no load a request pays no hand-over between threads, and under load
/// the hand-overs are one per batch. The connection and its prepared insert live as long as the writer.
/// </summary>
public sealed partial class InboundQueueWriter(IServiceScopeFactory scopes, ILogger<InboundQueueWriter> logger) : IInboundInbox, IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<Pending> _pending = new();
    private readonly List<Pending> _batch = new(MaxBatch);
    private int _committing; // 1 while a caller holds the commit
    private bool _disposed;
    private Writer? _writer;

    private sealed record Pending(InboundRequest Request, string Key, string Conversation, TaskCompletionSource<bool> Stored);

    public async Task<bool> EnqueueAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        // Longer keys than the columns hold are hashed: still unique, still the same for a redelivery.
        var pending = new Pending(request, StoredKey(request.DeliveryKey), Fit(request.Conversation, 200), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _committing, 1, 0) == 0)
            await CommitPendingAsync();
        // A caller that gives up (the client hung up) stops waiting; the row is still written with its batch.
        return await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The delivery key as the row keeps it (hashed when longer than the column).</summary>
    public static string StoredKey(string deliveryKey) => Fit(deliveryKey, 100);

    private static string Fit(string value, int length) =>
        value.Length <= length ? value : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>
    /// Commits one batch (the caller's row is in it) while holding the commit; whoever enqueues meanwhile just waits
    /// for its row. What is still pending afterwards goes on in the background with the commit still held, so a
    /// request that took the commit never waits for more than its own batch, however busy the door is.
    /// </summary>
    private async Task CommitPendingAsync()
    {
        _batch.Clear();
        while (_batch.Count < MaxBatch && _pending.TryDequeue(out var item))
            _batch.Add(item);
        if (_batch.Count > 0)
            await CommitBatchAsync();
        if (_pending.IsEmpty)
        {
            Volatile.Write(ref _committing, 0);
            // Something enqueued after the drain but before the release found the commit held and is waiting:
            // take the commit back for it unless its own caller already has.
            if (_pending.IsEmpty || Interlocked.CompareExchange(ref _committing, 1, 0) != 0)
                return;
        }
        _ = Task.Run(CommitPendingAsync); // CommitBatchAsync catches everything: this task never faults
    }

    private async Task CommitBatchAsync()
    {
        try
        {
            _writer ??= await Writer.OpenAsync(scopes);
            var stored = await _writer.InsertAsync(_batch);
            for (var i = 0; i < _batch.Count; i++)
                _batch[i].Stored.TrySetResult(stored[i]);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, _batch.Count);
            // A broken connection is opened afresh for the next batch.
            if (_writer is not null)
                await _writer.DisposeAsync();
            _writer = null;
            foreach (var item in _batch)
                item.Stored.TrySetException(e); // the request fails (5xx) and Slack retries it: still nothing lost
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so the container may dispose it twice; the second time is a no-op.
        if (Interlocked.Exchange(ref _disposed, true))
            return;
        // Take the commit for good, so no caller is using the connection when it closes.
        var spinner = new SpinWait();
        while (Interlocked.CompareExchange(ref _committing, 1, 0) != 0)
            spinner.SpinOnce();
        while (_pending.TryDequeue(out var left))
            left.Stored.TrySetException(new ObjectDisposedException(nameof(InboundQueueWriter)));
        if (_writer is not null)
            await _writer.DisposeAsync();
    }

    /// <summary>An open connection (from its own DI scope, so it has the app's connection set-up) and a prepared insert.</summary>
    private sealed class Writer(AsyncServiceScope scope, DbConnection connection, DbCommand insert, bool ticks) : IAsyncDisposable
    {
        public static async Task<Writer> OpenAsync(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
                await db.Database.OpenConnectionAsync();
                var connection = db.Database.GetDbConnection();
                var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO "InboundQueue" ("Channel", "Kind", "DeliveryKey", "Conversation", "Body", "ReceivedAt", "ProcessedAt", "Attempts")
                    VALUES (@channel, @kind, @key, @conversation, @body, @at, @processed, 0)
                    ON CONFLICT ("Channel", "DeliveryKey") DO NOTHING
                    """;
                foreach (var name in (string[])["@channel", "@kind", "@key", "@body", "@at", "@processed", "@conversation"])
                    insert.AddParameter(name);
                var ticks = db.Database.IsSqlite();
                // Typed, as it is often null and the provider cannot tell the column's type from a null.
                insert.Parameters[5].DbType = ticks ? System.Data.DbType.Int64 : System.Data.DbType.DateTimeOffset;
                return new Writer(scope, connection, insert, ticks);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        public async Task<bool[]> InsertAsync(List<Pending> batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            var stored = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var request = batch[i].Request;
                insert.Parameters[0].Value = request.Channel;
                insert.Parameters[1].Value = request.Kind;
                insert.Parameters[2].Value = batch[i].Key;
                insert.Parameters[3].Value = request.Body;
                var at = SqlParameters.Instant(ticks, request.ReceivedAt);
                insert.Parameters[4].Value = at;
                insert.Parameters[5].Value = request.NeedsProcessing ? DBNull.Value : at;
                insert.Parameters[6].Value = batch[i].Conversation;
                stored[i] = await insert.ExecuteNonQueryAsync() == 1;
            }
            await transaction.CommitAsync();
            return stored;
        }

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await scope.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} inbound request(s); they are refused and will be redelivered")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
