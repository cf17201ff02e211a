using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Data.Channels;

/// <summary>
/// Group commit for inbound requests. Each request still waits until its row is committed before it is
/// acknowledged — nothing acknowledged can be lost — but the rows that arrive together are written in one
/// transaction by one writer: under load a commit carries dozens of requests instead of one, and requests never
/// queue for SQLite's write lock. With no load a batch is one row and nothing waits.
/// </summary>
public sealed partial class InboundQueueWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<InboundQueueWriter> _logger;
    private readonly Task _writer;

    private sealed record Pending(string Channel, string Kind, string Key, string Body, DateTimeOffset ReceivedAt, TaskCompletionSource<bool> Stored);

    public InboundQueueWriter(IServiceScopeFactory scopes, ILogger<InboundQueueWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Completes once the row is committed: true when stored, false when the key was already there.</summary>
    public Task<bool> EnqueueAsync(string channel, string kind, string deliveryKey, string body, DateTimeOffset receivedAt)
    {
        var key = deliveryKey.Length <= 100 ? deliveryKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)));
        var pending = new Pending(channel, kind, key, body, receivedAt, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new InvalidOperationException("The inbound queue is shutting down.");
        return pending.Stored.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                var stored = await CommitAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Stored.TrySetResult(stored[i]);
            }
            catch (Exception e)
            {
                LogFailed(_logger, e, batch.Count);
                foreach (var item in batch)
                    item.Stored.TrySetException(e); // the request fails (5xx) and Slack retries it: still nothing lost
            }
        }
    }

    private async Task<bool[]> CommitAsync(List<Pending> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "InboundQueue" ("Channel", "Kind", "DeliveryKey", "Body", "ReceivedAt", "Attempts")
            VALUES (@channel, @kind, @key, @body, @at, 0)
            ON CONFLICT ("Channel", "DeliveryKey") DO NOTHING
            """;
        var channel = Parameter(command, "@channel");
        var kind = Parameter(command, "@kind");
        var key = Parameter(command, "@key");
        var body = Parameter(command, "@body");
        var at = Parameter(command, "@at");
        var stored = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            channel.Value = batch[i].Channel;
            kind.Value = batch[i].Kind;
            key.Value = batch[i].Key;
            body.Value = batch[i].Body;
            at.Value = db.Instant(batch[i].ReceivedAt);
            stored[i] = await command.ExecuteNonQueryAsync() == 1;
        }
        await transaction.CommitAsync();
        return stored;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} inbound request(s); they are refused and will be redelivered")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
