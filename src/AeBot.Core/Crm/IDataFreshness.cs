namespace AeBot.Core.Crm;

/// <summary>
/// Whether the data answers come from is current. With a CRM connected and its sync failing (a refused token, the
/// CRM unreachable for a while), answers still come from what was last synced — and say as of when.
/// </summary>
public interface IDataFreshness
{
    /// <summary>Null when the data is current (or no CRM is connected).</summary>
    Task<StaleData?> StaleAsync(CancellationToken cancellationToken);
}

/// <param name="Source">"HubSpot", "Salesforce".</param>
/// <param name="LastSuccess">The end of the last sync that worked; null if none ever did.</param>
/// <param name="Problem">Why the sync is failing, in a few words ("HubSpot refused AeBot's token").</param>
public sealed record StaleData(string Source, DateTimeOffset? LastSuccess, string Problem);

/// <summary>No CRM connected: the data is whatever was imported, and always current.</summary>
public sealed class AlwaysFresh : IDataFreshness
{
    public Task<StaleData?> StaleAsync(CancellationToken cancellationToken) => Task.FromResult<StaleData?>(null);
}
