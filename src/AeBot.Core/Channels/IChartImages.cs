namespace AeBot.Core.Channels;

/// <summary>
/// Chart pictures kept for channels that show images by URL (a Teams card must stay under ~40 KB, and a chart as a
/// data URI alone is 25–30 KB). The id is random and unguessable; that URL is the only way to the picture.
/// </summary>
public interface IChartImages
{
    /// <summary>Stores the PNG; returns its id.</summary>
    Task<string> SaveAsync(byte[] png, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The PNG, or null when unknown or expired.</summary>
    Task<byte[]?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);
}
