using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace AeBot.Scheduling.Hosting;

/// <summary>
/// Who may open the Hangfire dashboard: a request from this machine that did not pass through a proxy, or one
/// carrying the configured API key. A request forwarded by a reverse proxy arrives from loopback too, so any
/// forwarding header makes it a remote one — the dashboard is never open on a public interface by accident.
/// </summary>
internal sealed class DashboardAccess(string? apiKey) : IDashboardAuthorizationFilter
{
    private readonly byte[]? _key = string.IsNullOrWhiteSpace(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey.Trim());

    public bool Authorize(DashboardContext context) => Allows(context.GetHttpContext());

    public bool Allows(HttpContext http)
    {
        if (_key is not null && http.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), _key))
            return true;
        return !ThroughAProxy(http.Request.Headers) && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }

    // A reverse proxy on this machine connects from loopback for everyone: any header a proxy adds to say who the
    // client really is (whichever one a given proxy uses) means the request did not start here.
    // X-Original-*: what ASP.NET Core's forwarded-headers middleware leaves after rewriting the remote address from
    // X-Forwarded-For (to whatever the client claimed). A proxy that adds no header at all cannot be told from a local
    // client: behind one, set Scheduling:DashboardApiKey.
    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "X-Cluster-Client-IP", "Fastly-Client-IP"];

    private static bool ThroughAProxy(IHeaderDictionary headers) =>
        headers.Keys.Any(h => h.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) || h.StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase))
        || ProxyHeaders.Any(headers.ContainsKey);
}
