namespace AeBot.Crm.HubSpot;

/// <summary>
/// Innermost handler: sees every attempt the resilience handler makes, so every request on the wire is counted and
/// every answer's Date and daily-limit headers are read.
/// </summary>
internal sealed class HubSpotUsageHandler(HubSpotPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        pacer.Usage.Count();
        var response = await base.SendAsync(request, cancellationToken);
        pacer.Observe(response);
        return response;
    }
}
